//! Where a record is: province and city parsed from free text ("云南省昆明市", "重庆市",
//! "陕西西安", "深圳"), and which provinces border each other.

use crate::search::keys::fold;

/// Province-level divisions by short name. Longer names come first where one is a prefix of
/// another's full form (内蒙古 before any two-character match).
const PROVINCES: &[&str] = &[
    "内蒙古",
    "黑龙江",
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
];

/// Land borders (and the short straits to Hainan and Taiwan that brokers treat as
/// neighbouring), each listed once; [`neighbours`] reads them both ways.
const BORDERS: &[(&str, &str)] = &[
    ("北京", "天津"),
    ("北京", "河北"),
    ("天津", "河北"),
    ("河北", "山西"),
    ("河北", "内蒙古"),
    ("河北", "辽宁"),
    ("河北", "山东"),
    ("河北", "河南"),
    ("山西", "内蒙古"),
    ("山西", "陕西"),
    ("山西", "河南"),
    ("内蒙古", "黑龙江"),
    ("内蒙古", "吉林"),
    ("内蒙古", "辽宁"),
    ("内蒙古", "陕西"),
    ("内蒙古", "宁夏"),
    ("内蒙古", "甘肃"),
    ("辽宁", "吉林"),
    ("吉林", "黑龙江"),
    ("上海", "江苏"),
    ("上海", "浙江"),
    ("江苏", "浙江"),
    ("江苏", "安徽"),
    ("江苏", "山东"),
    ("浙江", "安徽"),
    ("浙江", "江西"),
    ("浙江", "福建"),
    ("安徽", "江西"),
    ("安徽", "湖北"),
    ("安徽", "河南"),
    ("安徽", "山东"),
    ("福建", "江西"),
    ("福建", "广东"),
    ("福建", "台湾"),
    ("江西", "湖北"),
    ("江西", "湖南"),
    ("江西", "广东"),
    ("山东", "河南"),
    ("河南", "陕西"),
    ("河南", "湖北"),
    ("湖北", "湖南"),
    ("湖北", "重庆"),
    ("湖北", "陕西"),
    ("湖南", "广东"),
    ("湖南", "广西"),
    ("湖南", "贵州"),
    ("湖南", "重庆"),
    ("广东", "广西"),
    ("广东", "海南"),
    ("广东", "香港"),
    ("广东", "澳门"),
    ("广西", "贵州"),
    ("广西", "云南"),
    ("重庆", "四川"),
    ("重庆", "贵州"),
    ("重庆", "陕西"),
    ("四川", "贵州"),
    ("四川", "云南"),
    ("四川", "西藏"),
    ("四川", "青海"),
    ("四川", "甘肃"),
    ("四川", "陕西"),
    ("贵州", "云南"),
    ("云南", "西藏"),
    ("西藏", "新疆"),
    ("西藏", "青海"),
    ("陕西", "宁夏"),
    ("陕西", "甘肃"),
    ("甘肃", "宁夏"),
    ("甘肃", "新疆"),
    ("甘肃", "青海"),
    ("青海", "新疆"),
];

/// Cities often written without their province (provincial capitals and the large
/// prefecture-level cities brokers meet most), with the province they belong to.
const CITIES: &[(&str, &str)] = &[
    ("石家庄", "河北"),
    ("唐山", "河北"),
    ("保定", "河北"),
    ("太原", "山西"),
    ("呼和浩特", "内蒙古"),
    ("包头", "内蒙古"),
    ("沈阳", "辽宁"),
    ("大连", "辽宁"),
    ("长春", "吉林"),
    ("哈尔滨", "黑龙江"),
    ("南京", "江苏"),
    ("苏州", "江苏"),
    ("无锡", "江苏"),
    ("常州", "江苏"),
    ("杭州", "浙江"),
    ("宁波", "浙江"),
    ("温州", "浙江"),
    ("合肥", "安徽"),
    ("芜湖", "安徽"),
    ("福州", "福建"),
    ("厦门", "福建"),
    ("泉州", "福建"),
    ("南昌", "江西"),
    ("赣州", "江西"),
    ("济南", "山东"),
    ("青岛", "山东"),
    ("烟台", "山东"),
    ("郑州", "河南"),
    ("洛阳", "河南"),
    ("武汉", "湖北"),
    ("宜昌", "湖北"),
    ("长沙", "湖南"),
    ("株洲", "湖南"),
    ("广州", "广东"),
    ("深圳", "广东"),
    ("东莞", "广东"),
    ("佛山", "广东"),
    ("珠海", "广东"),
    ("南宁", "广西"),
    ("柳州", "广西"),
    ("桂林", "广西"),
    ("海口", "海南"),
    ("三亚", "海南"),
    ("成都", "四川"),
    ("绵阳", "四川"),
    ("贵阳", "贵州"),
    ("遵义", "贵州"),
    ("昆明", "云南"),
    ("玉溪", "云南"),
    ("曲靖", "云南"),
    ("拉萨", "西藏"),
    ("西安", "陕西"),
    ("宝鸡", "陕西"),
    ("兰州", "甘肃"),
    ("西宁", "青海"),
    ("银川", "宁夏"),
    ("乌鲁木齐", "新疆"),
];

/// Suffixes that follow a province's short name in its full name.
const PROVINCE_SUFFIXES: &[&str] = &[
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "省",
    "市",
];

