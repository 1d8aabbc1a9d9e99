#!/usr/bin/env python3
"""Assemble pairs.csv and memories.csv for set s19 from the hand-written pair files.

The texts are all written by hand in pairs_*.py and unrelated.py; this script only
assigns ids, categories (simple keyword rule, duplicates share a category),
timestamps, and runs consistency checks.  Run:  python3 build.py [--review]
"""
import csv
import datetime as dt
import importlib
import itertools
import os
import random
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

DUP_KINDS = ["normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"]
NEG_KINDS = ["variant", "other_subject", "negation", "role_reversal", "order",
             "antonym", "word_swap", "related", "unrelated_similar"]
MODULES = ["pairs_" + k for k in DUP_KINDS + NEG_KINDS]

errors = []


def err(msg):
    errors.append(msg)


# ---------------------------------------------------------------- pairs
pairs = []
for modname in MODULES:
    m = importlib.import_module(modname)
    expected_label = "duplicate" if m.KIND in DUP_KINDS else "distinct"
    if m.LABEL != expected_label:
        err(f"{modname}: label {m.LABEL} does not fit kind {m.KIND}")
    for a, b, note in m.PAIRS:
        pairs.append(dict(text_a=a, text_b=b, label=m.LABEL, kind=m.KIND, note=note))

for i, p in enumerate(pairs, 1):
    p["id"] = f"p{i:04d}"
    a, b = p["text_a"], p["text_b"]
    if a == b:
        err(f"{p['id']}: identical texts")
    if a.strip().lower() == b.strip().lower():
        err(f"{p['id']}: texts equal after strip().lower(): {a!r}")
    if not p["note"].strip():
        err(f"{p['id']}: empty note")
    for t in (a, b):
        if t != t.strip():
            err(f"{p['id']}: outer whitespace in {t!r}")

# same unordered pair twice?
seen_pairs = Counter(frozenset((p["text_a"], p["text_b"])) for p in pairs)
for k, v in seen_pairs.items():
    if v > 1:
        err(f"pair used {v} times: {sorted(k)}")

# ---------------------------------------------------------------- categories
PREF = re.compile(r"\b(prefer\w*|favou?rite|likes?|loves?|loved|hates?|dislikes?|can't stand|rather|"
                  r"enjoys?|would pick|ranks|frustrat\w*|boring|overrated|overcomplicated|overhyped|"
                  r"wants?|hopes?|dreads|recommend)\b", re.I)
PATTERN = re.compile(r"\b(every|usually|always|often|rarely|most weekends|most nights|weekdays|week days|"
                     r"weekends|on (mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)|"
                     r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s|"
                     r"a day|a week|a month|per month|twice|nightly|fortnightly|once a|one week in)\b", re.I)


def category_for(text):
    if PREF.search(text):
        return "preference"
    if PATTERN.search(text):
        return "pattern"
    return "fact"


# ---------------------------------------------------------------- memories
import unrelated  # noqa: E402

memories = []          # list of dicts
by_text = {}           # exact text -> memory
by_key = {}            # strip().lower() -> exact text


def add_memory(text, category, origin):
    if text in by_text:
        return by_text[text]
    key = text.strip().lower()
    if key in by_key:
        err(f"{origin}: {text!r} collides (strip/lower) with {by_key[key]!r}")
        return None
    mem = dict(content=text, category=category, origin=origin)
    memories.append(mem)
    by_text[text] = mem
    by_key[key] = text
    return mem


for p in pairs:
    ma = add_memory(p["text_a"], category_for(p["text_a"]), p["id"])
    cat_b = ma["category"] if (p["label"] == "duplicate" and ma) else category_for(p["text_b"])
    add_memory(p["text_b"], cat_b, p["id"])

n_pair_texts = len(memories)
for text, cat in unrelated.MEMORIES:
    if text in by_text:
        err(f"unrelated memory repeats a pair text: {text!r}")
        continue
    add_memory(text, cat, "unrelated")
n_unrelated = len(memories) - n_pair_texts

for m in memories:
    if m["category"] not in ("preference", "fact", "pattern"):
        err(f"bad category {m['category']} for {m['content']!r}")

