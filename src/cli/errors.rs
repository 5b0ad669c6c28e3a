//! How a failed command reads on stderr: one line, framed and, where the cause is one of our
//! typed errors, worded in the interface language. A closed stdout is not a failure.

use std::error::Error as StdError;

use crate::db::DbError;
use crate::domain::{AmountError, CodeError};
use crate::i18n::Lang;
use crate::i18n::errors::ErrMsg;
use crate::i18n::store::StoreMsg;
use crate::pipeline::{DateError, PipelineError};
use crate::sanitize::one_line;

/// The one error line for `err` (without the newline). English is anyhow's `{:#}` chain,
/// unchanged; Chinese words each typed cause it knows and keeps the rest as written.
pub fn line(err: &anyhow::Error, lang: Lang) -> String {
    let text = match lang {
        Lang::En => format!("{err:#}"),
        Lang::Zh => err
            .chain()
            .map(|e| zh_cause(e).unwrap_or_else(|| e.to_string()))
            .collect::<Vec<_>>()
            .join(": "),
    };
    ErrMsg::Prefix.fill(lang, &[&one_line(&text)])
}

/// Whether `err` is only stdout closed under us (`… | head`): the reader has what it wanted.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<csv::Error>().is_some_and(|c| {
                matches!(c.kind(), csv::ErrorKind::Io(io)
                    if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

/// One cause in Chinese, when it is a typed error this knows.
fn zh_cause(e: &(dyn StdError + 'static)) -> Option<String> {
    if let Some(p) = e.downcast_ref::<PipelineError>() {
        return pipeline_zh(p);
    }
    if let Some(d) = e.downcast_ref::<DbError>() {
        return db_zh(d);
    }
    if let Some(d) = e.downcast_ref::<DateError>() {
        return Some(date_zh(d));
    }
    if let Some(a) = e.downcast_ref::<AmountError>() {
        return Some(a.text(Lang::Zh));
    }
    if let Some(CodeError(text)) = e.downcast_ref::<CodeError>() {
        return Some(ErrMsg::NotACode.fill(Lang::Zh, &[text]));
    }
    None
}

fn pipeline_zh(e: &PipelineError) -> Option<String> {
    let zh = Lang::Zh;
    Some(match e {
        PipelineError::NotFound(code) => ErrMsg::NotFound.fill(zh, &[code]),
        PipelineError::AlreadyPaired {
            demand,
            result,
            pair,
        } => ErrMsg::AlreadyPaired.fill(zh, &[demand, result, pair]),
        PipelineError::NeedDemandAndResult => ErrMsg::NeedDemandAndResult.text(zh).to_string(),
        PipelineError::SameStage { pair, stage } => {
            ErrMsg::SameStage.fill(zh, &[pair, &stage.zh()])
        }
        PipelineError::Missing { pair, to, what } => {
            ErrMsg::Missing.fill(zh, &[pair, &to.zh(), what])
        }
        PipelineError::Conflict {
            pair,
            expected,
            current,
        } => ErrMsg::MovedMeanwhile.fill(zh, &[pair, &current.zh(), &expected.zh()]),
        PipelineError::Changed { pair } => ErrMsg::ChangedMeanwhile.fill(zh, &[pair]),
        PipelineError::Crossed { yours, theirs } => crate::i18n::team::TeamMsg::UndoCrossed.fill(
            zh,
            &[
                &yours.label_in(zh),
                &crate::broker::shown(theirs.actor.as_deref()),
                &theirs.label_in(zh),
            ],
        ),
        PipelineError::Date(d) => date_zh(d),
        PipelineError::Db(d) => return db_zh(d),
        _ => return None,
    })
}

fn db_zh(e: &DbError) -> Option<String> {
    let zh = Lang::Zh;
    Some(match e {
        DbError::NotFound(code) => ErrMsg::NotFound.fill(zh, &[code]),
        DbError::Gone(code) => ErrMsg::Gone.fill(zh, &[code]),
        DbError::Changed(code) => ErrMsg::ChangedMeanwhile.fill(zh, &[code]),
        DbError::Busy(_) => ErrMsg::Busy.text(zh).to_string(),
        DbError::Missing { path } => ErrMsg::NoDatabase.fill(zh, &[&path.display()]),
        DbError::Damaged { path } => ErrMsg::Damaged.fill(zh, &[&path.display()]),
        DbError::ReadOnly { path } => ErrMsg::ReadOnly.fill(zh, &[&path.display()]),
        DbError::Corrupt(e) => ErrMsg::Corrupt.fill(zh, &[e]),
        DbError::ReadOnlyRole(why) => StoreMsg::ReadOnlyRole.fill(zh, &[why]),
        DbError::Lost(why) => StoreMsg::Lost.fill(zh, &[why]),
        _ => return None,
    })
}

fn date_zh(e: &DateError) -> String {
    match e {
        DateError::Empty => ErrMsg::NoDate.text(Lang::Zh).to_string(),
        DateError::Unknown(text) => ErrMsg::NotADate.fill(Lang::Zh, &[text]),
        DateError::Invalid(text) => ErrMsg::BadCalendarDate.fill(Lang::Zh, &[text]),
        DateError::OutOfRange(text) => ErrMsg::DateOutOfRange.fill(Lang::Zh, &[text]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Code;

    #[test]
    fn english_is_the_anyhow_chain_and_chinese_words_typed_causes() {
        let err = anyhow::Error::new(DbError::NotFound("D99".into()));
        assert_eq!(line(&err, Lang::En), "duijie: error: D99 not found");
        assert_eq!(line(&err, Lang::Zh), "duijie: 错误: 未找到 D99");
        let code: Code = "P1".parse().unwrap();
        let err = anyhow::Error::new(PipelineError::Db(DbError::NotFound(code.to_string())))
            .context("--x");
        assert_eq!(line(&err, Lang::Zh), "duijie: 错误: --x: 未找到 P1");
        let err = anyhow::anyhow!("plain\nwords");
        assert_eq!(line(&err, Lang::Zh), "duijie: 错误: plain words");
    }

    #[test]
    fn database_refusals_read_the_same_as_the_catalogue() {
        let path = std::path::PathBuf::from("/x/d.db");
        for (err, msg) in [
            (DbError::Missing { path: path.clone() }, ErrMsg::NoDatabase),
            (DbError::Damaged { path: path.clone() }, ErrMsg::Damaged),
            (DbError::ReadOnly { path: path.clone() }, ErrMsg::ReadOnly),
        ] {
            let err = anyhow::Error::new(err);
            for lang in [Lang::En, Lang::Zh] {
                let want = ErrMsg::Prefix.fill(lang, &[&msg.fill(lang, &[&"/x/d.db"])]);
                assert_eq!(line(&err, lang), want);
            }
        }
    }

    #[test]
    fn shared_database_refusals_read_the_same_as_the_catalogue() {
        let why = "permission denied for table record";
        for (err, msg) in [
            (DbError::ReadOnlyRole(why.into()), StoreMsg::ReadOnlyRole),
            (DbError::Lost(why.into()), StoreMsg::Lost),
        ] {
            let err = anyhow::Error::new(err);
            for lang in [Lang::En, Lang::Zh] {
                let want = ErrMsg::Prefix.fill(lang, &[&msg.fill(lang, &[&why])]);
                assert_eq!(line(&err, lang), want);
            }
        }
    }

    #[test]
    fn a_broken_pipe_is_told_apart() {
        let io = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&anyhow::Error::new(io).context("writing")));
        assert!(!is_broken_pipe(&anyhow::anyhow!("Broken pipe")));
    }
}
