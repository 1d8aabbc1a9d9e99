"""Assemble pairs.csv and memories.csv from the hand-written texts in pairs_data.py, then validate."""
import csv, random, re, sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from pairs_data import ALL, FILLER

DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym", "word_swap", "related", "unrelated_similar"}

def category(t):
    s = t.lower()
    if re.search(r"\b(prefer|prefers|preferred|preference|favourite|favorite|likes|like|loves|love|enjoys|enjoy|hates|dislikes|can't stand|would rather|would choose|rates|keen|wants|doesn't like|favours)\b", s):
        return "preference"
    if re.search(r"\b(every|each|usually|always|never|tends|often|most|daily|weekly|on (mon|tues|wednes|thurs|fri|satur|sun)days)\b", s):
        return "pattern"
    return "fact"

rows = []
for i, (a, b, kind, note) in enumerate(ALL, 1):
    label = "duplicate" if kind in DUP else "distinct"
    assert kind in DUP | NEG, kind
    rows.append({"id": f"p{i:04d}", "text_a": a, "text_b": b, "label": label, "kind": kind, "note": note})

texts = []
seen = {}
for r in rows:
    for t in (r["text_a"], r["text_b"]):
        if t not in seen:
            seen[t] = len(texts); texts.append(t)
n_pair_texts = len(texts)
for t in FILLER:
    assert t not in seen, f"filler equals a pair text: {t}"
    seen[t] = len(texts); texts.append(t)

rng = random.Random(9)
start = datetime(2025, 1, 1, tzinfo=timezone.utc)
span_ms = int((datetime(2026, 12, 31, 23, 59, tzinfo=timezone.utc) - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(texts):
    stamps.add(rng.randrange(span_ms))
stamps = list(stamps); rng.shuffle(stamps)

def iso(ms):
    d = start + timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"

with open("pairs.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "text_a", "text_b", "label", "kind", "note"])
    w.writeheader(); w.writerows(rows)
with open("memories.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "content", "category", "created_at"])
    w.writeheader()
    for i, t in enumerate(texts, 1):
        w.writerow({"id": i, "content": t, "category": category(t), "created_at": iso(stamps[i - 1])})
print("pair texts:", n_pair_texts, "filler:", len(FILLER), "memories:", len(texts))
