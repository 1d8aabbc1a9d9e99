#!/usr/bin/env python3
"""Assemble pairs.csv and memories.csv from the hand-written data files and check SPEC rules.

The texts live in pairs_<kind>.py (one file per kind) and unrelated.py; this script only
assigns ids, timestamps and row order, and validates.  Deterministic (fixed seed).
"""
import csv
import datetime as dt
import importlib
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

DUP_KINDS = ["normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"]
NEG_KINDS = ["variant", "other_subject", "negation", "role_reversal", "order",
             "antonym", "word_swap", "related", "unrelated_similar"]
CATS = {"f": "fact", "p": "preference", "t": "pattern"}

rng = random.Random(1313)
errors = []


def err(msg):
    errors.append(msg)


def key(t):
    return t.strip().lower()


def loose(t):
    """Aggressive normalisation used only to *detect* normalized-kind equivalence."""
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.lower()
    return re.sub(r"[^\w$]", "", t)


# ---------------------------------------------------------------- pairs
pairs = []
for kind in DUP_KINDS + NEG_KINDS:
    mod = importlib.import_module("pairs_" + kind)
    if mod.KIND != kind:
        err(f"module pairs_{kind} declares KIND={mod.KIND}")
    exp_label = "duplicate" if kind in DUP_KINDS else "distinct"
    if mod.LABEL != exp_label:
        err(f"{kind}: label {mod.LABEL} != {exp_label}")
    for row in mod.PAIRS:
        if len(row) != 4:
            err(f"{kind}: bad row {row}")
            continue
        a, b, note, cat = row
        if cat not in CATS:
            err(f"{kind}: bad category {cat!r} in {a!r}")
        if not note or "PLACEHOLDER" in note:
            err(f"{kind}: missing note for {a!r}")
        if key(a) == key(b):
            err(f"{kind}: texts equal after strip/lower: {a!r}")
        if kind == "normalized" and loose(a) != loose(b):
            err(f"normalized pair differs beyond punctuation/case/accents: {a!r} | {b!r}")
        if kind != "normalized" and loose(a) == loose(b):
            # allowed only for the spelling variants the spec lists under `near` (e-mail/email)
            if not (kind == "near" and "e-mail" in (a + b).lower()):
                err(f"{kind}: pair is only a normalisation difference: {a!r} | {b!r}")
        pairs.append(dict(text_a=a, text_b=b, label=exp_label, kind=kind, note=note, cat=CATS[cat]))

# randomise which side is A (so e.g. the longer subsumed text is not always B)
for p in pairs:
    if rng.random() < 0.5:
        p["text_a"], p["text_b"] = p["text_b"], p["text_a"]

# shuffle pair order, then number
rng.shuffle(pairs)
for i, p in enumerate(pairs, 1):
    p["id"] = f"p{i:04d}"

# ---------------------------------------------------------------- memories
import unrelated  # noqa: E402

texts = {}      # exact text -> category
owners = {}     # lower key -> exact text
for p in pairs:
    for t in (p["text_a"], p["text_b"]):
        if t != t.strip():
            err(f"outer whitespace in {t!r}")
        k = key(t)
        if k in owners and owners[k] != t:
            err(f"two different pair texts collide after strip/lower: {owners[k]!r} | {t!r}")
        if t in texts:
            err(f"text reused in more than one pair: {t!r}")
        owners[k] = t
        texts[t] = p["cat"]

unrel = []
for content, cat in unrelated.MEMORIES:
    k = key(content)
    if k in owners:
        err(f"unrelated memory collides with another text: {content!r}")
    if cat not in CATS:
        err(f"unrelated bad category {cat!r}")
    owners[k] = content
    unrel.append((content, CATS[cat]))

rows = [(t, c, "pair") for t, c in texts.items()] + [(t, c, "unrelated") for t, c in unrel]
rng.shuffle(rows)

start = dt.datetime(2025, 1, 3, tzinfo=dt.timezone.utc)
end = dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc)
span_ms = int((end - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(rows):
    stamps.add(rng.randrange(span_ms))
stamps = sorted(stamps)
rng.shuffle(stamps)  # any order; pairs get unrelated dates


def iso(ms):
    d = start + dt.timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


memories = []
for i, ((content, cat, src), ms) in enumerate(zip(rows, stamps), 1):
    memories.append(dict(id=i, content=content, category=cat, created_at=iso(ms), src=src))

# ---------------------------------------------------------------- checks
n = len(pairs)
n_dup = sum(p["label"] == "duplicate" for p in pairs)
n_neg = n - n_dup
if n < 300:
    err(f"only {n} pairs")
if n_dup < 100:
    err(f"only {n_dup} duplicates")
if n_neg * 2 < n:
    err(f"hard negatives {n_neg} < half of {n}")
if len(unrel) < 100:
    err(f"only {len(unrel)} unrelated memories")
counts = {}
for p in pairs:
    counts[(p["label"], p["kind"])] = counts.get((p["label"], p["kind"]), 0) + 1
for k in NEG_KINDS:
    if counts.get(("distinct", k), 0) < 15:
        err(f"negative kind {k} has < 15 pairs")
for k in ("paraphrase_lexical", "subsumed"):
    if counts.get(("duplicate", k), 0) < 35:
        err(f"{k} has < 35 pairs")
keys = [key(m["content"]) for m in memories]
if len(set(keys)) != len(keys):
    err("memories.csv has case-insensitive duplicate contents")
if len({m["created_at"] for m in memories}) != len(memories):
    err("created_at not distinct")
years = {m["created_at"][:4] for m in memories}
if years != {"2025", "2026"}:
    err(f"created_at years {years}")
content_set = {m["content"] for m in memories}
for p in pairs:
    for t in (p["text_a"], p["text_b"]):
        if t not in content_set:
            err(f"pair text missing from memories: {t!r}")

wl = [len(m["content"].split()) for m in memories]

if errors:
    print("ERRORS:")
    for e in errors:
        print("  -", e)
    sys.exit(1)

# ---------------------------------------------------------------- write
with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for p in pairs:
        w.writerow([p["id"], p["text_a"], p["text_b"], p["label"], p["kind"], p["note"]])

with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for m in memories:
        w.writerow([m["id"], m["content"], m["category"], m["created_at"]])

# round-trip check
with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as f:
    back = list(csv.DictReader(f))
assert len(back) == n and all(r["text_a"] == p["text_a"] for r, p in zip(back, pairs))
with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as f:
    backm = list(csv.DictReader(f))
assert len(backm) == len(memories)

print(f"pairs: {n}  duplicate: {n_dup}  distinct: {n_neg}")
for lab in ("duplicate", "distinct"):
    for k in (DUP_KINDS if lab == "duplicate" else NEG_KINDS):
        print(f"  {lab:9s} {k:20s} {counts.get((lab, k), 0)}")
print(f"memories: {len(memories)}  (pair texts {len(texts)}, unrelated {len(unrel)})")
print(f"words per memory: min {min(wl)}, max {max(wl)}, "
      f"3-20 words: {sum(3 <= x <= 20 for x in wl)}, >20: {sum(x > 20 for x in wl)}, <3: {sum(x < 3 for x in wl)}")
cc = {}
for m in memories:
    cc[m["category"]] = cc.get(m["category"], 0) + 1
print("categories:", cc)
print("created_at range:", min(m["created_at"] for m in memories), "..", max(m["created_at"] for m in memories))
