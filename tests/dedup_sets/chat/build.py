#!/usr/bin/env python3
"""Assemble pairs.csv and memories.csv for set s17 from the hand-written kind files, and check them.

The texts live in pairs_*.py / neg_*.py / unrelated.py (written by hand). This script only assigns ids and
timestamps, writes the CSVs and runs consistency checks. Standard library only.
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

DUP_MODULES = ["pairs_near", "pairs_lexical", "pairs_subsumed", "pairs_normalized", "pairs_other"]
NEG_MODULES = ["neg_variant", "neg_other_subject", "neg_negation", "neg_role_reversal", "neg_order",
               "neg_antonym", "neg_word_swap", "neg_related", "neg_unrelated_similar"]
DUP_KINDS = {"near", "paraphrase_lexical", "subsumed", "normalized", "paraphrase_other"}
NEG_KINDS = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym", "word_swap",
             "related", "unrelated_similar"}
CAT = {"p": "preference", "f": "fact", "t": "pattern"}
MIN_PER_KIND = {"near": 35, "paraphrase_lexical": 35, "subsumed": 35, "normalized": 20, "paraphrase_other": 25}

errors = []


def err(msg):
    errors.append(msg)


def key(t):
    return t.strip().lower()


def norm_loose(t):
    """case, accents, punctuation and spacing removed (what 'normalized' pairs must agree on)."""
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.lower()
    t = re.sub(r"['\u2019.]", "", t)
    t = re.sub(r"[^\w\s]", " ", t)
    return " ".join(t.split())


def tokens(t):
    return set(norm_loose(t).split())


# ---------------------------------------------------------------- load
pairs = []  # (a, b, label, kind, note, cat)
for mod_name, label in [(m, "duplicate") for m in DUP_MODULES] + [(m, "distinct") for m in NEG_MODULES]:
    mod = importlib.import_module(mod_name)
    kind = mod.KIND
    if label == "duplicate" and kind not in DUP_KINDS:
        err(f"{mod_name}: bad duplicate kind {kind}")
    if label == "distinct" and kind not in NEG_KINDS:
        err(f"{mod_name}: bad distinct kind {kind}")
    for row in mod.PAIRS:
        if len(row) != 4:
            err(f"{mod_name}: malformed row {row!r}")
            continue
        a, b, note, c = row
        if c not in CAT:
            err(f"{mod_name}: bad category {c!r} in {row!r}")
        pairs.append((a, b, label, kind, note, CAT.get(c, "fact")))

unrelated_mod = importlib.import_module("unrelated")
unrelated = [(t, CAT[c]) for t, c in unrelated_mod.MEMORIES]

# ---------------------------------------------------------------- checks on pairs
seen_pair = set()
for a, b, label, kind, note, cat in pairs:
    if a == b:
        err(f"identical texts in pair: {a!r}")
    if key(a) == key(b):
        err(f"pair texts equal after strip().lower() (same memory in store): {a!r}")
    fs = frozenset((key(a), key(b)))
    if fs in seen_pair:
        err(f"pair listed twice: {a!r} / {b!r}")
    seen_pair.add(fs)
    if kind == "normalized" and norm_loose(a) != norm_loose(b):
        err(f"normalized pair differs beyond case/punct/accents/space: {a!r} / {b!r}")
    if kind != "normalized" and norm_loose(a) == norm_loose(b):
        err(f"non-normalized pair is equal after loose normalization ({kind}): {a!r} / {b!r}")
    if not note.strip():
        err(f"empty note: {a!r}")
    for t in (a, b):
        if t != t.strip():
            err(f"outer whitespace in text: {t!r}")
        n = len(t.split())
        if n > 60:
            err(f"text longer than 60 words: {t!r}")

# ---------------------------------------------------------------- memories: one row per distinct text
text_by_key = {}
cat_by_key = {}
order = []
for a, b, label, kind, note, cat in pairs:
    for t in (a, b):
        k = key(t)
        if k in text_by_key:
            if text_by_key[k] != t:
                err(f"two spellings of one memory (differ only in case/outer space): {text_by_key[k]!r} / {t!r}")
        else:
            text_by_key[k] = t
            cat_by_key[k] = cat
            order.append(k)
pair_keys = set(order)
for t, cat in unrelated:
    k = key(t)
    if k in text_by_key:
        err(f"unrelated memory repeats an existing text: {t!r}")
        continue
    text_by_key[k] = t
    cat_by_key[k] = cat
    order.append(k)

# texts used in more than one pair (allowed, but reported)
uses = Counter()
for a, b, *_ in pairs:
    uses[key(a)] += 1
    uses[key(b)] += 1
reused = [text_by_key[k] for k, n in uses.items() if n > 1]

# ---------------------------------------------------------------- similarity report across different pairs
# Flags texts from DIFFERENT pairs (or unrelated fillers) that share most of their words, for a manual
# look: such pairs are not labelled, so they must not be hidden duplicates.
STOP = set("a an the her his she he is of in on at to for with and or by from as that it its be".split())


def content(t):
    return tokens(t) - STOP


owner = defaultdict(set)
for i, (a, b, *_) in enumerate(pairs):
    owner[key(a)].add(i)
    owner[key(b)].add(i)
for t, _ in unrelated:
    owner[key(t)].add(-1)
items = [(k, content(text_by_key[k])) for k in order]
suspects = []
for i in range(len(items)):
    ki, ci = items[i]
    for j in range(i + 1, len(items)):
        kj, cj = items[j]
        if owner[ki] & owner[kj] - {-1}:
            continue
        if not ci or not cj:
            continue
        inter = len(ci & cj)
        jac = inter / len(ci | cj)
        cont = inter / min(len(ci), len(cj))
        if jac >= 0.5 or (cont >= 0.8 and inter >= 2):
            suspects.append((round(jac, 2), round(cont, 2), text_by_key[ki], text_by_key[kj]))
suspects.sort(reverse=True)

# ---------------------------------------------------------------- timestamps and ids
rng = random.Random(1717)
start = datetime(2025, 1, 2, tzinfo=timezone.utc)
end = datetime(2026, 11, 28, tzinfo=timezone.utc)
span_ms = int((end - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(order):
    stamps.add(rng.randrange(span_ms))
stamps = sorted(stamps)
rng.shuffle(stamps)

mem_order = list(order)
rng.shuffle(mem_order)
rows_mem = []
for i, k in enumerate(mem_order, start=1):
    ts = start + timedelta(milliseconds=stamps[i - 1])
    iso = ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"
    rows_mem.append((i, text_by_key[k], cat_by_key[k], iso))

pair_rows = list(pairs)
rng.shuffle(pair_rows)

# ---------------------------------------------------------------- counts and balance
by_kind = Counter((p[2], p[3]) for p in pairs)
by_label = Counter(p[2] for p in pairs)
n_pairs = len(pairs)
if n_pairs < 300:
    err(f"only {n_pairs} pairs")
if by_label["distinct"] * 2 < n_pairs:
    err("hard negatives are less than half")
if by_label["duplicate"] < 170:
    err(f"only {by_label['duplicate']} duplicates (brief asks >= 170)")
if by_label["distinct"] < 180:
    err(f"only {by_label['distinct']} hard negatives (brief asks >= 180)")
for k, m in MIN_PER_KIND.items():
    if by_kind[("duplicate", k)] < m:
        err(f"kind {k}: {by_kind[('duplicate', k)]} < {m}")
for k in NEG_KINDS:
    if by_kind[("distinct", k)] < 15:
        err(f"kind {k}: {by_kind[('distinct', k)]} < 15")
if len(unrelated) < 110:
    err(f"only {len(unrelated)} unrelated memories")
keys_final = [key(r[1]) for r in rows_mem]
if len(keys_final) != len(set(keys_final)):
    err("duplicate memory contents after strip().lower()")
if len({r[3] for r in rows_mem}) != len(rows_mem):
    err("timestamps not distinct")
years = Counter(r[3][:4] for r in rows_mem)

# ---------------------------------------------------------------- write
with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for i, (a, b, label, kind, note, cat) in enumerate(pair_rows, start=1):
        w.writerow([f"p{i:04d}", a, b, label, kind, note])
with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for row in rows_mem:
        w.writerow(row)

# ---------------------------------------------------------------- read back
with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as f:
    back = list(csv.DictReader(f))
with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as f:
    mem_back = list(csv.DictReader(f))
mem_keys = {key(r["content"]) for r in mem_back}
for r in back:
    for t in (r["text_a"], r["text_b"]):
        if key(t) not in mem_keys:
            err(f"pair text missing from memories.csv: {t!r}")

# ---------------------------------------------------------------- report
print(f"pairs: {n_pairs}  duplicate: {by_label['duplicate']}  distinct: {by_label['distinct']}")
for (label, kind), n in sorted(by_kind.items()):
    print(f"  {label:9s} {kind:18s} {n}")
print(f"memories: {len(rows_mem)} (pair texts {len(pair_keys)}, unrelated {len(unrelated)})")
print(f"categories: {dict(Counter(r[2] for r in rows_mem))}")
print(f"years: {dict(years)}")
wc = [len(r[1].split()) for r in rows_mem]
print(f"words per memory: min {min(wc)} max {max(wc)} mean {sum(wc)/len(wc):.1f}; >20 words: {sum(w > 20 for w in wc)}")
print(f"texts used in more than one pair: {len(reused)}")
if "-v" in sys.argv:
    print(f"\ncross-pair similarity suspects ({len(suspects)}), check by hand:")
    for s in suspects:
        print("  ", s)
else:
    print(f"cross-pair similarity suspects: {len(suspects)} (run with -v to list)")
if errors:
    print("\nERRORS:")
    for e in errors:
        print("  ", e)
    sys.exit(1)
print("all checks passed")
