//! The ranking's levers, each one a switch, so the evaluation (examples/match_eval.rs) can
//! measure what each gains by turning it off. The default has every lever on: that is the
//! ranking the desk and the CLI use.

/// Which parts of the ranking are on.
#[derive(Debug, Clone, Copy, PartialEq)]
#[allow(clippy::struct_excessive_bools)] // Independent switches, each measured alone.
pub struct Levers {
    /// Weigh a query term by its rarity among records of the query's own kind too: the words
    /// of a request (寻求, 征集, 合作, 相关…) are common among demands and say nothing.
    pub own_rarity: bool,
    /// Character bigrams beside jieba's words, at [`Levers::bigram_weight`].
    pub bigrams: bool,
    /// A title occurrence counts three times an abstract one (else once).
    pub title_weight: bool,
    /// Same field is a strong signal when both records have one (no penalty when one is
    /// empty).
    pub field: bool,
    /// Related terms: words that keep company with the query's telling terms in the other
    /// kind's records are added to the query, lightly.
    pub related: bool,
    /// Pseudo-relevance feedback: terms the best first-pass candidates share are added to
    /// the query, lightly.
    pub feedback: bool,
    /// A query with no field takes the field most of its best first-pass candidates share
    /// as a likely one, worth part of the field points.
    pub field_guess: bool,
}

impl Default for Levers {
    fn default() -> Levers {
        Levers {
            own_rarity: true,
            bigrams: true,
            title_weight: true,
            field: true,
            // Measured on matching-dev it cost recall@1 0.006: off until it earns its place.
            related: false,
            feedback: true,
            field_guess: true,
        }
    }
}

impl Levers {
    /// The switches as bits: what a persisted index was built with.
    pub fn bits(self) -> u64 {
        [
            self.own_rarity,
            self.bigrams,
            self.title_weight,
            self.field,
            self.related,
            self.feedback,
            self.field_guess,
        ]
        .iter()
        .enumerate()
        .map(|(i, &on)| u64::from(on) << i)
        .sum()
    }

    /// The default with one lever flipped, named ("without …" for a lever that is on,
    /// "with …" for one that is off): the evaluation's table.
    pub fn each_flipped() -> Vec<(String, Levers)> {
        let on = Levers::default();
        Levers::each_off()
            .into_iter()
            .map(|(name, off)| {
                if off == on {
                    let flipped = Levers::flip(name, on);
                    (format!("with {name}"), flipped)
                } else {
                    (format!("without {name}"), off)
                }
            })
            .collect()
    }

    fn flip(name: &str, mut l: Levers) -> Levers {
        match name {
            "own-kind rarity" => l.own_rarity = !l.own_rarity,
            "character bigrams" => l.bigrams = !l.bigrams,
            "title weight" => l.title_weight = !l.title_weight,
            "field agreement" => l.field = !l.field,
            "related terms" => l.related = !l.related,
            "field guess" => l.field_guess = !l.field_guess,
            _ => l.feedback = !l.feedback,
        }
        l
    }

    /// Each lever off in turn, named.
    fn each_off() -> Vec<(&'static str, Levers)> {
        let on = Levers::default();
        vec![
            (
                "own-kind rarity",
                Levers {
                    own_rarity: false,
                    ..on
                },
            ),
            (
                "character bigrams",
                Levers {
                    bigrams: false,
                    ..on
                },
            ),
            (
                "title weight",
                Levers {
                    title_weight: false,
                    ..on
                },
            ),
            ("field agreement", Levers { field: false, ..on }),
            (
                "related terms",
                Levers {
                    related: false,
                    ..on
                },
            ),
            (
                "field guess",
                Levers {
                    field_guess: false,
                    ..on
                },
            ),
            (
                "pseudo-relevance feedback",
                Levers {
                    feedback: false,
                    ..on
                },
            ),
        ]
    }
}
