#!/usr/bin/env python3
"""Assemble pairs.csv and memories.csv for set s24 from the hand-written text files, and check them.

The texts are all hand-written in the pairs_*.py / unrelated.py files; this script only assigns ids,
timestamps and categories, writes the CSVs and runs consistency checks.
"""
import csv, os, random, re, sys, unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))

def load(fname, var):
    d = {}
    exec(open(os.path.join(HERE, fname), encoding="utf-8").read(), d)
    return d[var]

# (file, variable, label, kind)
SOURCES = [
    ("pairs_normalized.py", "NORMALIZED", "duplicate", "normalized"),
    ("pairs_near.py", "NEAR", "duplicate", "near"),
    ("pairs_lexical.py", "LEXICAL", "duplicate", "paraphrase_lexical"),
    ("pairs_subsumed.py", "SUBSUMED", "duplicate", "subsumed"),
    ("pairs_other.py", "OTHER", "duplicate", "paraphrase_other"),
    ("pairs_neg_variant.py", "VARIANT", "distinct", "variant"),
    ("pairs_neg_subject.py", "OTHER_SUBJECT", "distinct", "other_subject"),
    ("pairs_neg_negation.py", "NEGATION", "distinct", "negation"),
    ("pairs_neg_role.py", "ROLE", "distinct", "role_reversal"),
    ("pairs_neg_order.py", "ORDER", "distinct", "order"),
    ("pairs_neg_antonym.py", "ANTONYM", "distinct", "antonym"),
    ("pairs_neg_wordswap.py", "WORD_SWAP", "distinct", "word_swap"),
    ("pairs_neg_related.py", "RELATED", "distinct", "related"),
    ("pairs_neg_unrelsim.py", "UNREL_SIM", "distinct", "unrelated_similar"),
]
KINDS = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other", "variant",
         "other_subject", "negation", "role_reversal", "order", "antonym", "word_swap", "related",
         "unrelated_similar"}
CATS = {"preference", "fact", "pattern"}

errors, warnings = [], []

def key(t):  # what the store treats as the same memory
    return t.strip().lower()

def _base(t):
    t = unicodedata.normalize("NFKD", t)
    return "".join(c for c in t if not unicodedata.combining(c)).lower()

def norms(t):
    """Aggressive normalisations (unicode, accents, case, spacing, punctuation); two texts that share
    any of them differ only by normalisation."""
    b = _base(t)
    v1 = re.sub(r"[^\w\s]", " ", b)                       # punctuation -> space
    v2 = re.sub(r"[^\w\s]", "", b)                        # punctuation dropped
    v3 = re.sub(r"[^\w\s]", " ", re.sub(r"['\u2019.]", "", b))  # apostrophes/dots dropped, rest -> space
    return {" ".join(v.replace("_", " ").split()) for v in (v1, v2, v3)}

def norm(t):
    return min(norms(t))

def same_norm(a, b):
    return bool(norms(a) & norms(b))

# ---- pairs ----
pairs = []
rng = random.Random(24)
for fname, var, label, kind in SOURCES:
    assert kind in KINDS
    for row in load(fname, var):
        if len(row) != 4:
            errors.append(f"bad row in {fname}: {row!r}")
            continue
        a, b, note, cat = row
        if cat not in CATS:
            errors.append(f"bad category {cat!r} in {fname}")
        if key(a) == key(b):
            errors.append(f"pair texts identical after strip/lower: {a!r}")
        if kind == "normalized" and not same_norm(a, b):
            errors.append(f"normalized pair differs after normalisation: {a!r} / {b!r}")
        if label == "distinct" and same_norm(a, b):
            errors.append(f"{kind} pair equal after normalisation: {a!r} / {b!r}")
        if kind in ("paraphrase_lexical", "subsumed", "paraphrase_other") and same_norm(a, b):
            warnings.append(f"{kind} pair equal after normalisation: {a!r} / {b!r}")
        if rng.random() < 0.5:  # mix which side is the longer / edited one
            a, b = b, a
        pairs.append(dict(text_a=a, text_b=b, label=label, kind=kind, note=note, cat=cat))

# ---- memories ----
text_cat = {}
text_pairs = defaultdict(list)
for i, p in enumerate(pairs):
    for side in ("text_a", "text_b"):
        t = p[side]
        text_pairs[t].append(i)
        if t in text_cat and text_cat[t] != p["cat"]:
            warnings.append(f"text used with two categories: {t!r}")
        text_cat.setdefault(t, p["cat"])
for t, idx in text_pairs.items():
    if len(idx) > 1:
        warnings.append(f"text reused in {len(idx)} pairs: {t!r}")

unrelated = load("unrelated.py", "UNRELATED")
mem_rows = [(t, c, "pair") for t, c in text_cat.items()]
for t, c in unrelated:
    if c not in CATS:
        errors.append(f"bad category {c!r} for unrelated {t!r}")
    mem_rows.append((t, c, "unrelated"))

seen = {}
for t, c, src in mem_rows:
    k = key(t)
    if k in seen:
        errors.append(f"duplicate memory content after strip/lower: {t!r} ({src}) vs {seen[k]!r}")
    seen[k] = t

# aggressive-normalisation collisions between texts that are not in the same pair
pair_of = defaultdict(set)
for i, p in enumerate(pairs):
    pair_of[p["text_a"]].add(i); pair_of[p["text_b"]].add(i)
