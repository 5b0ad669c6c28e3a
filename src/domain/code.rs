//! Short stable codes shown everywhere and accepted case-insensitively: D12, R34, P3.

use std::fmt;
use std::str::FromStr;

/// What a code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    Demand,
    Achievement,
    Pair,
}

impl CodeKind {
    pub fn prefix(self) -> char {
        match self {
            CodeKind::Demand => 'D',
            CodeKind::Achievement => 'R',
            CodeKind::Pair => 'P',
        }
    }
}

/// A record or pair code: a kind letter and the row's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    pub kind: CodeKind,
    pub num: i64,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{0}` is not a code: expected D12 (demand), R34 (result) or P3 (pair)")]
pub struct CodeError(pub String);

impl FromStr for Code {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let mut chars = t.chars();
        let kind = match chars.next().map(|c| c.to_ascii_uppercase()) {
            Some('D') => CodeKind::Demand,
            Some('R') => CodeKind::Achievement,
            Some('P') => CodeKind::Pair,
            _ => return Err(CodeError(s.to_string())),
        };
        let num: i64 = chars
            .as_str()
            .parse()
            .map_err(|_| CodeError(s.to_string()))?;
        if num <= 0 {
            return Err(CodeError(s.to_string()));
        }
        Ok(Code { kind, num })
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind.prefix(), self.num)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_case_insensitively_and_print_upper() {
        let c: Code = "d12".parse().unwrap();
        assert_eq!(
            c,
            Code {
                kind: CodeKind::Demand,
                num: 12
            }
        );
        assert_eq!(c.to_string(), "D12");
        assert_eq!(" r3 ".parse::<Code>().unwrap().to_string(), "R3");
        assert_eq!("P7".parse::<Code>().unwrap().kind, CodeKind::Pair);
    }

    #[test]
    fn bad_codes_are_refused() {
        for bad in ["", "X1", "D", "D0", "D-1", "Dx", "12"] {
            assert!(bad.parse::<Code>().is_err(), "{bad}");
        }
    }
}
