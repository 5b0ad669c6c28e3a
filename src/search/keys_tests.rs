use super::*;

#[test]
fn folding_unifies_scripts_and_widths() {
    assert_eq!(fold("鄭州大學"), "郑州大学");
    assert_eq!(fold("鋰電"), "锂电");
    assert_eq!(fold("ＡＢＣ"), "abc");
    assert_eq!(fold("郑州大学"), "郑州大学");
    assert_eq!(fold("ΟΔΟΣ Straße"), "ΟΔΟΣ Straße".to_lowercase());
    assert_eq!(fold("Ärger İ"), "Ärger İ".to_lowercase());
}

#[test]
fn pinyin_keys() {
    assert_eq!(initials("西安交通大学"), "xajtdx");
    assert_eq!(syllables("西安交通"), "xi an jiao tong");
    assert_eq!(initials("5G基站"), "5gjz");
}

#[test]
fn polyphones_take_the_reading_of_the_word() {
    assert_eq!(initials("重庆大学"), "cqdx");
    assert_eq!(syllables("长沙银行"), "chang sha yin hang");
    assert_eq!(syllables("厦门"), "xia men");
    assert_eq!(initials("六安市"), "las");
    assert_eq!(syllables("单克隆抗体"), "dan ke long kang ti");
    // The single-character default stays where no word applies.
    assert_eq!(syllables("重量"), "zhong liang");
    assert_eq!(syllables("效率"), "xiao lv");
}

#[test]
fn keys_keep_every_field_in_place() {
    let k = SearchKeys::for_fields(&["D1", "", "鋰電池", "鄭州大學", "", "", "", "", "", ""]);
    let fields: Vec<&str> = k.fold.split(FIELD_SEP).collect();
    assert_eq!(fields.len(), FIELDS.len());
    assert_eq!(fields[TITLE], "锂电池");
    assert_eq!(k.initials.split(FIELD_SEP).nth(3), Some("zzdx"));
    assert_eq!(k.pinyin.split(FIELD_SEP).nth(TITLE), Some("li dian chi"));
}

#[test]
fn keys_built_without_the_code_and_given_it_later_are_the_same() {
    let mut rec = Record::new(
        crate::domain::Kind::Achievement,
        "鄭州大學 鋰電池負極 ＡＢＣ",
    );
    rec.seq = 4711;
    rec.org = "重庆大学".into();
    rec.keywords = "5G；硅碳".into();
    let code = rec.code().to_string();
    let direct = SearchKeys::for_fields(&[
        code.as_str(),
        "",
        rec.title.as_str(),
        rec.org.as_str(),
        "",
        "",
        rec.keywords.as_str(),
        "",
        "",
        "",
    ]);
    assert_eq!(SearchKeys::for_record(&rec), direct);
    assert!(direct.initials.starts_with("r4711"), "{}", direct.initials);
}

proptest::proptest! {
    #[test]
    fn the_dedup_key_from_the_keys_is_the_dedup_key(
        title in "[鄭州大學锂电池 ΣσＡＢＣａ（）。,.\u{1f}\u{301}e0-9]{0,12}",
        org in "[鄭州大學 乾隆ΣＡａ（）\u{1f}e\u{301}]{0,8}",
    ) {
        let mut rec = Record::new(crate::domain::Kind::Demand, &title);
        rec.org.clone_from(&org);
        let keys = SearchKeys::for_record_uncoded(&rec);
        proptest::prop_assert_eq!(dedup_key_of(&keys), dedup_key(&title, &org));
    }
}

#[test]
fn phone_numbers_keep_their_digits_with_or_without_separators() {
    for written in [
        "138-0000-0021",
        "138 0000 0021",
        "+86 13800000021",
        "(0086)138.0000.0021",
    ] {
        assert_eq!(phone_digits(written), "13800000021", "{written}");
    }
    assert_eq!(
        phone_digits("010-6278 1234 / 13900002222"),
        "01062781234 13900002222"
    );
    assert_eq!(phone_digits("０２２－１２３４"), "0221234");
    assert_eq!(phone_digits("无"), "");
}

#[test]
fn phone_and_email_are_held_in_the_folded_text_only() {
    let k = SearchKeys::for_fields(&[
        "D1",
        "",
        "锂电池",
        "",
        "",
        "",
        "",
        "张三",
        "138-0000-0021",
        " Zhang@TJU.edu.cn ",
    ]);
    let fold: Vec<&str> = k.fold.split(FIELD_SEP).collect();
    assert_eq!(fold.len(), FIELDS.len());
    assert_eq!(fold[PHONE], "13800000021");
    assert_eq!(fold[PHONE + 1], "zhang@tju.edu.cn");
    assert_eq!(k.pinyin.split(FIELD_SEP).count(), TEXT_ONLY_FROM);
    assert_eq!(k.initials.split(FIELD_SEP).count(), TEXT_ONLY_FROM);
    // Keys stored before these fields existed are completed the same way, once.
    let old = k.fold.rsplitn(3, FIELD_SEP).nth(2).unwrap();
    let done = with_contact(old, "138-0000-0021", " Zhang@TJU.edu.cn ").unwrap();
    assert_eq!(done, k.fold);
    assert_eq!(with_contact(&done, "1", "x"), None);
}

#[test]
fn dedup_key_ignores_script_space_and_punctuation() {
    assert_eq!(
        dedup_key("锂电 负极。", "郑州大学"),
        dedup_key("鋰電負極", "鄭州大學")
    );
}
