//! Messages of organisations and contacts: `duijie org`, `duijie contact` and the desk's
//! organisation view.

catalogue! {
/// One message about organisations or contacts, in both languages.
pub enum OrgMsg {
    // — errors —
    /// No organisation or contact under that code or name.
    NotFound => ("找不到 {}", "{} not found"),
    /// A name that fits several organisations: the name, then the candidates.
    Ambiguous => ("“{}”对应多个单位：{}；请用编号", "`{}` fits several organisations: {}; give a code"),
    /// Merging an organisation into itself.
    SelfMerge => ("{} 不能合并到自身", "{} cannot be merged into itself"),
    /// Renaming to a name another organisation holds: name, its code and name, the command.
    NameTaken => ("“{}”已是 {} {}：请合并：{}", "`{}` is {} {}: merge them with {}"),
    /// An organisation without a name.
    NoName => ("单位名称不能为空", "an organisation needs a name"),
    /// Not a contact code.
    NotContactCode => ("“{}”不是联系人编号（如 C3）", "`{}` is not a contact code (e.g. C3)"),
    /// `O` on something without an organisation.
    NoOrg => ("没有所属单位：单位字段为空", "no organisation: the org field is empty"),
    /// A kind word that is not one.
    BadKind => (
        "“{}”不是单位类型：enterprise 企业、university 高校、institute 院所、government_or_park 政府/园区、other 其他",
        "`{}` is not a kind: enterprise, university, institute, government_or_park, other"
    ),
    /// Nothing to change.
    NothingToChange => ("没有要修改的内容", "nothing to change"),

    // — done —
    /// After a merge: the gone code, the survivor's code and name.
    Merged => ("已将 {} 合并到 {} {}（duijie undo 可撤销）", "merged {} into {} {} (duijie undo takes it back)"),
    /// After a rename: code, new name.
    Renamed => ("{} 已改名为 {}（duijie undo 可撤销）", "{} renamed to {} (duijie undo takes it back)"),
    /// After an edit: code.
    Edited => ("{} 已修改（duijie undo 可撤销）", "{} changed (duijie undo takes it back)"),
    /// After adding a contact: its code.
    ContactAdded => ("已添加联系人 {}", "added contact {}"),

    // — undo steps —
    /// A merge as the undo step names it: the gone code, the survivor's.
    UndoMerge => ("合并 {} 到 {}", "merge {} into {}"),
    /// A rename as the undo step names it: code, new name.
    UndoRename => ("{} 改名为 {}", "rename {} to {}"),

    // — the view —
    /// The view's title: code, name, the key that closes it.
    ViewTitle => ("单位 {} {}  ({} 关闭)", "Organisation {} {}  ({} closes)"),
    /// Kind label.
    Kind => ("类型", "Kind"),
    /// Region label.
    Region => ("地区", "Region"),
    /// Other written forms of the name.
    AlsoWritten => ("也写作", "Also written"),
    /// Demands section, with count.
    Demands => ("需求 ({})", "Demands ({})"),
    /// Results section, with count.
    Results => ("成果 ({})", "Results ({})"),
    /// Pairs section, with count.
    Pairs => ("配对 ({})", "Pairs ({})"),
    /// Follow-ups section.
    FollowUps => ("最近跟进", "Recent follow-ups"),
    /// Contacts section, with count.
    Contacts => ("联系人 ({})", "Contacts ({})"),
    /// Totals line: signed, landed.
    Totals => ("合计：签约 {} · 落地 {}", "Totals: signed {} · landed {}"),
    /// An empty section.
    None => ("（无）", "(none)"),
    /// Loading the view.
    Loading => ("正在读取单位…", "loading the organisation…"),

    // — the contact form —
    /// Title adding a contact: the organisation.
    FormAdd => ("新增联系人 · {}", "New contact · {}"),
    /// Title editing a contact: code, organisation.
    FormEdit => ("编辑联系人 {} · {}", "Edit contact {} · {}"),
    FieldName => ("姓名", "Name"),
    FieldPhones => ("电话", "Phones"),
    FieldEmail => ("邮箱", "Email"),
    FieldRole => ("职务", "Role"),
    FieldNote => ("备注", "Note"),
    /// A phone with fewer than 7 digits.
    BadPhone => ("不是电话号码（至少 7 位数字；多个用 / 分隔）", "not a phone number (7+ digits; several: separate with /)"),
    /// An email without @.
    BadEmail => ("不是邮箱", "not an email"),
    /// Nothing to know the person by.
    NeedNameOrNumber => ("需要姓名、电话或邮箱", "needs a name, a phone or an email"),
    /// After saving a contact from the desk: its code.
    ContactSaved => ("已保存联系人 {}（u 撤销）", "saved contact {} (u undoes)"),
    /// `e` with no contact picked: the key that picks one.
    PickContact => ("先用 {} 选一个联系人", "pick a contact first with {}"),
    /// The org view's hint: keys of next contact, add, edit, close.
    ViewHint => ("{} 选联系人 · {} 新增 · {} 编辑 · {} 关闭", "{} pick contact · {} add · {} edit · {} close"),

    // — lists —
    /// Header of `org list`.
    ListHeader => ("编号\t名称\t类型\t地区\t需求\t成果\t配对\t联系人", "code\tname\tkind\tregion\tdemands\tresults\tpairs\tcontacts"),
    /// Header of `contact list`.
    ContactHeader => ("编号\t姓名\t电话\t邮箱\t单位\t职务", "code\tname\tphones\temail\torganisation\trole"),
    /// Records linked to a contact.
    ContactRecords => ("相关记录", "Records"),
    /// Nothing listed.
    Empty => ("（没有单位或联系人）", "(no organisations or contacts)"),
}
}
