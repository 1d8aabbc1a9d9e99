"""Assemble pairs.csv and memories.csv from the hand-written texts; run checks."""
import csv, random, re, sys, os
from datetime import datetime, timedelta, timezone
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from texts_dup import NORMALIZED, NEAR, PARAPHRASE_LEXICAL, SUBSUMED, PARAPHRASE_OTHER
from texts_neg import (VARIANT, OTHER_SUBJECT, NEGATION, ROLE_REVERSAL, ORDER, ANTONYM,
                       WORD_SWAP, RELATED, UNRELATED_SIMILAR)
from texts_filler import FILLER

GROUPS = [
    ("duplicate", "normalized", NORMALIZED),
    ("duplicate", "near", NEAR),
    ("duplicate", "paraphrase_lexical", PARAPHRASE_LEXICAL),
    ("duplicate", "subsumed", SUBSUMED),
    ("duplicate", "paraphrase_other", PARAPHRASE_OTHER),
    ("distinct", "variant", VARIANT),
    ("distinct", "other_subject", OTHER_SUBJECT),
    ("distinct", "negation", NEGATION),
    ("distinct", "role_reversal", ROLE_REVERSAL),
    ("distinct", "order", ORDER),
    ("distinct", "antonym", ANTONYM),
    ("distinct", "word_swap", WORD_SWAP),
    ("distinct", "related", RELATED),
    ("distinct", "unrelated_similar", UNRELATED_SIMILAR),
]

rng = random.Random(20250606)

# ---- pairs: interleave kinds, randomly swap a/b so the longer/edited text is not always b
rows = []
for label, kind, items in GROUPS:
    for a, b, note in items:
        if rng.random() < 0.5:
            a, b = b, a
        rows.append((a, b, label, kind, note))
rng.shuffle(rows)
pairs = [dict(id=f"p{i:04d}", text_a=a, text_b=b, label=l, kind=k, note=n)
         for i, (a, b, l, k, n) in enumerate(rows, 1)]

# ---- memories
PREF = re.compile(r"\b(prefers?|likes?|loves?|hates?|dislikes?|favou?rites?|would rather|would pick|enjoys?|"
                  r"can't stand|not a fan|wants?|rather than)\b", re.I)
PATTERN = re.compile(r"\b(every|each|daily|weekly|monthly|twice|usually|always|never|often|rarely|most nights|"
                     r"weekdays?|week days|weeknights?|a day|a week|a night|a month|mornings|evenings|nights|"
                     r"mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|at weekends|on weekends)\b", re.I)

def category(t):
    if PREF.search(t):
        return "preference"
    if PATTERN.search(t):
        return "pattern"
    return "fact"

texts = []
seen = set()
for p in pairs:
    for t in (p["text_a"], p["text_b"]):
        if t not in seen:
            seen.add(t); texts.append(t)
n_pair_texts = len(texts)
for t in FILLER:
    if t in seen:
        raise SystemExit(f"filler equals a pair text: {t!r}")
    seen.add(t); texts.append(t)
rng.shuffle(texts)

start = datetime(2025, 1, 1, tzinfo=timezone.utc)
span_ms = int((datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc) - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(texts):
    stamps.add(rng.randrange(span_ms))
stamps = list(stamps); rng.shuffle(stamps)
def iso(ms):
    d = start + timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"
mems = [dict(id=i, content=t, category=category(t), created_at=iso(ms))
        for i, (t, ms) in enumerate(zip(texts, stamps), 1)]

with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "text_a", "text_b", "label", "kind", "note"])
    w.writeheader(); w.writerows(pairs)
with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "content", "category", "created_at"])
    w.writeheader(); w.writerows(mems)

# ---- checks (re-read from disk)
DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym", "word_swap",
       "related", "unrelated_similar"}
with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as f:
    r = csv.DictReader(f); assert r.fieldnames == ["id", "text_a", "text_b", "label", "kind", "note"]
    P = list(r)
with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as f:
    r = csv.DictReader(f); assert r.fieldnames == ["id", "content", "category", "created_at"]
    M = list(r)
errors = []
if len({p["id"] for p in P}) != len(P): errors.append("duplicate pair ids")
if len({m["id"] for m in M}) != len(M): errors.append("duplicate memory ids")
if [int(m["id"]) for m in M] != list(range(1, len(M) + 1)): errors.append("memory ids not 1..N")
if len({m["created_at"] for m in M}) != len(M): errors.append("duplicate timestamps")
norm = Counter(m["content"].strip().lower() for m in M)
for k, c in norm.items():
    if c > 1: errors.append(f"memories equal after strip().lower(): {k!r}")
contents = {m["content"] for m in M}
for p in P:
    if p["label"] == "duplicate" and p["kind"] not in DUP: errors.append(f"{p['id']} label/kind")
    if p["label"] == "distinct" and p["kind"] not in NEG: errors.append(f"{p['id']} label/kind")
    for t in (p["text_a"], p["text_b"]):
        if t not in contents: errors.append(f"{p['id']} text missing from memories")
        if t != t.strip(): errors.append(f"{p['id']} outer whitespace")
    if p["text_a"].strip().lower() == p["text_b"].strip().lower(): errors.append(f"{p['id']} same after strip/lower")
    if not p["note"]: errors.append(f"{p['id']} empty note")
for m in M:
    if m["category"] not in ("preference", "fact", "pattern"): errors.append(f"bad category {m['id']}")
    if not re.fullmatch(r"202[56]-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", m["created_at"]): errors.append("bad ts")
use = Counter(t for p in P for t in (p["text_a"], p["text_b"]))
reused = [t for t, c in use.items() if c > 1]

lab = Counter(p["label"] for p in P)
kinds = Counter((p["label"], p["kind"]) for p in P)
print("pairs:", len(P), dict(lab))
for (l, k), c in sorted(kinds.items()):
    print(f"  {l:9s} {k:18s} {c}")
print("memories:", len(M), "pair texts:", n_pair_texts, "unrelated:", len(M) - n_pair_texts)
print("categories:", dict(Counter(m["category"] for m in M)))
wl = [len(m["content"].split()) for m in M]
print("words: min", min(wl), "max", max(wl), ">20:", sum(x > 20 for x in wl), "3-20:", sum(3 <= x <= 20 for x in wl))
print("texts used in >1 pair:", len(reused))
print("ERRORS:", errors if errors else "none")
