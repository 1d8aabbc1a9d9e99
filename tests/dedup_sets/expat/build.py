"""Assemble pairs.csv and memories.csv for set s10 from the hand-written texts.

The script only assigns ids, categories and timestamps, shuffles memory order,
and checks the rules of SPEC.md. All texts live in pairs_data.py / fillers_data.py.
"""
import csv
import random
import sys
import unicodedata
from collections import Counter
from datetime import datetime, timedelta, timezone

from pairs_data import PAIRS
from fillers_data import FILLERS

HERE = __file__.rsplit("/", 1)[0]
DUP_KINDS = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG_KINDS = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
             "word_swap", "related", "unrelated_similar"}
CAT = {"f": "fact", "p": "preference", "t": "pattern"}

errors = []

# ---- pairs
pair_rows = []
text_cat = {}
for i, (kind, a, b, note, cat) in enumerate(PAIRS, 1):
    if kind in DUP_KINDS:
        label = "duplicate"
    elif kind in NEG_KINDS:
        label = "distinct"
    else:
        errors.append(f"bad kind {kind}")
        continue
    if a == b:
        errors.append(f"identical texts in pair {i}")
    if a.strip().lower() == b.strip().lower():
        errors.append(f"pair {i} texts equal after strip().lower(): {a!r}")
    if cat not in CAT:
        errors.append(f"bad category {cat} in pair {i}")
    for t in (a, b):
        if t in text_cat and text_cat[t] != CAT[cat]:
            errors.append(f"text reused with different category: {t!r}")
        text_cat.setdefault(t, CAT[cat])
    pair_rows.append({"id": f"p{i:04d}", "text_a": a, "text_b": b, "label": label,
                      "kind": kind, "note": note})

# ---- memories
mem_texts = list(text_cat.items())
pair_text_set = set(text_cat)
for t, cat in FILLERS:
    if t in pair_text_set:
        errors.append(f"filler equals a pair text: {t!r}")
    mem_texts.append((t, CAT[cat]))

seen = {}
for t, _ in mem_texts:
    k = t.strip().lower()
    if k in seen:
        errors.append(f"memory collision after strip().lower(): {t!r} / {seen[k]!r}")
    seen[k] = t

# informative: collisions after NFKC + accent stripping + punctuation removal, outside normalized pairs
def loose(t):
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("ß", "ss").lower()
    return " ".join("".join(c if c.isalnum() else " " for c in t).split())

norm_pairs = {frozenset((r["text_a"], r["text_b"])) for r in pair_rows if r["kind"] == "normalized"}
loose_seen = {}
for t, _ in mem_texts:
    k = loose(t)
    if k in loose_seen and frozenset((t, loose_seen[k])) not in norm_pairs:
        errors.append(f"loose collision outside normalized pairs: {t!r} / {loose_seen[k]!r}")
    loose_seen.setdefault(k, t)
for r in pair_rows:
    if r["kind"] == "normalized" and loose(r["text_a"]) != loose(r["text_b"]):
        print("note: normalized pair differs after loose normalisation:", r["id"], file=sys.stderr)

rng = random.Random(20251207)
rng.shuffle(mem_texts)
start = datetime(2025, 1, 1, tzinfo=timezone.utc)
span_ms = int((datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc) - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(mem_texts):
    stamps.add(rng.randrange(span_ms))
stamps = sorted(stamps)
rng.shuffle(stamps)

mem_rows = []
for idx, ((t, cat), ms) in enumerate(zip(mem_texts, stamps), 1):
    ts = start + timedelta(milliseconds=ms)
    mem_rows.append({"id": idx, "content": t, "category": cat,
                     "created_at": ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"})

# ---- counts
labels = Counter(r["label"] for r in pair_rows)
kinds = Counter(r["kind"] for r in pair_rows)
if len(pair_rows) < 300:
    errors.append("fewer than 300 pairs")
if labels["distinct"] * 2 < len(pair_rows):
    errors.append("hard negatives are fewer than half")
if labels["duplicate"] < 100:
    errors.append("fewer than 100 duplicates")
if len(FILLERS) < 100:
    errors.append("fewer than 100 fillers")
for k in DUP_KINDS | NEG_KINDS:
    if kinds[k] == 0:
        errors.append(f"kind {k} missing")
for k in NEG_KINDS:
    if kinds[k] < 15:
        errors.append(f"kind {k} has fewer than 15 pairs")

if errors:
    print("\n".join(errors))
    sys.exit(1)

with open(f"{HERE}/pairs.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "text_a", "text_b", "label", "kind", "note"])
    w.writeheader()
    w.writerows(pair_rows)
with open(f"{HERE}/memories.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "content", "category", "created_at"])
    w.writeheader()
    w.writerows(mem_rows)

print("pairs:", len(pair_rows), dict(labels))
print("kinds:", dict(sorted(kinds.items())))
print("memories:", len(mem_rows), "(pair texts:", len(text_cat), ", fillers:", len(FILLERS), ")")
print("categories:", dict(Counter(r["category"] for r in mem_rows)))
lens = [len(r["content"].split()) for r in mem_rows]
print("words per memory: min", min(lens), "max", max(lens),
      "3-20:", sum(3 <= n <= 20 for n in lens), ">20:", sum(n > 20 for n in lens), "<3:", sum(n < 3 for n in lens))
