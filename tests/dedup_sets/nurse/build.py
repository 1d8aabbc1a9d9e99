#!/usr/bin/env python3
"""Assemble pairs.csv and memories.csv for set s16 from the hand-written pair files, and check them.

The texts live in the pairs_*.py / neg_*.py / unrelated.py files (written by hand). This script only
assigns ids and timestamps, writes the CSVs, and runs consistency checks.
"""
import csv
import os
import random
import sys
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import pairs_near, pairs_lexical, pairs_subsumed, pairs_normalized, pairs_other  # noqa: E402
import neg_variant, neg_other_subject, neg_negation, neg_role_reversal, neg_order  # noqa: E402
import neg_antonym, neg_word_swap, neg_related, neg_unrelated_similar  # noqa: E402
import unrelated  # noqa: E402

SOURCES = [
    ("near", "duplicate", pairs_near),
    ("paraphrase_lexical", "duplicate", pairs_lexical),
    ("subsumed", "duplicate", pairs_subsumed),
    ("normalized", "duplicate", pairs_normalized),
    ("paraphrase_other", "duplicate", pairs_other),
    ("variant", "distinct", neg_variant),
    ("other_subject", "distinct", neg_other_subject),
    ("negation", "distinct", neg_negation),
    ("role_reversal", "distinct", neg_role_reversal),
    ("order", "distinct", neg_order),
    ("antonym", "distinct", neg_antonym),
    ("word_swap", "distinct", neg_word_swap),
    ("related", "distinct", neg_related),
    ("unrelated_similar", "distinct", neg_unrelated_similar),
]
DUP_KINDS = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG_KINDS = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
             "word_swap", "related", "unrelated_similar"}
CATEGORIES = {"preference", "fact", "pattern"}

errors = []


def err(msg):
    errors.append(msg)


def key(t):
    return t.strip().lower()


# ---- collect pairs ----
pairs = []
for kind, label, mod in SOURCES:
    assert (kind in DUP_KINDS) == (label == "duplicate")
    for i, row in enumerate(mod.PAIRS):
        if len(row) != 4:
            err(f"{kind}[{i}]: expected 4 fields, got {len(row)}")
            continue
        a, b, note, cat = row
        if cat not in CATEGORIES:
            err(f"{kind}[{i}]: bad category {cat!r}")
        if not a.strip() or not b.strip() or not note.strip():
            err(f"{kind}[{i}]: empty field")
        if a != a.strip() or b != b.strip():
            err(f"{kind}[{i}]: outer whitespace in text")
        if key(a) == key(b):
            err(f"{kind}[{i}]: texts equal after strip().lower(): {a!r}")
        pairs.append(dict(a=a, b=b, label=label, kind=kind, note=note, cat=cat))

# ---- memories: one per distinct text ----
text_of_key = {}
cat_of_key = {}
order = []
for p in pairs:
    for t in (p["a"], p["b"]):
        k = key(t)
        if k in text_of_key:
            if text_of_key[k] != t:
                err(f"texts differ only by case/outer space across pairs: {text_of_key[k]!r} / {t!r}")
        else:
            text_of_key[k] = t
            cat_of_key[k] = p["cat"]
            order.append(k)
n_pair_texts = len(order)
for i, (t, cat) in enumerate(unrelated.MEMORIES):
    if cat not in CATEGORIES:
        err(f"unrelated[{i}]: bad category {cat!r}")
    k = key(t)
    if k in text_of_key:
        err(f"unrelated[{i}] collides with an existing text: {t!r}")
        continue
    text_of_key[k] = t
    cat_of_key[k] = cat
    order.append(k)

# ---- pair-level checks ----
seen_pairs = {}
for idx, p in enumerate(pairs):
    pk = frozenset((key(p["a"]), key(p["b"])))
    if pk in seen_pairs:
        err(f"pair listed twice: {p['a']!r} / {p['b']!r}")
    seen_pairs[pk] = idx

# duplicate components must not contain a distinct pair
parent = {}


def find(x):
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


