//! The organisation view's rows of the key table: `O` opens it wherever a record or a pair
//! is under the cursor or on top; inside it, the navigation keys scroll.

use crate::tui::action::Action;
use crate::tui::features::org::OrgAction;
use crate::tui::keys::{Context, Def, Section};

/// Where `O` opens the organisation view.
const OPENS: &[Context] = &[
    Context::Desk,
    Context::Record,
    Context::Board,
    Context::Agenda,
    Context::PairDetail,
    Context::Org,
];
const VIEW: &[Context] = &[Context::Org];

/// The organisation view's rows, in help order.
pub fn defaults() -> Vec<Def> {
    let d = Def::new;
    let org = Action::Org;
    vec![
        d(
            "open_org",
            org(OrgAction::Open),
            Section::Records,
            OPENS,
            &["O"],
            "所属单位（需求、成果、配对、联系人）",
            "its organisation (demands, results, pairs, people)",
        ),
        d(
            "org_down",
            org(OrgAction::Scroll(1)),
            Section::Navigation,
            VIEW,
            &["j", "down"],
            "向下滚动",
            "scroll down",
        ),
        d(
            "org_up",
            org(OrgAction::Scroll(-1)),
            Section::Navigation,
            VIEW,
            &["k", "up"],
            "向上滚动",
            "scroll up",
        ),
        d(
            "org_page_down",
            org(OrgAction::Scroll(10)),
            Section::Navigation,
            VIEW,
            &["pagedown", "space"],
            "向下翻页",
            "page down",
        ),
        d(
            "org_page_up",
            org(OrgAction::Scroll(-10)),
            Section::Navigation,
            VIEW,
            &["pageup"],
            "向上翻页",
            "page up",
        ),
        d(
            "org_next_contact",
            org(OrgAction::NextContact),
            Section::Records,
            VIEW,
            &["tab"],
            "选下一个联系人",
            "pick the next contact",
        ),
        d(
            "org_add_contact",
            org(OrgAction::AddContact),
            Section::Records,
            VIEW,
            &["+"],
            "为该单位新增联系人",
            "add a contact to the organisation",
        ),
        d(
            "org_edit_contact",
            org(OrgAction::EditContact),
            Section::Records,
            VIEW,
            &["e"],
            "编辑选中的联系人",
            "edit the picked contact",
        ),
        d(
            "org_top",
            org(OrgAction::Top),
            Section::Navigation,
            VIEW,
            &["g", "home"],
            "回到顶部",
            "to the top",
        ),
    ]
}
