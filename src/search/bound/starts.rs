//! How a row's fields begin, as its bound needs it: the fields held in the folded text only
//! ([`Tails`]) and what may come second in a match starting a field ([`Second`]).

use crate::search::keys::{FIELD_SEP, PHONE, TEXT_ONLY_FROM};
use crate::search::score::{FILLS_FIELD, STARTS_FIELD, TIER_FUZZY, WEIGHT};
use crate::search::sieve;

/// The first byte and the length (up to 254) of each field from [`TEXT_ONLY_FROM`] on (phone
/// and email); a first byte of 0xFF (never in UTF-8) means not known, and then a match may
/// start or fill the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tails([(u8, u8); TAILS]);

/// Fields held in the folded text only.
const TAILS: usize = WEIGHT.len() - TEXT_ONLY_FROM;

impl Default for Tails {
    fn default() -> Tails {
        Tails([(0xFF, 0xFF); TAILS])
    }
}

impl Tails {
    pub(super) fn of(fold: &str) -> Tails {
        let mut t = Tails([(0, 0); TAILS]);
        let fields = fold.split(FIELD_SEP).skip(TEXT_ONLY_FROM);
        for (i, (slot, f)) in t.0.iter_mut().zip(fields).enumerate() {
            let b = f.as_bytes();
            // A phone field of anything but digits (keys of another making) bounds loosely.
            let odd = TEXT_ONLY_FROM + i == PHONE && !b.iter().all(|&c| is_phone_byte(c));
            *slot = if odd {
                (0xFF, 0xFF)
            } else {
                (b.first().copied().unwrap_or(0), b.len().min(254) as u8)
            };
        }
        t
    }

    /// The most a tier-1 match of `q` (a folded query) can add in these fields; None when
    /// none of them can hold it. Phone fields hold digits and the spaces between numbers only
    /// ([`super::super::keys::phone_digits`]).
    pub(super) fn bound(self, q: &[u8]) -> Option<i64> {
        let digits = q.iter().all(|&b| is_phone_byte(b));
        self.0
            .iter()
            .enumerate()
            .filter_map(|(i, &(first, len))| {
                let f = TEXT_ONLY_FROM + i;
                let known = first != 0xFF;
                let short = len < 254 && usize::from(len) < q.len();
                if known && (len == 0 || short || (f == PHONE && !digits)) {
                    return None;
                }
                let starts = !known || first == q[0];
                let fills = !known || usize::from(len) == q.len().min(254);
                Some(
                    WEIGHT[f]
                        + if starts { STARTS_FIELD } else { 0 }
                        + if starts && fills { FILLS_FIELD } else { 0 },
                )
            })
            .max()
            .map(|b| b.min(TIER_FUZZY - 1))
    }
}

/// A byte a phone field's key may hold: digits, and spaces between numbers.
fn is_phone_byte(b: u8) -> bool {
    b.is_ascii_digit() || b == b' '
}

/// The bytes that may come second in a tier-2 match starting a field: the second byte of its
/// initials (a match of the initials), the second byte of its pinyin (a first syllable typed
/// beyond its first letter) and the first byte of its second syllable (a first syllable typed
/// as its first letter only). Up to two distinct symbols, each stored plus one in six bits;
/// more sets [`Second::ANY`]. A query whose second byte is none of them cannot start the field
/// (for `dian`: fields starting 大 da, 的 de, 动 dong, but not 电 dian or 低 di).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Second(pub(super) u16);

impl Second {
    const ANY: u16 = 1 << 12;
    /// The first symbol held is the second byte of the initials (set also with ANY).
    const INI: u16 = 1 << 13;
    /// The initials have no second letter or digit. Neither this nor INI: not known (a head
    /// read from a cache file of an earlier making), and then any match may fill the field.
    const NO_INI: u16 = 1 << 14;

    pub(super) fn of(initials: &[u8], pinyin: &[u8]) -> Second {
        let next = pinyin
            .iter()
            .position(|&b| b == b' ')
            .and_then(|at| pinyin.get(at + 1));
        let mut held = [0u16; 3];
        let mut n = 0;
        for b in [initials.get(1), pinyin.get(1), next].into_iter().flatten() {
            if let Some(c) = sieve::symbol(*b)
                && !held[..n].contains(&(c as u16 + 1))
            {
                held[n] = c as u16 + 1;
                n += 1;
            }
        }
        // The initials' second byte, when a symbol, was taken first: held[0].
        let ini = match initials.get(1).and_then(|&b| sieve::symbol(b)) {
            Some(_) => Self::INI,
            None => Self::NO_INI,
        };
        match n {
            0..=2 => Second(held[0] | held[1] << 6 | ini),
            _ => Second(Self::ANY | held[0] | ini),
        }
    }

    /// Whether a match of the initials may start the field with `b` second: only such a match
    /// fills a field (a syllable-prefix match earns no fill bonus).
    pub(super) fn initials_allow(self, b: u8) -> bool {
        if self.0 & (Self::INI | Self::NO_INI) == 0 {
            return true;
        }
        self.0 & Self::INI != 0 && sieve::symbol(b).is_some_and(|c| self.0 & 63 == c as u16 + 1)
    }

    /// Whether a match may start the field with `b` second.
    pub(super) fn allows(self, b: u8) -> bool {
        if self.0 & Self::ANY != 0 {
            return true;
        }
        let Some(c) = sieve::symbol(b) else {
            return false;
        };
        let c = c as u16 + 1;
        self.0 & 63 == c || self.0 >> 6 & 63 == c
    }
}
