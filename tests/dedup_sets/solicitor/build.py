"""Assemble pairs.csv and memories.csv for set s22 from the hand-written text files, and check them.

The texts are all written by hand in pairs_*.py / neg_*.py / unrelated.py; this script only assigns ids,
labels (from the kind), timestamps, and runs consistency checks.
Run:  python build.py          (writes CSVs, prints counts and warnings)
      python build.py --review (also prints the closest cross-pair text matches for a manual look)
"""
import csv
import os
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import pairs_near, pairs_lexical, pairs_subsumed, pairs_normalized, pairs_other  # noqa: E402
import neg_variant, neg_other_subject, neg_negation, neg_role_reversal, neg_order  # noqa: E402
import neg_antonym, neg_word_swap, neg_related, neg_unrelated_similar  # noqa: E402
import unrelated  # noqa: E402

DUP_KINDS = [
    ("normalized", pairs_normalized),
    ("near", pairs_near),
    ("paraphrase_lexical", pairs_lexical),
    ("subsumed", pairs_subsumed),
    ("paraphrase_other", pairs_other),
]
NEG_KINDS = [
    ("variant", neg_variant),
    ("other_subject", neg_other_subject),
    ("negation", neg_negation),
    ("role_reversal", neg_role_reversal),
    ("order", neg_order),
    ("antonym", neg_antonym),
    ("word_swap", neg_word_swap),
    ("related", neg_related),
    ("unrelated_similar", neg_unrelated_similar),
]
CATEGORIES = {"preference", "fact", "pattern"}

errors = []
warnings = []


def norm_full(t):
    """case, accents, unicode forms, punctuation and spacing removed"""
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.lower()
    t = re.sub(r"[^\w\s]", "", t)
    t = re.sub(r"\s+", " ", t).strip()
    return t


def norm_tight(t):
    """norm_full with all spacing removed ("half-term" == "half term" == "halfterm")"""
    return norm_full(t).replace(" ", "")


def key(t):
    return t.strip().lower()


def words(t):
    return re.findall(r"[a-z0-9£]+", norm_full(t))


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# ---------- pairs ----------
pairs = []
for kinds, label in ((DUP_KINDS, "duplicate"), (NEG_KINDS, "distinct")):
    for kind, mod in kinds:
        for item in mod.PAIRS:
            if len(item) != 4:
                errors.append(f"bad tuple in {kind}: {item}")
                continue
            a, b, cat, note = item
            if cat not in CATEGORIES:
                errors.append(f"bad category {cat!r} in {kind}: {a}")
            if a == b or key(a) == key(b):
                errors.append(f"pair texts equal after strip/lower ({kind}): {a}")
            pairs.append(dict(text_a=a, text_b=b, label=label, kind=kind, note=note, category=cat))

# within-pair checks per kind
for p in pairs:
    a, b, k = p["text_a"], p["text_b"], p["kind"]
    if k == "normalized" and norm_tight(a) != norm_tight(b):
        errors.append(f"normalized pair not equal after normalisation: {a!r} / {b!r}")
    if k == "normalized" and a.strip().lower() == b.strip().lower():
        errors.append(f"normalized pair differs only in case/outer space: {a!r}")
    if k != "normalized" and norm_tight(a) == norm_tight(b):
        if k == "near":
            warnings.append(f"near pair is also a punctuation-only variant (kept as near on purpose): {a!r} / {b!r}")
        else:
            errors.append(f"{k} pair identical after normalisation: {a!r}")
    if k == "word_swap":
        wa, wb = words(a), words(b)
        if len(wa) != len(wb):
            errors.append(f"word_swap length differs: {a!r} / {b!r}")
        else:
            diffs = [(x, y) for x, y in zip(wa, wb) if x != y]
            if len(diffs) != 1 or edit_distance(*diffs[0]) > 2:
                errors.append(f"word_swap not a single 1-2 letter swap: {diffs}")

# duplicate pairs across the file
seen = {}
for i, p in enumerate(pairs):
    k2 = frozenset((key(p["text_a"]), key(p["text_b"])))
    if k2 in seen:
        errors.append(f"pair repeated: {p['text_a']!r} / {p['text_b']!r}")
    seen[k2] = i

# ---------- memories ----------
texts = {}  # exact text -> category
order = []
for p in pairs:
    for t in (p["text_a"], p["text_b"]):
        if t not in texts:
            texts[t] = p["category"]
            order.append(t)
n_pair_texts = len(order)
for t, cat in unrelated.MEMS:
    if cat not in CATEGORIES:
        errors.append(f"bad category for unrelated {t!r}")
    if t in texts:
        errors.append(f"unrelated text reused from pairs: {t!r}")
        continue
    texts[t] = cat
    order.append(t)
n_unrelated = len(order) - n_pair_texts

