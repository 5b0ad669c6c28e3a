use super::*;

#[test]
fn one_organisation_under_script_width_spaces_brackets_and_suffixes() {
    let same = [
        ("鄭州大學", "郑州大学"),
        ("漢威科技集團股份有限公司", "汉威科技集团"),
        ("青海志青电解铜箔有限公司", "青海志青电解铜箔"),
        ("郑州 大学", "郑州大学"),
        ("ＡＢＣ科技有限公司", "abc科技"),
        ("中国石油大学（华东）", "中国石油大学(华东)"),
        ("【汉威】科技", "汉威科技"),
        ("河南省科学院有限责任公司", "河南省科学院"),
        ("Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES"),
        ("宇通客车股份公司", "宇通客车"),
    ];
    for (a, b) in same {
        assert_eq!(org_key(a), org_key(b), "{a} = {b}");
        assert!(!org_key(a).is_empty(), "{a}");
    }
}

#[test]
fn names_that_must_stay_apart() {
    let apart = [
        ("北京大学", "北京大学第一医院"),
        ("中国石油大学（华东）", "中国石油大学（北京）"),
        ("汉威科技有限公司", "汉威科技有限公司郑州分公司"),
        ("西安交通大学", "西安大学"),
        ("Tesco", "Tes"),
    ];
    for (a, b) in apart {
        assert_ne!(org_key(a), org_key(b), "{a} ≠ {b}");
    }
    // A suffix alone is not stripped to nothing.
    assert_eq!(org_key("有限公司"), "有限公司");
    assert_eq!(org_key("  "), "");
}

#[test]
fn kinds_are_guessed_from_the_word_that_ends_last() {
    let cases = [
        ("郑州大学", OrgKind::University),
        ("中国科学院大学", OrgKind::University),
        ("中国科学院大连化学物理研究所", OrgKind::Institute),
        ("清华大学深圳研究院", OrgKind::Institute),
        ("中国科学院", OrgKind::Institute),
        ("北京大学第一医院", OrgKind::Institute),
        ("郑州高新技术产业开发区管委会", OrgKind::GovernmentOrPark),
        ("漢威科技集團股份有限公司", OrgKind::Enterprise),
        ("郑州大学产业技术研究院有限公司", OrgKind::Enterprise),
        ("中国土地勘测规划院", OrgKind::Institute),
        ("中国矿业大学北京研究生部", OrgKind::University),
        ("中国企业管理协会", OrgKind::Other),
        ("教育部", OrgKind::GovernmentOrPark),
        ("张三", OrgKind::Other),
    ];
    for (name, kind) in cases {
        assert_eq!(guess_kind(name), kind, "{name}");
    }
    for k in OrgKind::ALL {
        assert_eq!(OrgKind::parse(k.as_str()), Some(k));
        assert_eq!(OrgKind::parse(k.zh()), Some(k));
    }
}

/// Every province-level division, written in full (and one Traditional), with a city.
#[test]
fn regions_of_every_province_municipality_and_autonomous_region() {
    let cases = [
        ("北京市海淀区", "北京"),
        ("天津市", "天津"),
        ("上海市浦东新区", "上海"),
        ("重庆市", "重庆"),
        ("河北省石家庄市", "河北 · 石家庄"),
        ("山西省太原市", "山西 · 太原"),
        ("辽宁省沈阳市", "辽宁 · 沈阳"),
        ("吉林省长春市", "吉林 · 长春"),
        ("黑龙江省哈尔滨市", "黑龙江 · 哈尔滨"),
        ("江苏省南京市", "江苏 · 南京"),
        ("浙江省杭州市", "浙江 · 杭州"),
        ("安徽省合肥市", "安徽 · 合肥"),
        ("福建省厦门市", "福建 · 厦门"),
        ("江西省南昌市", "江西 · 南昌"),
        ("山东省青岛市", "山东 · 青岛"),
        ("河南省郑州市", "河南 · 郑州"),
        ("河南郑州", "河南 · 郑州"),
        ("湖北省武汉市", "湖北 · 武汉"),
        ("湖南省长沙市", "湖南 · 长沙"),
        ("广东省深圳市", "广东 · 深圳"),
        ("海南省海口市", "海南 · 海口"),
        ("四川省成都市", "四川 · 成都"),
        ("贵州省贵阳市", "贵州 · 贵阳"),
        ("云南省昆明市", "云南 · 昆明"),
        ("陕西省西安市", "陕西 · 西安"),
        ("甘肃省兰州市", "甘肃 · 兰州"),
        ("青海省西宁市", "青海 · 西宁"),
        ("台湾省", "台湾"),
        ("内蒙古自治区呼和浩特市", "内蒙古 · 呼和浩特"),
        ("广西壮族自治区南宁市", "广西 · 南宁"),
        ("西藏自治区拉萨市", "西藏 · 拉萨"),
        ("宁夏回族自治区银川市", "宁夏 · 银川"),
        ("新疆维吾尔自治区乌鲁木齐市", "新疆 · 乌鲁木齐"),
        ("香港特别行政区", "香港"),
        ("澳门特别行政区", "澳门"),
        ("河南省鄭州市", "河南 · 郑州"),
        ("鄭州", "河南 · 郑州"),
        ("海外", "海外"),
    ];
    for (text, label) in cases {
        assert_eq!(region_label(text), label, "{text}");
    }
    assert_eq!(region_province("河南省鄭州市"), Some("河南"));
}

#[test]
fn codes_parse_in_any_case() {
    assert_eq!(parse_org_code("o12"), Some(12));
    assert_eq!(parse_org_code(" O3 "), Some(3));
    assert_eq!(parse_contact_code("c7"), Some(7));
    for bad in ["", "O", "O0", "D3", "郑州大学", "O-1"] {
        assert_eq!(parse_org_code(bad), None, "{bad}");
    }
}
