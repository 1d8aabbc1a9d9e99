"""Assemble pairs.csv and memories.csv from the hand-written sources.

pairs_src.txt : one pair per line, "kind | text_a | text_b | note" (texts written by hand)
filler_src.txt: one unrelated memory per line (written by hand)
The script only assigns ids, labels (from kind), a category (keyword heuristic),
and distinct created_at timestamps, then validates everything.
"""
import csv, random, re, unicodedata, datetime as dt
from collections import Counter

DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
       "word_swap", "related", "unrelated_similar"}

pairs = []
for line in open("pairs_src.txt", encoding="utf-8"):
    if not line.strip() or line.startswith("#"):
        continue
    parts = line.rstrip("\n").split(" | ")
    assert len(parts) == 4, line
    kind, a, b, note = parts
    kind = kind.strip()
    assert kind in DUP | NEG, kind
    pairs.append((a, b, "duplicate" if kind in DUP else "distinct", kind, note.strip()))

filler = [l.rstrip("\n") for l in open("filler_src.txt", encoding="utf-8") if l.strip()]

PREF = re.compile(r"\b(prefers?|preferred|preference|likes?|loves?|hates?|dislikes?|dislike|favou?rite|rather|"
                  r"can't stand|refuses|wants?|values|chooses|choose|ranks|enjoys|not a fan|would love|would like)\b", re.I)
PATT = re.compile(r"\b(every|each|weekly|monthly|fortnight(ly)?|twice|times a week|a month|a week|usually|always|"
                  r"never|rarely|quarterly|annually|once a|on (mondays|tuesdays|wednesdays|thursdays|fridays|"
                  r"saturdays|sundays|weekdays|week days)|on sundays|routine)\b", re.I)

def category(t):
    if PREF.search(t):
        return "preference"
    if PATT.search(t):
        return "pattern"
    return "fact"

# distinct texts in order of first appearance
texts = []
seen = set()
for a, b, *_ in pairs:
    for t in (a, b):
        if t not in seen:
            seen.add(t); texts.append(t)
pair_text_count = len(texts)
for t in filler:
    assert t not in seen, "filler equals a pair text: " + t
    seen.add(t); texts.append(t)

rng = random.Random(7)
start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
span_ms = int((dt.datetime(2026, 12, 31, 23, 59, tzinfo=dt.timezone.utc) - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(texts):
    stamps.add(rng.randrange(span_ms))
stamps = list(stamps); rng.shuffle(stamps)
def iso(ms):
    d = start + dt.timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"

with open("memories.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for i, (t, ms) in enumerate(zip(texts, stamps), 1):
        w.writerow([i, t, category(t), iso(ms)])

with open("pairs.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for i, (a, b, lab, kind, note) in enumerate(pairs, 1):
        w.writerow([f"p{i:04d}", a, b, lab, kind, note])
print("pair texts:", pair_text_count, "filler:", len(filler), "memories:", len(texts))