# strip/lower collisions between different strings
by_key = defaultdict(list)
for t in order:
    by_key[key(t)].append(t)
for k2, ts in by_key.items():
    if len(ts) > 1:
        errors.append(f"memories collide after strip().lower(): {ts}")

# texts that occur in several pairs (allowed, reported)
occ = Counter()
for p in pairs:
    occ[p["text_a"]] += 1
    occ[p["text_b"]] += 1
for t, c in occ.items():
    if c > 1:
        warnings.append(f"text used in {c} pairs: {t!r}")

# unrelated memories must not be near-equal to any other memory after full normalisation
full = defaultdict(list)
for t in order:
    full[norm_tight(t)].append(t)
norm_dup_pairs = {frozenset((key(p["text_a"]), key(p["text_b"]))) for p in pairs if p["kind"] in ("normalized", "near")}
for nf, ts in full.items():
    if len(ts) > 1:
        ks = frozenset(key(t) for t in ts)
        if not (len(ts) == 2 and ks in norm_dup_pairs):
            errors.append(f"texts equal after full normalisation outside a normalized pair: {ts}")

# ---------- timestamps ----------
rng = random.Random(22)
start = datetime(2025, 1, 3, tzinfo=timezone.utc)
end = datetime(2026, 11, 28, tzinfo=timezone.utc)
span_ms = int((end - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(order):
    stamps.add(rng.randrange(span_ms))
stamps = list(stamps)
rng.shuffle(stamps)


def iso(ms):
    d = start + timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


# ---------- write ----------
with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for i, t in enumerate(order, 1):
        w.writerow([i, t, texts[t], iso(stamps[i - 1])])

with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for i, p in enumerate(pairs, 1):
        w.writerow([f"p{i:04d}", p["text_a"], p["text_b"], p["label"], p["kind"], p["note"]])

# ---------- re-read and verify ----------
with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as f:
    mem_rows = list(csv.DictReader(f))
with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as f:
    pair_rows = list(csv.DictReader(f))
contents = {r["content"] for r in mem_rows}
for r in pair_rows:
    for t in (r["text_a"], r["text_b"]):
        if t not in contents:
            errors.append(f"pair text missing from memories.csv after round-trip: {t!r}")
if len({r["created_at"] for r in mem_rows}) != len(mem_rows):
    errors.append("created_at not distinct")

# ---------- report ----------
lab = Counter(p["label"] for p in pairs)
kinds = Counter((p["label"], p["kind"]) for p in pairs)
print(f"pairs: {len(pairs)}  " + "  ".join(f"{k}={v}" for k, v in lab.items()))
for (l, k), v in sorted(kinds.items()):
    print(f"  {l:9s} {k:20s} {v}")
print(f"memories: {len(order)} (pair texts {n_pair_texts}, unrelated {n_unrelated})")
print("categories:", dict(Counter(texts.values())))
lens = [len(t.split()) for t in order]
print(f"words per memory: min {min(lens)}, max {max(lens)}, >20 words: {sum(l > 20 for l in lens)}")

# size / balance requirements
if len(pairs) < 300:
    errors.append("fewer than 300 pairs")
if lab["distinct"] * 2 < len(pairs):
    errors.append("fewer than half hard negatives")
if lab["duplicate"] < 100:
    errors.append("fewer than 100 duplicates")
for k, _ in NEG_KINDS:
    if kinds[("distinct", k)] < 15:
        errors.append(f"kind {k} has < 15 pairs")
if n_unrelated < 100:
    errors.append("fewer than 100 unrelated memories")

for w_ in warnings:
    print("WARN", w_)

if "--review" in sys.argv:
    # closest texts from OTHER pairs / unrelated, by word-set Jaccard, for a manual cross-check
    stop = set("the a an of to in on at for and is w with his her is it my i me re by from be are".split())
    owner = {}
    for i, p in enumerate(pairs):
        owner.setdefault(p["text_a"], set()).add(i)
        owner.setdefault(p["text_b"], set()).add(i)
    bag = {t: set(words(t)) - stop for t in order}
    cands = []
    for i, t1 in enumerate(order):
        for t2 in order[i + 1:]:
            if owner.get(t1, {-1}) & owner.get(t2, {-2}):
                continue
            s1, s2 = bag[t1], bag[t2]
            if not s1 or not s2:
                continue
            j = len(s1 & s2) / len(s1 | s2)
            if j >= 0.34:
                cands.append((j, t1, t2))
    cands.sort(reverse=True)
    print(f"\n--- {len(cands)} cross-pair look-alikes (Jaccard >= 0.34) ---")
    for j, t1, t2 in cands:
        print(f"{j:.2f} | {t1} | {t2}")

if errors:
    print("\nERRORS:")
    for e in errors:
        print(" -", e)
    sys.exit(1)
print("\nall checks passed")