/// A parsed location. Either part may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Region {
    /// Short province name (云南, 重庆, 内蒙古).
    pub province: Option<&'static str>,
    /// City without its 市 suffix (昆明); for the four municipalities, the municipality.
    pub city: Option<String>,
}

impl Region {
    /// Parses free text. Traditional script and full-width forms are folded first.
    pub fn parse(text: &str) -> Region {
        let folded = fold(text);
        let s: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
        if s.is_empty() {
            return Region::default();
        }
        if let Some(&prov) = PROVINCES.iter().find(|p| s.starts_with(**p)) {
            let mut rest = &s[prov.len()..];
            if let Some(suffix) = PROVINCE_SUFFIXES.iter().find(|x| rest.starts_with(**x)) {
                rest = &rest[suffix.len()..];
            }
            let city = if is_municipality(prov) {
                Some(prov.to_string())
            } else {
                city_name(rest)
            };
            return Region {
                province: Some(prov),
                city,
            };
        }
        if let Some(&(city, prov)) = CITIES.iter().find(|(c, _)| s.starts_with(*c)) {
            return Region {
                province: Some(prov),
                city: Some(city.to_string()),
            };
        }
        Region::default()
    }
}

fn is_municipality(p: &str) -> bool {
    matches!(p, "北京" | "天津" | "上海" | "重庆" | "香港" | "澳门")
}

/// The city at the start of what follows the province: up to 市/州/盟/地区, else a known
/// city name, else the first two characters (陕西西安 → 西安).
fn city_name(rest: &str) -> Option<String> {
    if rest.is_empty() {
        return None;
    }
    if let Some(&(city, _)) = CITIES.iter().find(|(c, _)| rest.starts_with(*c)) {
        return Some(city.to_string());
    }
    for marker in ["市", "地区", "自治州", "州", "盟"] {
        if let Some(i) = rest.find(marker)
            && i > 0
        {
            return Some(rest[..i].to_string());
        }
    }
    let two: String = rest.chars().take(2).collect();
    (two.chars().count() == 2 && two.chars().all(is_han)).then_some(two)
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether two provinces share a border (or the short strait to Hainan or Taiwan).
pub fn neighbours(a: &str, b: &str) -> bool {
    BORDERS
        .iter()
        .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
}

/// How two locations relate, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proximity {
    SameCity(String),
    SameProvince(&'static str),
    Neighbour(&'static str, &'static str),
    None,
}

/// The closest relation between the query's location `q` and a candidate's `c`.
pub fn proximity(q: &Region, c: &Region) -> Proximity {
    let (Some(qp), Some(cp)) = (q.province, c.province) else {
        return Proximity::None;
    };
    if qp == cp {
        return match (&q.city, &c.city) {
            (Some(a), Some(b)) if a == b => Proximity::SameCity(a.clone()),
            _ => Proximity::SameProvince(qp),
        };
    }
    if neighbours(qp, cp) {
        return Proximity::Neighbour(qp, cp);
    }
    Proximity::None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(p: &'static str, c: Option<&str>) -> Region {
        Region {
            province: Some(p),
            city: c.map(str::to_string),
        }
    }

    #[test]
    fn parses_the_forms_brokers_write() {
        assert_eq!(Region::parse("云南省昆明市"), r("云南", Some("昆明")));
        assert_eq!(Region::parse("重庆市"), r("重庆", Some("重庆")));
        assert_eq!(Region::parse("陕西西安"), r("陕西", Some("西安")));
        assert_eq!(Region::parse("陕西省"), r("陕西", None));
        assert_eq!(Region::parse("深圳"), r("广东", Some("深圳")));
        assert_eq!(
            Region::parse("內蒙古自治區包頭市"),
            r("内蒙古", Some("包头"))
        );
        assert_eq!(
            Region::parse("广西壮族自治区柳州市"),
            r("广西", Some("柳州"))
        );
        assert_eq!(Region::parse("新疆维吾尔自治区"), r("新疆", None));
        assert_eq!(Region::parse(""), Region::default());
        assert_eq!(Region::parse("海外"), Region::default());
    }

    #[test]
    fn every_border_names_known_provinces_and_reads_both_ways() {
        for &(a, b) in BORDERS {
            assert!(PROVINCES.contains(&a) && PROVINCES.contains(&b), "{a}-{b}");
            assert!(neighbours(a, b) && neighbours(b, a));
        }
        for &(_, p) in CITIES {
            assert!(PROVINCES.contains(&p), "{p}");
        }
        // Every mainland province borders at least one other.
        for p in PROVINCES {
            assert!(PROVINCES.iter().any(|q| neighbours(p, q)), "{p}");
        }
        assert!(neighbours("云南", "四川"));
        assert!(!neighbours("云南", "广东"));
        assert!(!neighbours("北京", "上海"));
    }

    #[test]
    fn proximity_prefers_city_then_province_then_border() {
        let km = Region::parse("云南省昆明市");
        assert_eq!(
            proximity(&km, &Region::parse("昆明")),
            Proximity::SameCity("昆明".into())
        );
        assert_eq!(
            proximity(&km, &Region::parse("云南玉溪")),
            Proximity::SameProvince("云南")
        );
        assert_eq!(
            proximity(&km, &Region::parse("四川成都")),
            Proximity::Neighbour("云南", "四川")
        );
        assert_eq!(proximity(&km, &Region::parse("北京")), Proximity::None);
        assert_eq!(proximity(&km, &Region::default()), Proximity::None);
    }
}
