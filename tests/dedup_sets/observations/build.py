"""Assemble pairs.csv and memories.csv from the hand-written texts in
pairs_data.py and filler_data.py. Only ids, labels (from kind), timestamps and
checks are done here; every text was written by hand."""
import csv, random, datetime, unicodedata
from collections import Counter
from pairs_data import PAIRS
from filler_data import FILLER

DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
       "word_swap", "related", "unrelated_similar"}
CAT = {"f": "fact", "p": "preference", "t": "pattern"}

rng = random.Random(20250602)
pairs = list(PAIRS)
rng.shuffle(pairs)

rows = []
text_cat = {}
for i, (kind, cat, a, b, note) in enumerate(pairs, 1):
    assert kind in DUP | NEG, kind
    label = "duplicate" if kind in DUP else "distinct"
    rows.append({"id": f"p{i:04d}", "text_a": a, "text_b": b, "label": label,
                 "kind": kind, "note": note})
    for t in (a, b):
        text_cat.setdefault(t, CAT[cat])

mem = list(text_cat.items())
for cat, t in FILLER:
    assert t not in text_cat, t
    mem.append((t, CAT[cat]))
rng.shuffle(mem)

# distinct timestamps spread over 2025-01-01 .. 2026-12-31
start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
span_ms = int((datetime.datetime(2026, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc) - start).total_seconds() * 1000)
ms = sorted(rng.sample(range(span_ms), len(mem)))
rng.shuffle(ms)
def iso(m):
    d = start + datetime.timedelta(milliseconds=m)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"

with open("pairs.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "text_a", "text_b", "label", "kind", "note"])
    w.writeheader(); w.writerows(rows)
with open("memories.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "content", "category", "created_at"])
    w.writeheader()
    for i, ((t, c), m) in enumerate(zip(mem, ms), 1):
        w.writerow({"id": i, "content": t, "category": c, "created_at": iso(m)})
print("pairs", len(rows), "memories", len(mem), "filler", len(FILLER))
