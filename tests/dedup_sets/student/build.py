"""Assemble pairs.csv and memories.csv from the hand-written texts in pairs_data.py / filler_data.py.
Only ids, timestamps and a rough category are assigned here; no text is generated."""
import csv, random, re, sys, os, datetime as dt
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pairs_data import PAIRS
from filler_data import FILLER

HERE = os.path.dirname(os.path.abspath(__file__))
random.seed(8)

PREF = re.compile(r"\b(prefers?|preferred|wants?|wanted|likes?|loves?|hates?|dislikes?|favou?rite|rather|enjoys?|can't stand|fan of|doesn't want|does not want|asked the assistant|should be)\b", re.I)
PATTERN = re.compile(r"\b(every|usually|always|often|most (days|nights|weekends)|each|daily|weekly|monthly|twice|two times|a week|per day|a day|once a|on (mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)|tends|never|habit|mornings|evenings|nights)\b", re.I)

def category(t):
    if PREF.search(t):
        return "preference"
    if PATTERN.search(t):
        return "pattern"
    return "fact"

def main():
    # pairs
    rows = []
    for i, (a, b, label, kind, note) in enumerate(PAIRS, 1):
        rows.append({"id": f"p{i:04d}", "text_a": a, "text_b": b, "label": label, "kind": kind, "note": note})
    with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", "text_a", "text_b", "label", "kind", "note"])
        w.writeheader(); w.writerows(rows)
    # memories: every distinct text in order of first use, then fillers
    texts = []
    seen = set()
    for a, b, *_ in PAIRS:
        for t in (a, b):
            if t not in seen:
                seen.add(t); texts.append(t)
    for t in FILLER:
        if t in seen:
            raise SystemExit(f"filler repeats a pair text: {t}")
        seen.add(t); texts.append(t)
    start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    span = int((dt.datetime(2026, 12, 31, 23, 59, tzinfo=dt.timezone.utc) - start).total_seconds() * 1000)
    stamps = set()
    while len(stamps) < len(texts):
        stamps.add(random.randrange(span))
    stamps = list(stamps); random.shuffle(stamps)
    with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "content", "category", "created_at"])
        for i, (t, ms) in enumerate(zip(texts, stamps), 1):
            ts = start + dt.timedelta(milliseconds=ms)
            w.writerow([i, t, category(t), ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"])
    print(f"{len(rows)} pairs, {len(texts)} memories ({len(FILLER)} filler)")

if __name__ == "__main__":
    main()
