//! The runner's part of the organisation view: reading it for a record, pair, contact or
//! code, and saving a contact from it (journalled as the desk's, so `u` undoes it).

use crate::store::Sql;

use crate::db::Db;
use crate::domain::contact::Contact;
use crate::domain::undo::desk;
use crate::pipeline::org_view::{self, OrgOf};
use crate::pipeline::orgs::{self, OrgError};
use crate::tui::action::Action;
use crate::tui::features::org::{OrgAction, OrgEffect};

/// Performs one effect of the organisation view.
pub fn run(db: &mut Db, effect: OrgEffect) -> Vec<Action> {
    match effect {
        OrgEffect::Load(of) => vec![load(db.conn(), of)],
        OrgEffect::SaveContact(c) => vec![save(db, *c)],
    }
}

/// The organisation view behind `of`, as the action that shows it (or says why not).
pub fn load(conn: &dyn Sql, of: OrgOf) -> Action {
    match org_view::detail_for(conn, of) {
        Ok(d) => Action::Org(OrgAction::Shown(Box::new(d))),
        Err(OrgError::NoOrg) => Action::Org(OrgAction::NoOrg),
        Err(e) => Action::Failed(crate::sanitize::one_line(&e.to_string())),
    }
}

fn save(db: &mut Db, c: Contact) -> Action {
    let saved = if c.id == 0 {
        orgs::add_contact(db, c, None, &desk())
    } else {
        let code = c.code();
        orgs::edit_contact(
            db,
            &code,
            None,
            |x| {
                x.name = c.name;
                x.phones = c.phones;
                x.email = c.email;
                x.role = c.role;
                x.note = c.note;
            },
            &desk(),
        )
    };
    let saved = match saved {
        Ok(s) => s,
        Err(e) => {
            return Action::Org(OrgAction::SaveFailed(crate::sanitize::one_line(
                &e.to_string(),
            )));
        }
    };
    let Some(org) = saved.org_id else {
        return Action::Info(saved.code());
    };
    match org_view::detail_for(db.conn(), OrgOf::Org(org)) {
        Ok(d) => Action::Org(OrgAction::ContactSaved {
            code: saved.code(),
            detail: Box::new(d),
        }),
        Err(e) => Action::Failed(crate::sanitize::one_line(&e.to_string())),
    }
}
