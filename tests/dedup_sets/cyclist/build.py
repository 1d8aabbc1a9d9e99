"""Assemble pairs.csv and memories.csv from the hand-written pair files and run checks.

Texts are all written by hand in pairs_*.py / neg_*.py / unrelated.py; this script only
assigns ids and timestamps, shuffles row order, and checks the constraints of SPEC.md.
"""
import csv, os, random, re, sys, unicodedata, itertools, collections
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

MODULES = ["pairs_near", "pairs_normalized", "pairs_lexical", "pairs_subsumed", "pairs_other",
           "neg_variant", "neg_other_subject", "neg_negation", "neg_role_reversal", "neg_order",
           "neg_antonym", "neg_word_swap", "neg_related", "neg_unrelated_similar"]
DUP_KINDS = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG_KINDS = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
             "word_swap", "related", "unrelated_similar"}
CATS = {"preference", "fact", "pattern"}

errors, warnings = [], []
rows = []
for name in MODULES:
    mod = __import__(name)
    assert (mod.LABEL == "duplicate") == (mod.KIND in DUP_KINDS), name
    for a, b, cat, note in mod.PAIRS:
        rows.append(dict(text_a=a, text_b=b, label=mod.LABEL, kind=mod.KIND, note=note, cat=cat, src=name))

import unrelated
fillers = unrelated.MEMORIES

# ---- checks on pairs
key = lambda t: t.strip().lower()
seen = {}
for i, r in enumerate(rows):
    for t in (r["text_a"], r["text_b"]):
        if t != t.strip():
            errors.append(f"outer whitespace: {t!r}")
        if r["cat"] not in CATS:
            errors.append(f"bad category {r['cat']} in {t!r}")
        if key(t) in seen and seen[key(t)] != i:
            errors.append(f"text used in two pairs: {t!r}")
        seen.setdefault(key(t), i)
    if key(r["text_a"]) == key(r["text_b"]):
        errors.append(f"pair equal after strip/lower: {r['text_a']!r}")
    if r["kind"] == "normalized":
        def norm(t):
            t = unicodedata.normalize("NFKD", t)
            t = "".join(c for c in t if not unicodedata.combining(c))
            t = t.replace("\u2019", "'")
            return re.sub(r"[^a-z0-9]+", "", t.lower())
        if norm(r["text_a"]) != norm(r["text_b"]):
            errors.append(f"normalized pair differs beyond normalization: {r['text_a']!r} / {r['text_b']!r}")
for t, cat in fillers:
    if key(t) in seen:
        errors.append(f"filler repeats a text: {t!r}")
    seen.setdefault(key(t), -1)
    if cat not in CATS:
        errors.append(f"bad category {cat}")
if len({key(t) for t, _ in fillers}) != len(fillers):
    errors.append("duplicate filler texts")

# ---- lexical-overlap report across different pairs / fillers (for manual review)
STOP = set("a an the she her he his i i'm is are was at on in of to for and with from by it its be been has have had "
           "that this as or not no after before every when my me who than then".split())
def toks(t):
    t = unicodedata.normalize("NFKD", t.lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    return {w for w in re.findall(r"[a-z0-9']+", t) if w not in STOP}
owner = []
for i, r in enumerate(rows):
    owner.append((r["text_a"], i)); owner.append((r["text_b"], i))
for t, _ in fillers:
    owner.append((t, "filler"))
sims = []
for (t1, o1), (t2, o2) in itertools.combinations(owner, 2):
    if o1 == o2 and o1 != "filler":
        continue
    s1, s2 = toks(t1), toks(t2)
    if not s1 or not s2:
        continue
    j = len(s1 & s2) / min(len(s1), len(s2))
    if j >= 0.6 and len(s1 & s2) >= 2:
        sims.append((j, t1, t2))
sims.sort(reverse=True)

# ---- assemble
rnd = random.Random(23)
order = list(range(len(rows)))
rnd.shuffle(order)
pair_rows = []
for n, i in enumerate(order, 1):
    r = rows[i]
    a, b = r["text_a"], r["text_b"]
    if rnd.random() < 0.5:
        a, b = b, a
    pair_rows.append([f"p{n:04d}", a, b, r["label"], r["kind"], r["note"]])

mem = []
for i in order:
    r = rows[i]
    mem.append((r["text_a"], r["cat"])); mem.append((r["text_b"], r["cat"]))
mem += list(fillers)
rnd.shuffle(mem)
start = datetime(2025, 1, 1, tzinfo=timezone.utc)
span_ms = int((datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc) - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(mem):
    stamps.add(rnd.randrange(span_ms))
stamps = sorted(stamps)
rnd.shuffle(stamps)
mem_rows = []
for n, ((t, cat), ms) in enumerate(zip(mem, stamps), 1):
    ts = start + timedelta(milliseconds=ms)
    mem_rows.append([n, t, cat, ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"])
if len({key(r[1]) for r in mem_rows}) != len(mem_rows):
    errors.append("memories.csv has contents equal after strip().lower()")

with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(["id", "text_a", "text_b", "label", "kind", "note"]); w.writerows(pair_rows)
with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(["id", "content", "category", "created_at"]); w.writerows(mem_rows)

# ---- report
cnt = collections.Counter((r["label"], r["kind"]) for r in rows)
lab = collections.Counter(r["label"] for r in rows)
print(f"pairs: {len(rows)}  duplicate: {lab['duplicate']}  distinct: {lab['distinct']}")
for (l, k), c in sorted(cnt.items()):
    print(f"  {l:9s} {k:18s} {c}")
print(f"memories: {len(mem_rows)} (pair texts {len(mem_rows) - len(fillers)}, unrelated {len(fillers)})")
lens = [len(t.split()) for t, _ in mem]
print(f"words per memory: min {min(lens)} max {max(lens)} mean {sum(lens)/len(lens):.1f}")
mins = {"near": 35, "paraphrase_lexical": 35, "subsumed": 35, "normalized": 20, "paraphrase_other": 25}
for k, m in mins.items():
    if cnt[("duplicate", k)] < m:
        errors.append(f"too few {k}: {cnt[('duplicate', k)]}")
for k in NEG_KINDS:
    if cnt[("distinct", k)] < 15:
        errors.append(f"too few {k}")
if lab["distinct"] * 2 < len(rows) or lab["duplicate"] < 100 or len(rows) < 300 or len(fillers) < 100:
    errors.append("size/balance rule broken")
if "-v" in sys.argv:
    print("\ncross-pair lexical overlaps to review:")
    for j, t1, t2 in sims:
        print(f"  {j:.2f}  {t1!r}  ~  {t2!r}")
else:
    print(f"cross-pair overlaps >=0.6 to review: {len(sims)} (run with -v)")
for e in errors:
    print("ERROR:", e)
print("OK" if not errors else f"{len(errors)} errors")
