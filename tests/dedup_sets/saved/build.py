#!/usr/bin/python3
"""Assemble pairs.csv and memories.csv from the hand-written data files and run consistency checks.

The texts live in data_dup.py, data_neg.py and data_filler.py (written by hand).
This script only: shuffles pair order / a-b order (seeded), assigns ids, categories and
timestamps, writes the CSVs, and checks consistency. It does not generate or alter any text.
"""
import csv
import os
import random
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data_dup import DUP          # noqa: E402
from data_neg import NEG          # noqa: E402
from data_filler import FILLER    # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DUP_KINDS = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG_KINDS = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
             "word_swap", "related", "unrelated_similar"}
CAT = {"f": "fact", "p": "preference", "t": "pattern"}

rng = random.Random(20250404)

# ---------------- pairs ----------------
rows = []
for kind, cat, a, b, note in DUP:
    rows.append((a, b, "duplicate", kind, note, cat))
for kind, cat, a, b, note in NEG:
    rows.append((a, b, "distinct", kind, note, cat))
rng.shuffle(rows)
pairs = []
for i, (a, b, label, kind, note, cat) in enumerate(rows, 1):
    if rng.random() < 0.5:      # present the two sides in either order
        a, b = b, a
    pairs.append({"id": f"p{i:04d}", "text_a": a, "text_b": b, "label": label,
                  "kind": kind, "note": note, "_cat": cat})

# ---------------- memories ----------------
text_cat = {}
for p in pairs:
    for t in (p["text_a"], p["text_b"]):
        text_cat.setdefault(t, CAT[p["_cat"]])
pair_texts = set(text_cat)
filler_texts = []
for cat, t in FILLER:
    assert t not in text_cat, f"filler equals a pair text: {t!r}"
    text_cat[t] = CAT[cat]
    filler_texts.append(t)

all_texts = list(text_cat)
rng.shuffle(all_texts)

start = datetime(2025, 1, 1, tzinfo=timezone.utc)
span_ms = int((datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc) - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(all_texts):
    stamps.add(rng.randrange(span_ms))
stamps = sorted(stamps)
rng.shuffle(stamps)


def iso(ms):
    d = start + timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


memories = [{"id": i, "content": t, "category": text_cat[t], "created_at": iso(ms)}
            for i, (t, ms) in enumerate(zip(all_texts, stamps), 1)]

# ---------------- checks ----------------
errors = []
mem_contents = {m["content"] for m in memories}
for p in pairs:
    for t in (p["text_a"], p["text_b"]):
        if t not in mem_contents:
            errors.append(f"{p['id']}: text missing from memories: {t!r}")
        if t != t.strip():
            errors.append(f"{p['id']}: outer whitespace in {t!r}")
    if p["text_a"].strip().lower() == p["text_b"].strip().lower():
        errors.append(f"{p['id']}: sides equal after strip().lower()")
    if p["kind"] in DUP_KINDS and p["label"] != "duplicate":
        errors.append(f"{p['id']}: kind/label mismatch")
    if p["kind"] in NEG_KINDS and p["label"] != "distinct":
        errors.append(f"{p['id']}: kind/label mismatch")
    if p["kind"] not in DUP_KINDS | NEG_KINDS:
        errors.append(f"{p['id']}: unknown kind {p['kind']}")

norm = Counter(m["content"].strip().lower() for m in memories)
for k, v in norm.items():
    if v > 1:
        errors.append(f"memories equal after strip().lower(): {k!r}")
if len({m["created_at"] for m in memories}) != len(memories):
    errors.append("timestamps not distinct")
for m in memories:
    if not ("2025-01-01" <= m["created_at"][:10] <= "2026-12-31"):
        errors.append(f"timestamp out of range {m['created_at']}")
    if m["category"] not in ("preference", "fact", "pattern"):
        errors.append(f"bad category {m['category']}")

pair_keys = Counter(frozenset((p["text_a"], p["text_b"])) for p in pairs)
for k, v in pair_keys.items():
    if v > 1:
        errors.append(f"pair repeated: {sorted(k)}")

use = defaultdict(list)
for p in pairs:
    use[p["text_a"]].append(p["id"])
    use[p["text_b"]].append(p["id"])
shared = {t: ids for t, ids in use.items() if len(ids) > 1}

labels = Counter(p["label"] for p in pairs)
kinds = Counter(p["kind"] for p in pairs)
n_filler = len(filler_texts)
if len(pairs) < 320: errors.append("fewer than 320 pairs")
if labels["distinct"] * 2 < len(pairs): errors.append("hard negatives < half")
if labels["duplicate"] < 120: errors.append("duplicates < 120")
if n_filler < 120: errors.append("filler < 120")
for k in ("normalized", "near", "paraphrase_lexical", "subsumed"):
    if kinds[k] < 25: errors.append(f"{k} < 25")
if kinds["paraphrase_other"] < 15: errors.append("paraphrase_other < 15")
for k in NEG_KINDS:
    if kinds[k] < 15: errors.append(f"{k} < 15")

lengths = [len(t.split()) for t in mem_contents]

if errors:
    print("ERRORS:")
    for e in errors:
        print("  ", e)
    sys.exit(1)

# ---------------- write ----------------
with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "text_a", "text_b", "label", "kind", "note"])
    w.writeheader()
    for p in pairs:
        w.writerow({k: p[k] for k in ["id", "text_a", "text_b", "label", "kind", "note"]})
with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "content", "category", "created_at"])
    w.writeheader()
    w.writerows(memories)

print(f"pairs: {len(pairs)}  labels: {dict(labels)}")
for k in sorted(kinds, key=lambda k: (k not in DUP_KINDS, k)):
    print(f"  {k:20s} {kinds[k]}")
print(f"memories: {len(memories)}  (pair texts {len(pair_texts)}, filler {n_filler})")
print(f"categories: {dict(Counter(m['category'] for m in memories))}")
print(f"words per memory: min {min(lengths)} max {max(lengths)} "
      f"median {sorted(lengths)[len(lengths)//2]}  >20 words: {sum(l > 20 for l in lengths)}")
print(f"texts shared by several pairs: {len(shared)}")
for t, ids in shared.items():
    print("   ", ids, t)
