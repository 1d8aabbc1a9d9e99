#!/usr/bin/env python3
"""Assemble pairs.csv and memories.csv for set s20 from the hand-written text files, and check them.

The texts live in pairs_*.py (duplicates), neg_*.py (hard negatives) and unrelated.py (filler).
This script only assigns ids, a/b order, categories and timestamps, and runs checks.
Run:  python3 build.py          (writes the CSVs and prints counts/checks)
      python3 build.py --review (also prints the most word-similar texts from different pairs, for manual review)
"""
import csv, os, random, re, sys
from collections import Counter
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
DUP_FILES = {
    "near": "pairs_near.py",
    "normalized": "pairs_normalized.py",
    "paraphrase_lexical": "pairs_lexical.py",
    "subsumed": "pairs_subsumed.py",
    "paraphrase_other": "pairs_other.py",
}
NEG_FILES = {
    "variant": "neg_variant.py",
    "other_subject": "neg_other_subject.py",
    "negation": "neg_negation.py",
    "role_reversal": "neg_role_reversal.py",
    "order": "neg_order.py",
    "antonym": "neg_antonym.py",
    "word_swap": "neg_word_swap.py",
    "related": "neg_related.py",
    "unrelated_similar": "neg_unrelated_similar.py",
}
CATS = {"f": "fact", "p": "preference", "t": "pattern"}


def load(fname, var):
    ns = {}
    with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
        exec(fh.read(), ns)
    return ns[var]


def key(t):
    return t.strip().lower()


