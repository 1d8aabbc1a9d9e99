#!/usr/bin/env python3
"""Assemble pairs.csv and memories.csv for set s21 from the hand-written text files in this folder.

The texts are all written by hand in pairs_*.py, neg_*.py and unrelated.py. This script only assigns ids,
categories and timestamps, writes the CSVs and runs consistency checks.
"""
import csv
import importlib
import os
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

DUP_FILES = {
    "normalized": "pairs_normalized",
    "near": "pairs_near",
    "paraphrase_lexical": "pairs_lexical",
    "subsumed": "pairs_subsumed",
    "paraphrase_other": "pairs_other",
}
NEG_FILES = {
    "variant": "neg_variant",
    "other_subject": "neg_other_subject",
    "negation": "neg_negation",
    "role_reversal": "neg_role_reversal",
    "order": "neg_order",
    "antonym": "neg_antonym",
    "word_swap": "neg_word_swap",
    "related": "neg_related",
    "unrelated_similar": "neg_unrelated_similar",
}
CATEGORIES = {"preference", "fact", "pattern"}
MINIMA = {"near": 35, "paraphrase_lexical": 35, "subsumed": 35, "normalized": 20, "paraphrase_other": 25}

errors = []


def err(msg):
    errors.append(msg)


def loose(s):
    """Aggressive normal form used only for checks: NFKD, accents dropped, punctuation dropped, lowercase."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower()
    s = re.sub(r"['\u2019.]", "", s)
    s = re.sub(r"[^a-z0-9%$]+", " ", s)
    return " ".join(s.split())


def words(s):
    return len(s.split())


def main():
    rows = []  # (a, b, label, kind, note, category)
    for label, files in (("duplicate", DUP_FILES), ("distinct", NEG_FILES)):
        for kind, mod in files.items():
            m = importlib.import_module(mod)
            for t in m.PAIRS:
                if len(t) != 4:
                    err(f"{mod}: bad tuple {t!r}")
                    continue
                a, b, note, cat = t
                if cat not in CATEGORIES:
                    err(f"{mod}: bad category {cat!r}")
                if a == b:
                    err(f"{mod}: identical texts {a!r}")
                if a.strip().lower() == b.strip().lower():
                    err(f"{mod}: texts equal after strip().lower(): {a!r}")
                if kind == "normalized" and loose(a) != loose(b):
                    err(f"normalized pair differs beyond normalization: {a!r} / {b!r}")
                if kind != "normalized" and loose(a) == loose(b):
                    err(f"{kind} pair is only a normalization difference: {a!r} / {b!r}")
                rows.append((a, b, label, kind, note, cat))

    # shuffle pair order deterministically so kinds are interleaved
    rng = random.Random(21)
    rng.shuffle(rows)

    # memories: every distinct text used in pairs, then unrelated filler
    unrelated = importlib.import_module("unrelated").MEMORIES
    mem = {}  # exact text -> category
    order = []
    for a, b, label, kind, note, cat in rows:
        for t in (a, b):
            if t in mem:
                if mem[t] != cat:
                    err(f"text reused with another category: {t!r}")
                continue
            mem[t] = cat
            order.append(t)
    pair_texts = set(order)
    for t, cat in unrelated:
        if cat not in CATEGORIES:
            err(f"unrelated: bad category {cat!r}")
        if t in mem:
            err(f"unrelated text also used in pairs: {t!r}")
            continue
        mem[t] = cat
        order.append(t)

    # no two memories equal after strip().lower()
    seen = {}
    for t in order:
        k = t.strip().lower()
        if k in seen:
            err(f"memories equal after strip().lower(): {seen[k]!r} / {t!r}")
        seen[k] = t

    # cross-pair check: a text of one pair must not normalize to a text outside that pair
    where = defaultdict(set)
    for i, (a, b, *_r) in enumerate(rows):
        where[loose(a)].add(i)
        where[loose(b)].add(i)
    for t, _c in unrelated:
        where[loose(t)].add(("u", t))
    for k, s in where.items():
        if len(s) > 1:
            err(f"loose-normal form shared across pairs/filler: {k!r} in {s}")

    # timestamps: distinct, spread over 2025-2026
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    span_ms = int((datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc) - start).total_seconds() * 1000)
    trng = random.Random(2121)
    stamps = set()
    while len(stamps) < len(order):
        stamps.add(trng.randrange(span_ms))
    stamps = list(stamps)
    trng.shuffle(stamps)

    with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "content", "category", "created_at"])
        for i, t in enumerate(order, 1):
            ts = start + timedelta(milliseconds=stamps[i - 1])
            w.writerow([i, t, mem[t], ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"])

    with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
        for i, (a, b, label, kind, note, _cat) in enumerate(rows, 1):
            w.writerow([f"p{i:04d}", a, b, label, kind, note])

    # counts and balance checks
    by_kind = Counter((r[2], r[3]) for r in rows)
    by_label = Counter(r[2] for r in rows)
    n_dup, n_neg = by_label["duplicate"], by_label["distinct"]
    if len(rows) < 300:
        err("fewer than 300 pairs")
    if n_neg * 2 < len(rows):
        err("hard negatives are less than half")
    if n_dup < 170:
        err("fewer than 170 duplicates (brief)")
    if n_neg < 180:
        err("fewer than 180 hard negatives (brief)")
    for k, mn in MINIMA.items():
        if by_kind[("duplicate", k)] < mn:
            err(f"too few {k}: {by_kind[('duplicate', k)]} < {mn}")
    for k in NEG_FILES:
        if by_kind[("distinct", k)] < 15:
            err(f"too few {k}")
    if len(unrelated) < 110:
        err("fewer than 110 unrelated memories (brief)")

    lens = [words(t) for t in order]
    short = sum(1 for n in lens if n < 3)
    longish = sum(1 for n in lens if n > 20)
    too_long = [t for t in order if words(t) > 60]
    if too_long:
        err(f"texts over 60 words: {too_long}")

    print(f"pairs: {len(rows)}  duplicate: {n_dup}  distinct: {n_neg}")
    for label, files in (("duplicate", DUP_FILES), ("distinct", NEG_FILES)):
        for k in files:
            print(f"  {label:9s} {k:18s} {by_kind[(label, k)]}")
    print(f"memories: {len(order)}  (pair texts {len(pair_texts)}, unrelated {len(unrelated)})")
    print(f"words per memory: min {min(lens)} max {max(lens)} mean {sum(lens)/len(lens):.1f}; "
          f"<3 words: {short}; >20 words: {longish}")
    cats = Counter(mem.values())
    print("categories:", dict(cats))
    if errors:
        print("\nERRORS:")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
