//! The baseline: plain BM25 (k1 1.2, b 0.75) over jieba tokens (default mode, HMM on,
//! lower-cased, punctuation dropped). Document: result title + abstract (and field, in the
//! second row); query:
//! demand title + field. No stop words, no weights, nothing learned.

use std::collections::HashMap;

use duijie::domain::Record;
use jieba_rs::Jieba;

const K1: f64 = 1.2;
const B: f64 = 0.75;

pub struct Bm25 {
    jieba: Jieba,
    vocab: HashMap<String, usize>,
    postings: Vec<Vec<(usize, f64)>>,
    lens: Vec<f64>,
    avg: f64,
    ids: Vec<String>,
}

fn tokens(jieba: &Jieba, text: &str) -> Vec<String> {
    jieba
        .cut(text, true)
        .into_iter()
        .map(|t| t.word.trim().to_lowercase())
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .collect()
}

impl Bm25 {
    pub fn build(results: &[&Record], with_field: bool) -> Bm25 {
        let jieba = Jieba::new();
        let mut vocab = HashMap::new();
        let mut postings: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut lens = Vec::new();
        for (d, r) in results.iter().enumerate() {
            let field = if with_field { r.field.as_str() } else { "" };
            let text = format!("{} {field} {}", r.title, r.description);
            let toks = tokens(&jieba, &text);
            lens.push(toks.len() as f64);
            let mut tf: HashMap<String, f64> = HashMap::new();
            for t in toks {
                *tf.entry(t).or_default() += 1.0;
            }
            for (t, n) in tf {
                let next = vocab.len();
                let id = *vocab.entry(t).or_insert(next);
                if postings.len() <= id {
                    postings.resize_with(id + 1, Vec::new);
                }
                postings[id].push((d, n));
            }
        }
        let avg = lens.iter().sum::<f64>() / lens.len().max(1) as f64;
        Bm25 {
            jieba,
            vocab,
            postings,
            lens,
            avg: avg.max(1.0),
            ids: results.iter().map(|r| r.ext_id.clone()).collect(),
        }
    }

    /// The `depth` best results' ext_ids for demand `q`.
    pub fn rank(&self, q: &Record, depth: usize) -> Vec<String> {
        let n = self.lens.len() as f64;
        let mut acc = vec![0f64; self.lens.len()];
        for t in tokens(&self.jieba, &format!("{} {}", q.title, q.field)) {
            let Some(&id) = self.vocab.get(&t) else {
                continue;
            };
            let post = &self.postings[id];
            let df = post.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(d, tf) in post {
                let norm = K1 * (1.0 - B + B * self.lens[d] / self.avg);
                acc[d] += idf * tf * (K1 + 1.0) / (tf + norm);
            }
        }
        let mut order: Vec<usize> = (0..acc.len()).filter(|&d| acc[d] > 0.0).collect();
        order.sort_by(|&a, &b| acc[b].total_cmp(&acc[a]).then(a.cmp(&b)));
        order.truncate(depth);
        order.into_iter().map(|d| self.ids[d].clone()).collect()
    }
}
