"""Assemble pairs.csv and memories.csv for set s11 from the hand-written data files.

The script only assigns ids and timestamps and runs sanity checks; all texts are in
pairs_data.py and unrelated_data.py, written by hand.
"""
import csv
import difflib
import random
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone

from pairs_data import PAIRS
from unrelated_data import UNRELATED

KINDS_DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
KINDS_NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
             "word_swap", "related", "unrelated_similar"}
CATS = {"preference", "fact", "pattern"}

errors = []

# ---- pair checks
seen_pairs = set()
for i, (a, b, label, kind, note, cat) in enumerate(PAIRS):
    if label == "duplicate" and kind not in KINDS_DUP:
        errors.append(f"pair {i}: duplicate with kind {kind}")
    if label == "distinct" and kind not in KINDS_NEG:
        errors.append(f"pair {i}: distinct with kind {kind}")
    if cat not in CATS:
        errors.append(f"pair {i}: bad category {cat}")
    if a.strip().lower() == b.strip().lower():
        errors.append(f"pair {i}: texts equal after strip/lower: {a!r}")
    if a != a.strip() or b != b.strip():
        errors.append(f"pair {i}: outer whitespace")
    key = frozenset((a.strip().lower(), b.strip().lower()))
    if key in seen_pairs:
        errors.append(f"pair {i}: repeated pair {a!r} / {b!r}")
    seen_pairs.add(key)

# ---- memories: every distinct pair text, then unrelated
texts = {}  # exact text -> category (first occurrence wins)
for a, b, label, kind, note, cat in PAIRS:
    for t in (a, b):
        texts.setdefault(t, cat)
pair_texts = list(texts)
for t, cat in UNRELATED:
    if t in texts:
        errors.append(f"unrelated text also used in pairs: {t!r}")
    texts.setdefault(t, cat)
    if cat not in CATS:
        errors.append(f"unrelated bad category {cat}: {t!r}")

norm = Counter(t.strip().lower() for t in texts)
for t, c in norm.items():
    if c > 1:
        errors.append(f"memories collide after strip/lower: {t!r}")

if errors:
    print("\n".join(errors))
    sys.exit(1)

# ---- timestamps: distinct, spread over 2025-2026
rng = random.Random(11)
start = datetime(2025, 1, 3, tzinfo=timezone.utc)
end = datetime(2026, 12, 28, tzinfo=timezone.utc)
span_ms = int((end - start).total_seconds() * 1000)
used = set()
rows = []
for idx, (t, cat) in enumerate(texts.items(), start=1):
    while True:
        ms = rng.randrange(span_ms)
        if ms not in used:
            used.add(ms)
            break
    ts = start + timedelta(milliseconds=ms)
    stamp = ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"
    rows.append((idx, t, cat, stamp))

with open("memories.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    w.writerows(rows)

with open("pairs.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for i, (a, b, label, kind, note, cat) in enumerate(PAIRS, start=1):
        w.writerow([f"p{i:04d}", a, b, label, kind, note])

# ---- report
labels = Counter(p[2] for p in PAIRS)
kinds = Counter((p[2], p[3]) for p in PAIRS)
print("pairs:", len(PAIRS), dict(labels))
for (l, k), c in sorted(kinds.items()):
    print(f"  {l:9s} {k:18s} {c}")
print("memories:", len(rows), "pair texts:", len(pair_texts), "unrelated:", len(UNRELATED))
cats = Counter(c for _, _, c, _ in rows)
print("categories:", dict(cats))
lens = [len(t.split()) for t in texts]
print("words: min", min(lens), "max", max(lens), "mean %.1f" % (sum(lens) / len(lens)))

# ---- review aid: similar memory texts that are NOT a labelled pair
if "--similar" in sys.argv:
    labelled = {frozenset((a, b)) for a, b, *_ in PAIRS}
    allt = list(texts)
    low = [t.lower() for t in allt]
    out = []
    for i in range(len(allt)):
        for j in range(i + 1, len(allt)):
            if frozenset((allt[i], allt[j])) in labelled:
                continue
            r = difflib.SequenceMatcher(None, low[i], low[j]).ratio()
            if r >= 0.72:
                out.append((r, allt[i], allt[j]))
    out.sort(reverse=True)
    for r, a, b in out:
        print(f"{r:.2f} | {a} | {b}")
