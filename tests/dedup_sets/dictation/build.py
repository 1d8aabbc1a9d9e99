#!/usr/bin/env python3
"""Assemble pairs.csv and memories.csv for set s18 from the hand-written kind files, and check them."""
import csv, random, re, sys, unicodedata
from datetime import datetime, timedelta, timezone

import pairs_near, pairs_normalized, pairs_lexical, pairs_subsumed, pairs_other
import pairs_variant, pairs_other_subject, pairs_negation, pairs_role, pairs_order
import pairs_antonym, pairs_word_swap, pairs_related, pairs_unrelated_similar
import unrelated

DUP = [("near", pairs_near), ("normalized", pairs_normalized), ("paraphrase_lexical", pairs_lexical),
       ("subsumed", pairs_subsumed), ("paraphrase_other", pairs_other)]
NEG = [("variant", pairs_variant), ("other_subject", pairs_other_subject), ("negation", pairs_negation),
       ("role_reversal", pairs_role), ("order", pairs_order), ("antonym", pairs_antonym),
       ("word_swap", pairs_word_swap), ("related", pairs_related),
       ("unrelated_similar", pairs_unrelated_similar)]
CATS = {"preference", "fact", "pattern"}
errors = []

def key(t):
    return t.strip().lower()

def norm(t):
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[^\w\s]", " ", t)
    t = t.replace("_", " ")
    return " ".join(t.split())

rows = []
for label, kinds in (("duplicate", DUP), ("distinct", NEG)):
    for kind, mod in kinds:
        for tup in mod.PAIRS:
            if len(tup) != 4:
                errors.append(f"bad tuple in {kind}: {tup}")
                continue
            a, b, note, cat = tup
            if cat not in CATS:
                errors.append(f"bad category {cat} in {kind}: {a}")
            if key(a) == key(b):
                errors.append(f"same memory after strip/lower in {kind}: {a!r}")
            if kind == "normalized":
                if norm(a).replace(" ", "") != norm(b).replace(" ", ""):
                    errors.append(f"normalized pair differs beyond normalisation: {a!r} / {b!r}")
            elif norm(a) == norm(b):
                errors.append(f"non-normalized {kind} pair equal after normalisation: {a!r}")
            rows.append(dict(a=a, b=b, label=label, kind=kind, note=note, cat=cat))

# no pair twice
seen = set()
for r in rows:
    k = frozenset((key(r["a"]), key(r["b"])))
    if k in seen:
        errors.append(f"pair repeated: {r['a']!r} / {r['b']!r}")
    seen.add(k)

# memories: one per distinct text; texts equal after strip/lower must be byte-identical
mem = {}      # key -> (text, category)
uses = {}
for r in rows:
    for t in (r["a"], r["b"]):
        k = key(t)
        if k in mem and mem[k][0] != t:
            errors.append(f"two texts collide after strip/lower: {mem[k][0]!r} vs {t!r}")
        mem.setdefault(k, (t, r["cat"]))
        uses[k] = uses.get(k, 0) + 1
reused = [mem[k][0] for k, n in uses.items() if n > 1]
if reused:
    errors.append(f"texts used in more than one pair (check labels!): {reused}")

pair_norms = {norm(t) for t, _ in mem.values()}
n_unrel = 0
for t, cat in unrelated.MEMORIES:
    if cat not in CATS:
        errors.append(f"bad category {cat} for unrelated {t!r}")
    k = key(t)
    if k in mem or norm(t) in pair_norms:
        errors.append(f"unrelated memory collides with an existing text: {t!r}")
        continue
    mem[k] = (t, cat)
    pair_norms.add(norm(t))
    n_unrel += 1

# word-length stats
lens = [len(t.split()) for t, _ in mem.values()]
long_ = sum(1 for n in lens if n > 20)
too_long = [t for t, _ in mem.values() if len(t.split()) > 60]
if too_long:
    errors.append(f"texts over 60 words: {too_long}")

# counts / balance
from collections import Counter
c = Counter((r["label"], r["kind"]) for r in rows)
n_dup = sum(v for (l, _), v in c.items() if l == "duplicate")
n_neg = sum(v for (l, _), v in c.items() if l == "distinct")
mins = {"near": 35, "paraphrase_lexical": 35, "subsumed": 35, "normalized": 20, "paraphrase_other": 25}
for k, m in mins.items():
    if c[("duplicate", k)] < m:
        errors.append(f"too few {k}: {c[('duplicate', k)]}")
for k, _ in NEG:
    if c[("distinct", k)] < 15:
        errors.append(f"too few {k}: {c[('distinct', k)]}")
if n_dup < 170: errors.append(f"too few duplicates {n_dup}")
if n_neg < 180: errors.append(f"too few hard negatives {n_neg}")
if n_neg * 2 < len(rows): errors.append("hard negatives are not at least half")
if n_unrel < 110: errors.append(f"too few unrelated {n_unrel}")

# ---- write ----
rng = random.Random(18)
rng.shuffle(rows)
for r in rows:                      # random side order so 'b' is not always the longer one
    if rng.random() < 0.5:
        r["a"], r["b"] = r["b"], r["a"]

with open("pairs.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for i, r in enumerate(rows, 1):
        w.writerow([f"p{i:04d}", r["a"], r["b"], r["label"], r["kind"], r["note"]])

start = datetime(2025, 1, 1, tzinfo=timezone.utc)
span_ms = int((datetime(2026, 12, 31, 23, 59, tzinfo=timezone.utc) - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(mem):
    stamps.add(rng.randrange(span_ms))
stamps = list(stamps)
rng.shuffle(stamps)
items = list(mem.values())
rng.shuffle(items)
with open("memories.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for i, ((t, cat), ms) in enumerate(zip(items, stamps), 1):
        ts = start + timedelta(milliseconds=ms)
        w.writerow([i, t, cat, ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"])

# ---- re-read and verify ----
with open("pairs.csv", encoding="utf-8") as f:
    P = list(csv.DictReader(f))
with open("memories.csv", encoding="utf-8") as f:
    M = list(csv.DictReader(f))
mk = Counter(key(m["content"]) for m in M)
if any(v > 1 for v in mk.values()):
    errors.append("memories.csv has duplicate contents after strip/lower")
if len({m["created_at"] for m in M}) != len(M):
    errors.append("created_at not distinct")
for p in P:
    for t in (p["text_a"], p["text_b"]):
        if key(t) not in mk:
            errors.append(f"pair text missing from memories: {t!r}")

print(f"pairs: {len(P)}  duplicate: {n_dup}  distinct: {n_neg}")
for label, kinds in (("duplicate", DUP), ("distinct", NEG)):
    for k, _ in kinds:
        print(f"  {label:9s} {k:18s} {c[(label, k)]}")
print(f"memories: {len(M)} (pair texts {len(M) - n_unrel}, unrelated {n_unrel})")
print(f"words per memory: min {min(lens)} max {max(lens)} mean {sum(lens)/len(lens):.1f}; >20 words: {long_}")
print("categories:", dict(Counter(m["category"] for m in M)))
years = Counter(m["created_at"][:4] for m in M)
print("years:", dict(years))
if errors:
    print("\nERRORS:")
    for e in errors:
        print(" -", e)
    sys.exit(1)
print("all checks passed")
