//! Search that understands Chinese: keys precomputed per record (folded script, pinyin,
//! initials) and the matcher that runs over them.

pub mod keys;