for p in pairs:
    if p["label"] == "duplicate":
        parent[find(key(p["a"]))] = find(key(p["b"]))
for p in pairs:
    if p["label"] == "distinct" and find(key(p["a"])) == find(key(p["b"])):
        err(f"distinct pair inside a duplicate cluster: {p['a']!r} / {p['b']!r}")

# ---- timestamps ----
rng = random.Random(16016)
start = datetime(2025, 1, 1, tzinfo=timezone.utc)
span_ms = int((datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc) - start).total_seconds() * 1000)
used = set()
stamps = []
while len(stamps) < len(order):
    ms = rng.randrange(span_ms)
    if ms in used:
        continue
    used.add(ms)
    dt = start + timedelta(milliseconds=ms)
    stamps.append(dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z")

# shuffle memory order so pair partners are not adjacent ids
shuffled = order[:]
random.Random(1616).shuffle(shuffled)
mem_rows = []
for i, k in enumerate(shuffled, start=1):
    mem_rows.append(dict(id=i, content=text_of_key[k], category=cat_of_key[k], created_at=stamps[i - 1]))

# ---- write ----
if errors:
    print("ERRORS:")
    for e in errors:
        print("  -", e)
    sys.exit(1)

with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for i, p in enumerate(pairs, start=1):
        w.writerow([f"p{i:04d}", p["a"], p["b"], p["label"], p["kind"], p["note"]])

with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for r in mem_rows:
        w.writerow([r["id"], r["content"], r["category"], r["created_at"]])

# ---- re-read and verify ----
with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as f:
    prow = list(csv.DictReader(f))
with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as f:
    mrow = list(csv.DictReader(f))
contents = {r["content"] for r in mrow}
lowered = [key(r["content"]) for r in mrow]
assert len(set(lowered)) == len(lowered), "memories.csv has contents equal after strip().lower()"
assert len({r["created_at"] for r in mrow}) == len(mrow), "timestamps not distinct"
for r in prow:
    assert r["text_a"] in contents and r["text_b"] in contents, r["id"]

# ---- report ----
from collections import Counter  # noqa: E402
by_label = Counter(r["label"] for r in prow)
by_kind = Counter((r["label"], r["kind"]) for r in prow)
words = [len(t.split()) for t in contents]
print(f"pairs: {len(prow)}  duplicate: {by_label['duplicate']}  distinct: {by_label['distinct']}")
for (label, kind), n in sorted(by_kind.items()):
    print(f"  {label:9s} {kind:20s} {n}")
print(f"memories: {len(mrow)}  (pair texts: {n_pair_texts}, unrelated: {len(unrelated.MEMORIES)})")
print(f"categories: {dict(Counter(r['category'] for r in mrow))}")
print(f"words per memory: min {min(words)}, max {max(words)}, "
      f"3-20 words: {sum(3 <= w <= 20 for w in words)}, >20: {sum(w > 20 for w in words)}, <3: {sum(w < 3 for w in words)}")
years = Counter(r["created_at"][:4] for r in mrow)
print(f"years: {dict(years)}")

# soft checks
ok = True
if len(prow) < 300 or by_label["distinct"] * 2 < len(prow) or by_label["duplicate"] < 100:
    print("WARNING: size/balance rule of SPEC not met"); ok = False
for k in NEG_KINDS:
    if by_kind[("distinct", k)] < 15:
        print(f"WARNING: only {by_kind[('distinct', k)]} {k}"); ok = False
mins = {"near": 35, "paraphrase_lexical": 35, "subsumed": 35, "normalized": 20, "paraphrase_other": 25}
for k, m in mins.items():
    if by_kind[("duplicate", k)] < m:
        print(f"WARNING: only {by_kind[('duplicate', k)]} {k}"); ok = False
if by_label["duplicate"] < 170 or by_label["distinct"] < 180 or len(unrelated.MEMORIES) < 110:
    print("WARNING: brief targets not met"); ok = False
print("all checks passed" if ok else "some soft checks failed")
