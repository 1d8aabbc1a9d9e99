#!/usr/bin/env python3
"""Assemble pairs.csv and memories.csv for set s14 from the hand-written kind files, and check them.

The texts are all hand-written in pairs_*.py, neg_*.py and unrelated.py; this script only assigns ids,
categories, timestamps, and runs consistency checks.
"""
import csv
import importlib.util
import os
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))

DUP_FILES = ["pairs_normalized.py", "pairs_near.py", "pairs_lexical.py", "pairs_subsumed.py", "pairs_other.py"]
NEG_FILES = ["neg_variant.py", "neg_other_subject.py", "neg_negation.py", "neg_role_reversal.py", "neg_order.py",
             "neg_antonym.py", "neg_word_swap.py", "neg_related.py", "neg_unrelated_similar.py"]
DUP_KINDS = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG_KINDS = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym", "word_swap", "related",
             "unrelated_similar"}
CATS = {"f": "fact", "p": "preference", "t": "pattern"}

errors = []
warnings = []


def load(name):
    spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(HERE, name))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def key(t):
    return t.strip().lower()


def fold(t):
    """Loose normalisation used only to check the `normalized` kind."""
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.lower()
    t = re.sub(r"[\W_]+", "", t)
    return t


# ---------------- pairs ----------------
pairs = []  # (a, b, label, kind, note, cat)
for fname in DUP_FILES + NEG_FILES:
    m = load(fname)
    kind, label = m.KIND, m.LABEL
    if fname in DUP_FILES and (label != "duplicate" or kind not in DUP_KINDS):
        errors.append(f"{fname}: bad label/kind {label}/{kind}")
    if fname in NEG_FILES and (label != "distinct" or kind not in NEG_KINDS):
        errors.append(f"{fname}: bad label/kind {label}/{kind}")
    for row in m.PAIRS:
        if len(row) != 4:
            errors.append(f"{fname}: bad row {row!r}")
            continue
        a, b, note, cat = row
        if cat not in CATS:
            errors.append(f"{fname}: bad category {cat} in {a!r}")
        if a == b:
            errors.append(f"{fname}: identical texts {a!r}")
        if key(a) == key(b):
            errors.append(f"{fname}: texts equal after strip().lower(): {a!r}")
        if kind == "normalized" and fold(a) != fold(b):
            errors.append(f"{fname}: normalized pair differs after folding: {a!r} / {b!r}")
        if kind != "normalized" and fold(a) == fold(b):
            # spacing / hyphen spelling variants (weekdays / week days) are listed as `near` in the spec
            warnings.append(f"{fname}: {kind} pair equal after dropping spaces and punctuation: {a!r} / {b!r}")
        if not note.strip():
            errors.append(f"{fname}: empty note for {a!r}")
        pairs.append((a, b, label, kind, note, CATS[cat]))

# ---------------- memories ----------------
texts = {}  # exact text -> category
order = []
by_key = {}
for a, b, label, kind, note, cat in pairs:
    for t in (a, b):
        if t in texts:
            warnings.append(f"text reused in several pairs: {t!r}")
            continue
        k = key(t)
        if k in by_key:
            errors.append(f"two different pair texts collide after strip().lower(): {by_key[k]!r} / {t!r}")
            continue
        by_key[k] = t
        texts[t] = cat
        order.append(t)

unrel = load("unrelated.py").UNRELATED
n_unrel = 0
for t, c in unrel:
    k = key(t)
    if k in by_key:
        errors.append(f"unrelated memory collides with another text: {t!r}")
        continue
    if c not in CATS:
        errors.append(f"unrelated: bad category {c} for {t!r}")
        continue
    by_key[k] = t
    texts[t] = CATS[c]
    order.append(t)
    n_unrel += 1

rng = random.Random(14)
rng.shuffle(order)

