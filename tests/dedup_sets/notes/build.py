"""Assemble pairs.csv and memories.csv for set s3 from the hand-written texts in
data_pairs.py and data_filler.py. Only ids, timestamps, shuffling and checks are done here."""
import csv, random, datetime, collections, sys
from data_pairs import PAIRS
from data_filler import FILLER

DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
       "word_swap", "related", "unrelated_similar"}
CAT = {"P": "preference", "F": "fact", "T": "pattern"}

rng = random.Random(20250603)

pairs = list(PAIRS)
rng.shuffle(pairs)
rows = []
for i, (kind, cat, a, b, note) in enumerate(pairs, 1):
    assert kind in DUP | NEG, kind
    label = "duplicate" if kind in DUP else "distinct"
    if rng.random() < 0.5:  # random side for each text
        a, b = b, a
    rows.append({"id": f"p{i:04d}", "text_a": a, "text_b": b, "label": label, "kind": kind, "note": note})

# memories: every distinct pair text once (first category seen), plus filler
mem = {}
for kind, cat, a, b, note in PAIRS:
    for t in (a, b):
        mem.setdefault(t, CAT[cat])
for cat, t in FILLER:
    assert t not in mem, ("filler equals a pair text", t)
    mem[t] = CAT[cat]

items = list(mem.items())
rng.shuffle(items)
start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
span_ms = int((datetime.datetime(2026, 12, 31, 23, 59, tzinfo=datetime.timezone.utc) - start).total_seconds() * 1000)
used = set()
mrows = []
for i, (t, c) in enumerate(items, 1):
    while True:
        ms = rng.randrange(span_ms)
        if ms not in used:
            used.add(ms); break
    ts = start + datetime.timedelta(milliseconds=ms)
    mrows.append({"id": i, "content": t, "category": c,
                  "created_at": ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"})

with open("pairs.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "text_a", "text_b", "label", "kind", "note"])
    w.writeheader(); w.writerows(rows)
with open("memories.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "content", "category", "created_at"])
    w.writeheader(); w.writerows(mrows)
print("pairs", len(rows), "memories", len(mrows), "filler", len(FILLER))
