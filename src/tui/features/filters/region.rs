//! Regions as the filter offers them: normalised to province and city (河南省郑州市, 河南郑州
//! and 鄭州 are all "河南 · 郑州"), each province offered beside its cities. Parsing is
//! remembered per distinct text, so filtering a long list parses each region once.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::domain::org::{region_label, region_province};

thread_local! {
    static PARSED: RefCell<HashMap<String, (Option<&'static str>, String)>> =
        RefCell::new(HashMap::new());
}

/// Calls `f` with the province of `text` (if it names one) and its label.
pub fn with_parts<T>(text: &str, f: impl FnOnce(Option<&'static str>, &str) -> T) -> T {
    let text = text.trim();
    PARSED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 100_000 {
            cache.clear();
        }
        let (p, label) = cache
            .entry(text.to_string())
            .or_insert_with(|| (region_province(text), region_label(text)));
        f(*p, label)
    })
}

/// The filter's region values with how many records each takes: every province (its
/// cities included), then its cities, commonest first; text naming no province as written.
pub fn options<'a>(values: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut provinces: HashMap<String, usize> = HashMap::new();
    let mut labels: HashMap<(String, String), usize> = HashMap::new();
    for v in values.map(str::trim).filter(|v| !v.is_empty()) {
        with_parts(v, |p, label| {
            let group = p.map_or_else(|| label.to_string(), str::to_string);
            *provinces.entry(group.clone()).or_default() += 1;
            if label != group {
                *labels.entry((group, label.to_string())).or_default() += 1;
            }
        });
    }
    let mut groups: Vec<(String, usize)> = provinces.into_iter().collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = Vec::new();
    for (group, n) in groups {
        let mut cities: Vec<(String, usize)> = labels
            .iter()
            .filter(|((g, _), _)| *g == group)
            .map(|((_, l), n)| (l.clone(), *n))
            .collect();
        cities.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.push((group, n));
        out.extend(cities);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Kind, Record};
    use crate::tui::features::filters::Filters;

    #[test]
    fn scripts_and_spellings_of_one_city_are_one_value_under_their_province() {
        let got = options(
            [
                "河南省郑州市",
                "鄭州",
                "河南郑州",
                "河南洛阳",
                "云南",
                "海外",
                " ",
            ]
            .into_iter(),
        );
        let want: Vec<(String, usize)> = [
            ("河南", 4),
            ("河南 · 郑州", 3),
            ("河南 · 洛阳", 1),
            ("云南", 1),
            ("海外", 1),
        ]
        .iter()
        .map(|(s, n)| ((*s).to_string(), *n))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_province_takes_its_cities_and_a_city_every_way_of_writing_it() {
        let rec = |region: &str| {
            let mut r = Record::new(Kind::Demand, "铜箔");
            r.region = region.into();
            r
        };
        let mut f = Filters::default();
        f.region.insert("河南".into());
        assert!(f.admits(&rec("河南省鄭州市")));
        assert!(f.admits(&rec("洛阳")));
        assert!(!f.admits(&rec("云南省昆明市")));
        let mut f = Filters::default();
        f.region.insert("河南 · 郑州".into());
        assert!(f.admits(&rec("鄭州")));
        assert!(f.admits(&rec("河南省郑州市")));
        assert!(!f.admits(&rec("河南洛阳")));
        assert!(!f.admits(&rec("河南")));
        // A saved view holding the text as written still works.
        let mut f = Filters::default();
        f.region.insert("海外".into());
        assert!(f.admits(&rec("海外")));
    }
}
