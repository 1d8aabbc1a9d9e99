"""Assemble pairs.csv and memories.csv from the hand-written texts in
pairs_data.py and filler_data.py (ids, categories, timestamps only)."""
import csv, os, random, datetime
from pairs_data import KINDS
from filler_data import FILLER

HERE = os.path.dirname(os.path.abspath(__file__))
CAT = {"P": "preference", "F": "fact", "T": "pattern"}
rng = random.Random(20250304)

pairs = []
mem_cat = {}   # content -> category (first seen)
n = 0
for kind, label, items in KINDS:
    for cat, a, b, note in items:
        n += 1
        pairs.append({"id": f"p{n:04d}", "text_a": a, "text_b": b,
                      "label": label, "kind": kind, "note": note})
        for t in (a, b):
            mem_cat.setdefault(t, CAT[cat])

contents = list(mem_cat.items())
for cat, t in FILLER:
    assert t not in mem_cat, t
    contents.append((t, CAT[cat]))
rng.shuffle(contents)

start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
span_ms = int((datetime.datetime(2026, 12, 31, 23, 59, tzinfo=datetime.timezone.utc) - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(contents):
    stamps.add(rng.randrange(span_ms))
stamps = sorted(stamps)
rng.shuffle(stamps)

def iso(ms):
    d = start + datetime.timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"

with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "text_a", "text_b", "label", "kind", "note"])
    w.writeheader()
    w.writerows(pairs)

with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for i, ((t, cat), ms) in enumerate(zip(contents, stamps), 1):
        w.writerow([i, t, cat, iso(ms)])

print(len(pairs), "pairs,", len(contents), "memories (", len(FILLER), "filler )")
