use super::*;
use crate::domain::org::Org;
use crate::domain::{Kind, Money, Record};
use crate::i18n::Lang;
use crate::tui::keys::Keymap;

fn model() -> Model {
    let mut r = Record::new(Kind::Demand, "铜箔");
    r.id = 7;
    r.seq = 1;
    r.org = "汉威科技".into();
    Model::new(vec![r], Keymap::default(), Lang::En, "x.db")
}

fn detail(contacts: &[&str]) -> Box<OrgDetail> {
    Box::new(OrgDetail {
        org: Org {
            id: 3,
            seq: 3,
            name: "汉威科技".into(),
            ..Org::default()
        },
        code: "O3".into(),
        region_label: String::new(),
        keys: vec![],
        demands: vec![],
        results: vec![],
        pairs: vec![],
        followups: vec![],
        contacts: contacts
            .iter()
            .enumerate()
            .map(|(i, n)| Contact {
                id: i as i64 + 1,
                seq: i as i64 + 1,
                name: (*n).into(),
                org_id: Some(3),
                ..Contact::default()
            })
            .collect(),
        signed: Money::default(),
        landed: Money::default(),
    })
}

#[test]
fn o_asks_for_the_selected_records_organisation_and_the_answer_opens_it() {
    let mut m = model();
    let fx = update(&mut m, OrgAction::Open);
    assert_eq!(fx, vec![Effect::Org(OrgEffect::Load(OrgOf::Record(7)))]);
    update(&mut m, OrgAction::Shown(detail(&["张工"])));
    assert!(matches!(
        m.overlays.last(),
        Some(Overlay::Org { pick: None, .. })
    ));
    // `O` inside the view does nothing more; a second answer replaces it, not stacks.
    assert!(update(&mut m, OrgAction::Open).is_empty());
    update(&mut m, OrgAction::Shown(detail(&["张工", "李总"])));
    assert_eq!(m.overlays.len(), 1);
    update(&mut m, OrgAction::NoOrg);
    assert!(m.message.is_some());
}

#[test]
fn tab_picks_a_contact_and_the_form_saves_it_as_an_effect() {
    let mut m = model();
    update(&mut m, OrgAction::Shown(detail(&["张工", "李总"])));
    // Two contacts and none picked: `e` says how to pick one.
    update(&mut m, OrgAction::EditContact);
    assert!(matches!(m.overlays.last(), Some(Overlay::Org { .. })));
    update(&mut m, OrgAction::NextContact);
    update(&mut m, OrgAction::NextContact);
    assert!(matches!(
        m.overlays.last(),
        Some(Overlay::Org { pick: Some(1), .. })
    ));
    update(&mut m, OrgAction::NextContact);
    assert!(matches!(
        m.overlays.last(),
        Some(Overlay::Org { pick: Some(0), .. })
    ));
    update(&mut m, OrgAction::EditContact);
    let Some(Overlay::ContactForm(f)) = m.overlays.last() else {
        panic!("no form");
    };
    assert_eq!(f.base().name, "张工");
    form_input(&mut m, &Input::Type('!'));
    let fx = form_input(&mut m, &Input::Save);
    let [Effect::Org(OrgEffect::SaveContact(c))] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!((c.id, c.name.as_str(), c.org_id), (1, "张工!", Some(3)));
    update(
        &mut m,
        OrgAction::ContactSaved {
            code: "C1".into(),
            detail: detail(&["张工!", "李总"]),
        },
    );
    assert_eq!(
        m.overlays.len(),
        1,
        "the form closed over the view read again"
    );
}

#[test]
fn plus_opens_an_empty_form_for_the_organisation() {
    let mut m = model();
    update(&mut m, OrgAction::Shown(detail(&[])));
    update(&mut m, OrgAction::AddContact);
    let Some(Overlay::ContactForm(f)) = m.overlays.last() else {
        panic!("no form");
    };
    assert_eq!((f.base().id, f.base().org_id), (0, Some(3)));
    assert!(form_input(&mut m, &Input::Cancel).is_empty());
    assert!(matches!(m.overlays.last(), Some(Overlay::Org { .. })));
}
