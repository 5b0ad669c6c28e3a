//! Messages of the lookup by person and number: `find`'s contact rows and the desk's band of
//! the people a search names.

catalogue! {
/// One message of the lookup by person and number, in both languages.
pub enum LookupMsg {
    /// The kind of a contact row in `find`.
    KindContact => ("联系人", "contact"),
    /// The band's title before the people found.
    Band => ("来电/联系人", "people"),
    /// More people matched than the band shows: how many more.
    More => ("另有 {} 人", "{} more"),
    /// What a person reaches: demands, results.
    Reaches => ("需求 {} · 成果 {}", "demands {} · results {}"),
    /// The band's key hint: the open key, the organisation key.
    Hint => ("{}/{} 打开单位", "{}/{} its organisation"),
    /// A person with no organisation: their code and name.
    NoOrg => ("{} {} 没有所属单位", "{} {} belongs to no organisation"),
    /// No organisation, in the band.
    NoOrgShort => ("无单位", "no organisation"),
    /// Detail lines of a person.
    Name => ("姓名", "name"),
    Role => ("职务", "role"),
    Org => ("单位", "organisation"),
    Phones => ("电话", "phones"),
    Email => ("邮箱", "email"),
    Note => ("备注", "note"),
    Records => ("记录", "records"),
    /// The heading of a person's detail: their code.
    Heading => ("联系人 {}", "contact {}"),
}
}