def main():
    rng = random.Random(20)
    errors = []
    rows = []
    for label, files in (("duplicate", DUP_FILES), ("distinct", NEG_FILES)):
        for kind, fname in files.items():
            for a, b, note, cat in load(fname, "PAIRS"):
                if cat not in CATS:
                    errors.append(f"bad category {cat!r} in {fname}: {a}")
                if key(a) == key(b):
                    errors.append(f"pair texts equal after strip().lower() in {fname}: {a!r}")
                if a != a.strip() or b != b.strip() or (("  " in a or "  " in b) and kind != "normalized"):
                    errors.append(f"stray whitespace in {fname}: {a!r} / {b!r}")
                rows.append([a, b, label, kind, note, cat])

    # shuffle pair order and a/b order (deterministic)
    rng.shuffle(rows)
    pairs = []
    for i, (a, b, label, kind, note, cat) in enumerate(rows, 1):
        if rng.random() < 0.5:
            a, b = b, a
            note = re.sub(r"^b adds", "a adds", note)
        pairs.append({"id": f"p{i:04d}", "text_a": a, "text_b": b, "label": label,
                      "kind": kind, "note": note, "_cat": cat})

    # memories: every distinct pair text once, then the filler
    mems, seen, origin = [], {}, {}
    for p in pairs:
        for t in (p["text_a"], p["text_b"]):
            k = key(t)
            if k in seen:
                if seen[k] != t:
                    errors.append(f"two different texts collide after strip().lower(): {seen[k]!r} / {t!r}")
                continue
            seen[k] = t
            origin[t] = p["id"]
            mems.append((t, CATS[p["_cat"]]))
    n_pair_texts = len(mems)
    filler = load("unrelated.py", "MEMS")
    for t, cat in filler:
        k = key(t)
        if k in seen:
            errors.append(f"unrelated memory collides with an existing text: {t!r}")
            continue
        seen[k] = t
        origin[t] = "unrelated"
        mems.append((t, CATS[cat]))

    # timestamps: distinct, spread over 2025-01-01 .. 2026-11-30 (UTC)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    span_ms = int((datetime(2026, 11, 30, tzinfo=timezone.utc) - start).total_seconds() * 1000)
    stamps = set()
    while len(stamps) < len(mems):
        stamps.add(rng.randrange(span_ms))
    stamps = sorted(stamps)
    rng.shuffle(stamps)
    mem_rows = []
    for i, ((t, cat), ms) in enumerate(zip(mems, stamps), 1):
        ts = (start + timedelta(milliseconds=ms)).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
        mem_rows.append({"id": i, "content": t, "category": cat, "created_at": ts})

    with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "text_a", "text_b", "label", "kind", "note"], extrasaction="ignore")
        w.writeheader()
        w.writerows(pairs)
    with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "content", "category", "created_at"])
        w.writeheader()
        w.writerows(mem_rows)

    # ---- checks on the written files ----
    with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as fh:
        P = list(csv.DictReader(fh))
    with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as fh:
        M = list(csv.DictReader(fh))
    contents = {m["content"] for m in M}
    for p in P:
        for t in (p["text_a"], p["text_b"]):
            if t not in contents:
                errors.append(f"pair text missing from memories.csv: {t!r}")
    if len({key(m['content']) for m in M}) != len(M):
        errors.append("memories.csv has contents equal after strip().lower()")
    if len({m["created_at"] for m in M}) != len(M):
        errors.append("timestamps not distinct")
    if {m["category"] for m in M} - set(CATS.values()):
        errors.append("bad category in memories.csv")

    by = Counter((p["label"], p["kind"]) for p in P)
    labels = Counter(p["label"] for p in P)
    n_dup, n_neg = labels["duplicate"], labels["distinct"]
    mins = {"near": 35, "paraphrase_lexical": 35, "subsumed": 35, "normalized": 20, "paraphrase_other": 25}
    for k, m in mins.items():
        if by[("duplicate", k)] < m:
            errors.append(f"too few {k}: {by[('duplicate', k)]} < {m}")
    for k in NEG_FILES:
        if by[("distinct", k)] < 15:
            errors.append(f"too few {k}: {by[('distinct', k)]}")
    if len(P) < 300 or n_neg * 2 < len(P) or n_dup < 170 or n_neg < 180:
        errors.append(f"size/balance: {len(P)} pairs, {n_dup} dup, {n_neg} distinct")
    n_unrel = len(M) - n_pair_texts
    if n_unrel < 110:
        errors.append(f"too few unrelated memories: {n_unrel}")

    lens = [len(m["content"].split()) for m in M]
    print(f"pairs: {len(P)}  duplicate: {n_dup}  distinct: {n_neg}")
    for (label, kind), n in sorted(by.items()):
        print(f"  {label:9s} {kind:20s} {n}")
    print(f"memories: {len(M)}  (pair texts {n_pair_texts}, unrelated {n_unrel})")
    print(f"words per memory: min {min(lens)}, max {max(lens)}, "
          f"3-20 words: {sum(3 <= n <= 20 for n in lens)}, >20: {sum(n > 20 for n in lens)}, <3: {sum(n < 3 for n in lens)}")
    print("categories:", dict(Counter(m["category"] for m in M)))
    print("created_at range:", min(m["created_at"] for m in M), "..", max(m["created_at"] for m in M))

    if "--review" in sys.argv:
        # word-overlap between texts that are NOT in the same pair, to hunt for unlabelled duplicates by eye
        stop = set("the a an of to in on at is and for his her he she with by from it its user user's s".split())
        def toks(t):
            return {w for w in re.findall(r"[a-z0-9']+", t.lower()) if w not in stop}
        items = [(m["content"], origin[m["content"]], toks(m["content"])) for m in M]
        pair_of = {}
        for p in P:
            pair_of.setdefault(p["text_a"], set()).add(p["id"])
            pair_of.setdefault(p["text_b"], set()).add(p["id"])
        hits = []
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                a, _, ta = items[i]
                b, _, tb = items[j]
                if pair_of.get(a, set()) & pair_of.get(b, set()):
                    continue
                if not ta or not tb:
                    continue
                inter = len(ta & tb)
                sim = inter / min(len(ta), len(tb))
                if inter >= 2 and sim >= 0.5:
                    hits.append((sim, inter, a, b))
        hits.sort(reverse=True)
        print(f"\n--review: {len(hits)} cross-pair text pairs with high word overlap")
        for sim, inter, a, b in hits:
            print(f"{sim:.2f} {inter}  {a!r}\n          {b!r}")

    if errors:
        print("\nERRORS:")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("\nall checks passed")


if __name__ == "__main__":
    main()