start = datetime(2025, 1, 1, tzinfo=timezone.utc)
end = datetime(2026, 6, 30, 23, 59, 59, tzinfo=timezone.utc)
span_ms = int((end - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(order):
    stamps.add(rng.randrange(span_ms))
stamps = sorted(stamps)
rng.shuffle(stamps)


def iso(ms):
    d = start + timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for i, t in enumerate(order, 1):
        w.writerow([i, t, texts[t], iso(stamps[i - 1])])

with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for i, (a, b, label, kind, note, cat) in enumerate(pairs, 1):
        w.writerow([f"p{i:04d}", a, b, label, kind, note])

# ---------------- checks on written files ----------------
with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as f:
    mem = list(csv.DictReader(f))
with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as f:
    prs = list(csv.DictReader(f))
mem_texts = {r["content"] for r in mem}
if len({key(r["content"]) for r in mem}) != len(mem):
    errors.append("memories.csv has contents equal after strip().lower()")
if len({r["created_at"] for r in mem}) != len(mem):
    errors.append("memories.csv has repeated created_at")
for r in prs:
    for t in (r["text_a"], r["text_b"]):
        if t not in mem_texts:
            errors.append(f"pair text missing from memories.csv: {t!r}")
    if r["text_a"] != r["text_a"].strip() or r["text_b"] != r["text_b"].strip():
        warnings.append(f"outer whitespace in {r['id']}")

# ---------------- counts ----------------
lab = Counter(r["label"] for r in prs)
kinds = Counter((r["label"], r["kind"]) for r in prs)
print(f"pairs: {len(prs)}  " + "  ".join(f"{k}={v}" for k, v in sorted(lab.items())))
for (l, k), v in sorted(kinds.items()):
    print(f"  {l:9s} {k:18s} {v}")
print(f"memories: {len(mem)} (pair texts {len(mem) - n_unrel}, unrelated {n_unrel})")
print("categories:", dict(Counter(r["category"] for r in mem)))
lens = [len(t.split()) for t in mem_texts]
print(f"words per memory: min {min(lens)}, max {max(lens)}, mean {sum(lens) / len(lens):.1f}, "
      f">20 words: {sum(1 for x in lens if x > 20)}")
dates = sorted(r["created_at"] for r in mem)
print("created_at range:", dates[0], "..", dates[-1])

# minimum sizes from the brief / spec
need = {"near": 35, "paraphrase_lexical": 35, "subsumed": 35, "normalized": 20, "paraphrase_other": 25}
for k, n in need.items():
    if kinds[("duplicate", k)] < n:
        errors.append(f"too few {k}: {kinds[('duplicate', k)]} < {n}")
for k in NEG_KINDS:
    if kinds[("distinct", k)] < 15:
        errors.append(f"too few {k}: {kinds[('distinct', k)]} < 15")
if lab["duplicate"] < 170 or lab["distinct"] < 180 or lab["distinct"] * 2 < len(prs) or n_unrel < 110:
    errors.append("size targets not met")

# ---------------- cross-pair similarity report (for manual review only) ----------------
if "--xcheck" in sys.argv:
    STOP = set("a an the is are was be to of in on at for and or with his her him he she i my me user user's "
               "by from as it its this that every has have had does do not no".split())

    def toks(t):
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c)).lower()
        return {w for w in re.findall(r"[a-z0-9]+", t) if w not in STOP}

    owner = defaultdict(set)
    for i, (a, b, *_rest) in enumerate(pairs):
        owner[a].add(i)
        owner[b].add(i)
    allt = list(texts)
    tk = {t: toks(t) for t in allt}
    cand = []
    for i in range(len(allt)):
        for j in range(i + 1, len(allt)):
            x, y = allt[i], allt[j]
            if owner[x] & owner[y]:
                continue
            s1, s2 = tk[x], tk[y]
            if not s1 or not s2:
                continue
            inter = len(s1 & s2)
            score = inter / min(len(s1), len(s2))
            if inter >= 2 and score >= 0.5:
                cand.append((score, x, y))
    cand.sort(reverse=True)
    print(f"\ncross-pair look-alikes to review: {len(cand)}")
    for s, x, y in cand[:150]:
        print(f"  {s:.2f} | {x} || {y}")

for w_ in warnings:
    print("WARNING:", w_)
for e in errors:
    print("ERROR:", e)
print("OK" if not errors else f"{len(errors)} errors")
sys.exit(1 if errors else 0)
