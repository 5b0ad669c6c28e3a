//! What an undo step did, as data and as words: the label journalled with each step, and the
//! step the desk announces before it undoes it.

use serde::{Deserialize, Serialize};

use crate::domain::{Channel, Kind, Stage};

/// What a step did, journalled as data (JSON in the entry's label) and worded when shown,
/// in the language of whoever looks. Entries from before labels were data hold English text,
/// shown as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Label {
    Add {
        code: String,
    },
    Edit {
        code: String,
    },
    Delete {
        code: String,
        pairs: u64,
    },
    DeletePair {
        code: String,
    },
    Pair {
        code: String,
        demand: String,
        result: String,
    },
    /// Stages as their keys (`candidate`, `contacted`…).
    Move {
        code: String,
        from: String,
        to: String,
    },
    /// The channel as its key (`phone`…).
    Log {
        code: String,
        channel: String,
    },
    Import {
        name: String,
        kind: Kind,
        added: u64,
        updated: u64,
    },
    /// A call noted in a record's own log: the record, the channel as its key.
    Note {
        code: String,
        channel: String,
    },
    /// A call logged on each open pair of a record: the record, the pairs, the channel.
    Call {
        code: String,
        pairs: Vec<String>,
        channel: String,
    },
    /// Organisation `from` merged into `into` (codes).
    MergeOrg {
        from: String,
        into: String,
    },
    /// Organisation `code` renamed to `name`.
    RenameOrg {
        code: String,
        name: String,
    },
    /// Pair `code` handed over from `from` (`None`: nobody's) to `to`.
    Handover {
        code: String,
        from: Option<String>,
        to: String,
    },
}

impl Label {
    /// The form stored in the journal.
    pub fn stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The label in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::phone::PhoneMsg;
        use crate::i18n::undo::UndoMsg as M;
        let stage = |key: &str| {
            Stage::parse(key).map_or_else(
                || key.to_string(),
                |s| lang.pick(s.zh(), s.key()).to_string(),
            )
        };
        match self {
            Label::Add { code } => M::Add.fill(lang, &[code]),
            Label::Edit { code } => M::Edit.fill(lang, &[code]),
            Label::Delete { code, pairs: 0 } => M::Delete.fill(lang, &[code]),
            Label::Delete { code, pairs } => M::DeleteWithPairs.fill(lang, &[code, pairs]),
            Label::DeletePair { code } => M::DeletePair.fill(lang, &[code]),
            Label::Pair {
                code,
                demand,
                result,
            } => M::Pair.fill(lang, &[code, demand, result]),
            Label::Move { code, from, to } => M::Move.fill(lang, &[code, &stage(from), &stage(to)]),
            Label::Log { code, channel } => {
                M::Log.fill(lang, &[code, &channel_word(channel, lang)])
            }
            Label::Note { code, channel } => {
                PhoneMsg::UndoNote.fill(lang, &[code, &channel_word(channel, lang)])
            }
            Label::Call {
                code,
                pairs,
                channel,
            } => PhoneMsg::UndoCall.fill(
                lang,
                &[&pairs.join(", "), code, &channel_word(channel, lang)],
            ),
            Label::MergeOrg { from, into } => {
                crate::i18n::orgs::OrgMsg::UndoMerge.fill(lang, &[from, into])
            }
            Label::RenameOrg { code, name } => {
                crate::i18n::orgs::OrgMsg::UndoRename.fill(lang, &[code, name])
            }
            Label::Handover { code, from, to } => crate::i18n::team::TeamMsg::UndoHandover
                .fill(lang, &[code, &crate::broker::shown(from.as_deref()), to]),
            Label::Import {
                name,
                kind,
                added,
                updated,
            } => match kind {
                Kind::Demand => M::ImportDemands,
                Kind::Achievement => M::ImportResults,
            }
            .fill(lang, &[name, added, updated]),
        }
    }

    /// A journalled label in `lang`: worded from its data, or as stored when it is text.
    pub fn show(stored: &str, lang: crate::i18n::Lang) -> String {
        if stored.starts_with('{')
            && let Ok(label) = serde_json::from_str::<Label>(stored)
        {
            return label.text(lang);
        }
        stored.to_string()
    }
}

/// A channel key as a label names it: the Chinese word, or the key in English.
fn channel_word(key: &str, lang: crate::i18n::Lang) -> String {
    Channel::parse(key).map_or_else(
        || key.to_string(),
        |c| lang.pick(c.zh(), c.key()).to_string(),
    )
}

/// The step undo would take back, as the desk announces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoStep {
    /// What the step did ("move P3 candidate → contacted").
    pub label: String,
    /// When (RFC 3339).
    pub at: String,
    /// Who: "cli", "desk:<pid>", or '' for steps older than origins.
    pub origin: String,
    /// The broker who made it (`None`: before names were recorded).
    pub actor: Option<String>,
}

impl UndoStep {
    /// Whether the step was made by someone else than `origin` (another process).
    pub fn is_from_elsewhere(&self, origin: &str) -> bool {
        self.origin != origin
    }

    /// What the step did, in `lang`.
    pub fn label_in(&self, lang: crate::i18n::Lang) -> String {
        Label::show(&self.label, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_worded_in_the_readers_language_and_old_text_labels_stay_as_written() {
        use crate::i18n::Lang::{En, Zh};
        let moved = Label::Move {
            code: "P3".into(),
            from: "candidate".into(),
            to: "contacted".into(),
        }
        .stored();
        assert_eq!(Label::show(&moved, En), "move P3 candidate → contacted");
        assert_eq!(Label::show(&moved, Zh), "P3 从“候选”移到“已联系”");
        let deleted = Label::Delete {
            code: "D135".into(),
            pairs: 2,
        }
        .stored();
        assert_eq!(Label::show(&deleted, Zh), "删除 D135 及其 2 个配对");
        let logged = Label::Log {
            code: "P1".into(),
            channel: "phone".into(),
        };
        assert_eq!(logged.text(Zh), "在 P1 记录跟进（电话）");
        assert_eq!(Label::show("pair P1", Zh), "pair P1");
        assert_eq!(Label::show("{not json", En), "{not json");
    }
}