# timestamps: distinct, spread over 2025-01-01 .. 2026-06-30
rng = random.Random(19)
rng.shuffle(memories)  # ids and dates say nothing about pair membership or kind
start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
end = dt.datetime(2026, 6, 30, 23, 59, 59, tzinfo=dt.timezone.utc)
span_ms = int((end - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(memories):
    stamps.add(rng.randrange(span_ms))
stamps = list(stamps)
rng.shuffle(stamps)
for i, (m, ms) in enumerate(zip(memories, stamps), 1):
    m["id"] = i
    t = start + dt.timedelta(milliseconds=ms)
    m["created_at"] = t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"

# ---------------------------------------------------------------- duplicate clusters
parent = {}


def find(x):
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


for p in pairs:
    if p["label"] == "duplicate":
        parent[find(p["text_a"])] = find(p["text_b"])
clusters = defaultdict(set)
for t in list(parent):
    clusters[find(t)].add(t)
big = [c for c in clusters.values() if len(c) > 2]
for p in pairs:
    if p["label"] == "distinct" and p["text_a"] in parent and p["text_b"] in parent \
            and find(p["text_a"]) == find(p["text_b"]):
        err(f"{p['id']}: distinct pair inside a duplicate cluster")

# ---------------------------------------------------------------- write
with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for p in pairs:
        w.writerow([p["id"], p["text_a"], p["text_b"], p["label"], p["kind"], p["note"]])

with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for m in memories:
        w.writerow([m["id"], m["content"], m["category"], m["created_at"]])

# ---------------------------------------------------------------- re-read and verify
with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as f:
    rp = list(csv.DictReader(f))
with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as f:
    rm = list(csv.DictReader(f))
contents = {r["content"] for r in rm}
for r in rp:
    for t in (r["text_a"], r["text_b"]):
        if t not in contents:
            err(f"{r['id']}: text missing from memories.csv after round trip: {t!r}")
if len({r["content"].strip().lower() for r in rm}) != len(rm):
    err("memories.csv has strip/lower collisions")
if len({r["created_at"] for r in rm}) != len(rm):
    err("timestamps not distinct")

# ---------------------------------------------------------------- report
label_counts = Counter(p["label"] for p in pairs)
kind_counts = Counter((p["label"], p["kind"]) for p in pairs)
print(f"pairs: {len(pairs)}  " + "  ".join(f"{k}={v}" for k, v in sorted(label_counts.items())))
for kind in DUP_KINDS:
    print(f"  duplicate / {kind:18s} {kind_counts[('duplicate', kind)]}")
for kind in NEG_KINDS:
    print(f"  distinct  / {kind:18s} {kind_counts[('distinct', kind)]}")
print(f"memories: {len(memories)} (pair texts {n_pair_texts}, unrelated {n_unrelated})")
print("categories:", dict(Counter(m["category"] for m in memories)))
lens = [len(m["content"].split()) for m in memories]
print(f"words per memory: min {min(lens)}, max {max(lens)}, "
      f"3-20: {sum(3 <= n <= 20 for n in lens)}, >20: {sum(n > 20 for n in lens)}, <3: {sum(n < 3 for n in lens)}")
years = Counter(m["created_at"][:4] for m in memories)
print("created_at years:", dict(sorted(years.items())))
if big:
    print(f"NOTE: {len(big)} duplicate clusters with more than two texts:")
    for c in big:
        print("   ", sorted(c))

# minimum sizes from the brief / spec
mins = {"normalized": 20, "near": 35, "paraphrase_lexical": 35, "subsumed": 35, "paraphrase_other": 25}
for k, v in mins.items():
    if kind_counts[("duplicate", k)] < v:
        err(f"too few {k}: {kind_counts[('duplicate', k)]} < {v}")
for k in NEG_KINDS:
    if kind_counts[("distinct", k)] < 15:
        err(f"too few {k}")
if label_counts["duplicate"] < 170:
    err("fewer than 170 duplicates")
if label_counts["distinct"] < 180 or label_counts["distinct"] * 2 < len(pairs):
    err("not enough hard negatives")
if n_unrelated < 110:
    err("fewer than 110 unrelated memories")

# ---------------------------------------------------------------- cross-pair review aid
if "--review" in sys.argv:
    STOP = set("""a an the is was are were be been has have had of to in on at for and or with by from
    her his their she he it its as that this than then so s user niamh niamh's i not""".split())

    def toks(t):
        return {w for w in re.findall(r"[a-z0-9£]+", t.lower()) if w not in STOP}

    group = {}
    for p in pairs:
        group.setdefault(p["text_a"], set()).add(p["id"])
        group.setdefault(p["text_b"], set()).add(p["id"])
    for t, _ in unrelated.MEMORIES:
        group.setdefault(t, set()).add("U")
    texts = list(group)
    tk = {t: toks(t) for t in texts}
    hits = []
    for x, y in itertools.combinations(texts, 2):
        if group[x] & group[y] and "U" not in group[x]:
            continue  # same labelled pair
        a, b = tk[x], tk[y]
        if not a or not b:
            continue
        inter = len(a & b)
        jac = inter / len(a | b)
        cont = inter / min(len(a), len(b))
        if jac >= 0.4 or (cont >= 0.75 and inter >= 2):
            hits.append((max(jac, cont * 0.9), x, y, sorted(group[x]), sorted(group[y])))
    hits.sort(reverse=True)
    print(f"\n--- {len(hits)} cross-pair lookalikes to review ---")
    for s, x, y, gx, gy in hits:
        print(f"{s:.2f} {gx} {x!r}\n     {gy} {y!r}")

if errors:
    print("\nERRORS:")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("\nall checks passed")
