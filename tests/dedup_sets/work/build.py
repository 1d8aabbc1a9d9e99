"""Assemble pairs.csv and memories.csv from the hand-written data files and run checks."""
import csv, random, sys, os, unicodedata
from datetime import datetime, timedelta, timezone
from collections import Counter
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pairs_data import PAIRS
from unrelated_data import UNRELATED

DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym", "word_swap", "related", "unrelated_similar"}
CAT = {"F": "fact", "P": "preference", "T": "pattern"}
rng = random.Random(5)

# pairs
rows = []
for i, (kind, cat, a, b, note) in enumerate(PAIRS, 1):
    assert kind in DUP | NEG, kind
    assert a != b, a
    if rng.random() < 0.5:  # vary which side is first (order only)
        a, b = b, a
    rows.append(dict(id=f"p{i:04d}", text_a=a, text_b=b, label="duplicate" if kind in DUP else "distinct",
                     kind=kind, note=note, _cat=CAT[cat]))

# memories: every distinct pair text, then filler
texts, cats = [], {}
for r in rows:
    for t in (r["text_a"], r["text_b"]):
        if t not in cats:
            cats[t] = r["_cat"]; texts.append(t)
pair_text_count = len(texts)
for cat, t in UNRELATED:
    assert t not in cats, f"filler equals a pair text: {t}"
    cats[t] = CAT[cat]; texts.append(t)

order = list(range(len(texts)))
rng.shuffle(order)
start = datetime(2025, 1, 3, tzinfo=timezone.utc)
span = (datetime(2026, 12, 20, tzinfo=timezone.utc) - start).total_seconds()
secs = sorted(rng.sample(range(int(span)), len(texts)))
stamps = []
for s in secs:
    d = start + timedelta(seconds=s, milliseconds=rng.randrange(1000))
    stamps.append(d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z")
rng.shuffle(stamps)
mems = [dict(id=i + 1, content=texts[j], category=cats[texts[j]], created_at=stamps[i]) for i, j in enumerate(order)]

with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "text_a", "text_b", "label", "kind", "note"], extrasaction="ignore")
    w.writeheader(); w.writerows(rows)
with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["id", "content", "category", "created_at"])
    w.writeheader(); w.writerows(mems)

# ---------- checks (re-read from disk) ----------
with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as f:
    r = csv.reader(f); hdr = next(r); P = [dict(zip(hdr, x)) for x in r]
assert hdr == ["id", "text_a", "text_b", "label", "kind", "note"]
with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as f:
    r = csv.reader(f); hdr = next(r); M = [dict(zip(hdr, x)) for x in r]
assert hdr == ["id", "content", "category", "created_at"]
assert len({p["id"] for p in P}) == len(P)
assert len({m["id"] for m in M}) == len(M) and [int(m["id"]) for m in M] == list(range(1, len(M) + 1))
keys = Counter(m["content"].strip().lower() for m in M)
dupkeys = [k for k, c in keys.items() if c > 1]
assert not dupkeys, dupkeys
assert len({m["created_at"] for m in M}) == len(M)
assert all(m["category"] in ("preference", "fact", "pattern") for m in M)
assert all(m["created_at"][:4] in ("2025", "2026") for m in M)
contents = {m["content"] for m in M}
for p in P:
    assert p["text_a"] in contents and p["text_b"] in contents, p["id"]
    assert p["text_a"].strip().lower() != p["text_b"].strip().lower(), p["id"]
    assert p["label"] in ("duplicate", "distinct") and p["note"]
# normalized pairs: must become equal after aggressive normalisation
def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return "".join(c for c in s.lower() if c.isalnum())
for p in P:
    if p["kind"] == "normalized":
        assert norm(p["text_a"]) == norm(p["text_b"]) or p["id"] in (), (p["id"], p["text_a"], p["text_b"])
# text reuse across pairs
use = Counter(t for p in P for t in (p["text_a"], p["text_b"]))
reused = [t for t, c in use.items() if c > 1]
lab = Counter(p["label"] for p in P); kind = Counter((p["label"], p["kind"]) for p in P)
print("pairs", len(P), dict(lab))
for k, c in sorted(kind.items()): print(" ", k, c)
print("memories", len(M), "pair texts", pair_text_count, "unrelated", len(M) - pair_text_count)
print("texts reused in >1 pair:", reused)
wl = [len(t.split()) for t in contents]
print("words min/median/max", min(wl), sorted(wl)[len(wl)//2], max(wl))
print("dates", min(m["created_at"] for m in M), max(m["created_at"] for m in M))
print("categories", Counter(m["category"] for m in M))