by_norm = defaultdict(set)
for t, c, src in mem_rows:
    for n in norms(t):
        by_norm[n].add(t)
for n, ts in by_norm.items():
    ts = sorted(ts)
    for i in range(len(ts)):
        for j in range(i + 1, len(ts)):
            if not (pair_of[ts[i]] & pair_of[ts[j]]):
                errors.append(f"unlabelled normalisation collision: {ts[i]!r} / {ts[j]!r}")

# lexical overlap between texts of DIFFERENT pairs / unrelated (for manual review)
def toks(t):
    return set(norm(t).split()) - {"the", "a", "an", "his", "he", "is", "to", "on", "in", "of", "and", "for", "at", "with", "s"}
owner = {}
for i, p in enumerate(pairs):
    owner.setdefault(p["text_a"], set()).add(i)
    owner.setdefault(p["text_b"], set()).add(i)
for t, c in unrelated:
    owner.setdefault(t, set()).add(("u", t))
alltexts = list(owner)
review = []
for i in range(len(alltexts)):
    for j in range(i + 1, len(alltexts)):
        x, y = alltexts[i], alltexts[j]
        if owner[x] & owner[y]:
            continue
        tx, ty = toks(x), toks(y)
        if not tx or not ty:
            continue
        jac = len(tx & ty) / len(tx | ty)
        if jac >= float(os.environ.get("JAC", "0.5")):
            review.append((round(jac, 2), x, y))

# ---- timestamps ----
start = datetime(2025, 1, 3, tzinfo=timezone.utc)
end = datetime(2026, 12, 20, tzinfo=timezone.utc)
span_ms = int((end - start).total_seconds() * 1000)
rng_t = random.Random(2424)
used = set()
def stamp():
    while True:
        ms = rng_t.randrange(span_ms)
        if ms not in used:
            used.add(ms)
            d = start + timedelta(milliseconds=ms)
            return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"

order = list(range(len(mem_rows)))
random.Random(77).shuffle(order)
memories = []
for new_id, k in enumerate(order, start=1):
    t, c, src = mem_rows[k]
    memories.append(dict(id=new_id, content=t, category=c, created_at=stamp()))

# ---- write ----
with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for i, p in enumerate(pairs, start=1):
        w.writerow([f"p{i:04d}", p["text_a"], p["text_b"], p["label"], p["kind"], p["note"]])
with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for m in memories:
        w.writerow([m["id"], m["content"], m["category"], m["created_at"]])

# ---- re-read and verify ----
with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as f:
    prs = list(csv.DictReader(f))
with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as f:
    mems = list(csv.DictReader(f))
contents = {m["content"] for m in mems}
for p in prs:
    for s in ("text_a", "text_b"):
        if p[s] not in contents:
            errors.append(f"pair text missing from memories.csv: {p[s]!r}")
    if p["label"] not in ("duplicate", "distinct") or p["kind"] not in KINDS:
        errors.append(f"bad label/kind in {p['id']}")
if len({m["created_at"] for m in mems}) != len(mems):
    errors.append("created_at not distinct")
if len({key(m["content"]) for m in mems}) != len(mems):
    errors.append("memories not unique after strip/lower")

lab = Counter(p["label"] for p in prs)
kinds = Counter((p["label"], p["kind"]) for p in prs)
n_unrel = len(unrelated)
wc = [len(m["content"].split()) for m in mems]

print(f"pairs: {len(prs)}  " + "  ".join(f"{k}={v}" for k, v in lab.items()))
for (l, k), v in sorted(kinds.items()):
    print(f"  {l:10s} {k:20s} {v}")
print(f"memories: {len(mems)} ({len(mems) - n_unrel} pair texts + {n_unrel} unrelated)")
print(f"words per memory: min {min(wc)} max {max(wc)} mean {sum(wc)/len(wc):.1f}; "
      f"3-20 words: {sum(3 <= x <= 20 for x in wc)}, >20: {sum(x > 20 for x in wc)}, <3: {sum(x < 3 for x in wc)}")
print("categories:", dict(Counter(m["category"] for m in mems)))
years = Counter(m["created_at"][:4] for m in mems)
print("years:", dict(years))

# size/balance rules of SPEC + brief
dup_min = {"near": 35, "paraphrase_lexical": 35, "subsumed": 35, "normalized": 20, "paraphrase_other": 25}
for k, n in dup_min.items():
    if kinds[("duplicate", k)] < n:
        errors.append(f"too few {k}: {kinds[('duplicate', k)]} < {n}")
for k in KINDS - set(dup_min):
    if kinds[("distinct", k)] < 15:
        errors.append(f"too few {k}: {kinds[('distinct', k)]} < 15")
if len(prs) < 300: errors.append("fewer than 300 pairs")
if lab["distinct"] * 2 < len(prs): errors.append("fewer than half hard negatives")
if lab["duplicate"] < 170: errors.append("fewer than 170 duplicates")
if lab["distinct"] < 180: errors.append("fewer than 180 hard negatives")
if n_unrel < 110: errors.append("fewer than 110 unrelated memories")

if "-v" in sys.argv:
    for w_ in warnings:
        print("WARN", w_)
    print(f"\ncross-pair token overlap >= 0.5 (review by hand): {len(review)}")
    for r in sorted(review, reverse=True):
        print("  ", r)
for e in errors:
    print("ERROR", e)
print("OK" if not errors else f"{len(errors)} ERRORS")
sys.exit(1 if errors else 0)
