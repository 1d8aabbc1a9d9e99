"""Assemble pairs.csv and memories.csv for set s15 from the hand-written kind files, and check them.

The texts are all hand-written in the pairs_*.py / neg_*.py / unrelated.py files; this script only
numbers them, gives timestamps, and runs checks.

Usage: python3 build.py            (build + checks)
       python3 build.py --review   (also print cross-pair look-alikes for a manual read)
"""
import csv
import importlib
import os
import random
import re
import sys
from collections import Counter, OrderedDict
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

DUP_MODULES = ["pairs_near", "pairs_paraphrase_lexical", "pairs_subsumed",
               "pairs_normalized", "pairs_paraphrase_other"]
NEG_MODULES = ["neg_variant", "neg_other_subject", "neg_negation", "neg_role_reversal",
               "neg_order", "neg_antonym", "neg_word_swap", "neg_related", "neg_unrelated_similar"]

DUP_KINDS = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG_KINDS = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
             "word_swap", "related", "unrelated_similar"}
CATEGORIES = {"fact", "preference", "pattern"}

MIN_PER_KIND = {"near": 35, "paraphrase_lexical": 35, "subsumed": 35, "normalized": 20,
                "paraphrase_other": 25}
for k in NEG_KINDS:
    MIN_PER_KIND[k] = 15

errors = []


def err(msg):
    errors.append(msg)


def key(t):
    return t.strip().lower()


def load_pairs():
    rows = []
    for name in DUP_MODULES + NEG_MODULES:
        mod = importlib.import_module(name)
        kind, label = mod.KIND, mod.LABEL
        if name in DUP_MODULES and (label != "duplicate" or kind not in DUP_KINDS):
            err(f"{name}: bad kind/label {kind}/{label}")
        if name in NEG_MODULES and (label != "distinct" or kind not in NEG_KINDS):
            err(f"{name}: bad kind/label {kind}/{label}")
        for i, entry in enumerate(mod.PAIRS):
            if len(entry) != 4:
                err(f"{name}[{i}]: expected 4 fields, got {len(entry)}")
                continue
            a, b, note, cat = entry
            if cat not in CATEGORIES:
                err(f"{name}[{i}]: bad category {cat}")
            for t in (a, b):
                if not t or t != t.strip():
                    err(f"{name}[{i}]: empty text or outer whitespace: {t!r}")
                if "PLACEHOLDER" in t or "PLACEHOLDER" in note:
                    err(f"{name}[{i}]: placeholder left")
            if key(a) == key(b):
                err(f"{name}[{i}]: the two sides are the same memory after strip().lower(): {a!r}")
            rows.append(dict(text_a=a, text_b=b, label=label, kind=kind, note=note, cat=cat,
                             src=f"{name}[{i}]"))
    return rows


def main():
    review = "--review" in sys.argv
    rows = load_pairs()

    # the same unordered pair must not appear twice
    seen_pairs = {}
    for r in rows:
        pk = frozenset((key(r["text_a"]), key(r["text_b"])))
        if pk in seen_pairs:
            err(f"pair repeated: {r['src']} and {seen_pairs[pk]}")
        seen_pairs[pk] = r["src"]

    # memories: one row per distinct text; texts equal after strip().lower() must be identical strings
    mem = OrderedDict()      # key -> (text, category, first source)
    for r in rows:
        for t in (r["text_a"], r["text_b"]):
            k = key(t)
            if k in mem:
                if mem[k][0] != t:
                    err(f"two spellings of one memory: {mem[k][0]!r} ({mem[k][2]}) vs {t!r} ({r['src']})")
            else:
                mem[k] = (t, r["cat"], r["src"])
    n_pair_texts = len(mem)

    import unrelated
    for i, (t, cat) in enumerate(unrelated.MEMORIES):
        if cat not in CATEGORIES:
            err(f"unrelated[{i}]: bad category {cat}")
        k = key(t)
        if k in mem:
            err(f"unrelated[{i}] collides with an existing memory: {t!r} ({mem[k][2]})")
            continue
        mem[k] = (t, cat, f"unrelated[{i}]")
    n_unrelated = len(mem) - n_pair_texts

    # pair ids (in file order) and memory ids
    for n, r in enumerate(rows, 1):
        r["id"] = f"p{n:04d}"

    # timestamps: distinct, spread over 2025-01-01 .. 2026-12-31 (deterministic)
    rng = random.Random(15)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    span_ms = int((datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc) - start).total_seconds() * 1000)
    stamps = set()
    while len(stamps) < len(mem):
        stamps.add(rng.randrange(span_ms))
    stamps = list(stamps)
    rng.shuffle(stamps)

    def iso(ms):
        d = start + timedelta(milliseconds=ms)
        return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"

    with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
        for r in rows:
            w.writerow([r["id"], r["text_a"], r["text_b"], r["label"], r["kind"], r["note"]])

    with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "content", "category", "created_at"])
        for i, ((k, (t, cat, src)), ms) in enumerate(zip(mem.items(), stamps), 1):
            w.writerow([i, t, cat, iso(ms)])

    # ---- re-read and check the written files ----
    with open(os.path.join(HERE, "pairs.csv"), newline="", encoding="utf-8") as f:
        prs = list(csv.DictReader(f))
    with open(os.path.join(HERE, "memories.csv"), newline="", encoding="utf-8") as f:
        mems = list(csv.DictReader(f))
    contents = [m["content"] for m in mems]
    if len({key(c) for c in contents}) != len(contents):
        err("memories.csv has contents equal after strip().lower()")
    if len({m["created_at"] for m in mems}) != len(mems):
        err("memories.csv has repeated created_at")
    cset = set(contents)
    for p in prs:
        for t in (p["text_a"], p["text_b"]):
            if t not in cset:
                err(f"{p['id']}: text not in memories.csv: {t!r}")
    years = Counter(m["created_at"][:4] for m in mems)

    label_counts = Counter(p["label"] for p in prs)
    kind_counts = Counter((p["label"], p["kind"]) for p in prs)
    if len(prs) < 300:
        err(f"only {len(prs)} pairs")
    if label_counts["distinct"] * 2 < len(prs):
        err("hard negatives are less than half of the pairs")
    if label_counts["duplicate"] < 100:
        err("fewer than 100 duplicate pairs")
    for k, mn in MIN_PER_KIND.items():
        c = sum(v for (lab, kk), v in kind_counts.items() if kk == k)
        if c < mn:
            err(f"kind {k}: {c} < {mn}")
    if n_unrelated < 100:
        err(f"only {n_unrelated} unrelated memories")

    lengths = [len(re.findall(r"\S+", c)) for c in contents]
    print(f"pairs: {len(prs)}  duplicate: {label_counts['duplicate']}  distinct: {label_counts['distinct']}")
    for lab in ("duplicate", "distinct"):
        for (l, k), v in sorted(kind_counts.items()):
            if l == lab:
                print(f"  {lab:9s} {k:20s} {v}")
    print(f"memories: {len(mems)} ({n_pair_texts} pair texts + {n_unrelated} unrelated)")
    print(f"categories: {dict(Counter(m['category'] for m in mems))}")
    print(f"created_at years: {dict(years)}")
    print(f"words per memory: min {min(lengths)}, max {max(lengths)}, "
          f"median {sorted(lengths)[len(lengths)//2]}, >20 words: {sum(l > 20 for l in lengths)}")

    if review:
        cross_review(rows, [t for t, _ in unrelated.MEMORIES])

    if errors:
        print("\nERRORS:")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("\nall checks passed")


def toks(t):
    t = t.lower().replace("\u2019", "'")
    return set(w for w in re.findall(r"[a-z0-9\u00c0-\u024f']+", t)
               if w not in {"the", "a", "her", "she", "is", "in", "on", "to", "of", "and", "i", "my",
                            "for", "at", "his", "he", "s", "'s", "every", "with"})


def cross_review(rows, unrel):
    """Print texts from DIFFERENT pairs (or unrelated fillers) that share many content words,
    so a human can check no unlabelled duplicate was created by accident."""
    items = []
    for r in rows:
        for t in (r["text_a"], r["text_b"]):
            items.append((r["id"], t))
    for i, t in enumerate(unrel):
        items.append((f"u{i}", t))
    seen = set()
    uniq = []
    for pid, t in items:
        if (pid, t) not in seen:
            seen.add((pid, t))
            uniq.append((pid, t, toks(t)))
    print("\ncross-pair look-alikes (jaccard >= 0.4):")
    for i in range(len(uniq)):
        for j in range(i + 1, len(uniq)):
            pi, ti, si = uniq[i]
            pj, tj, sj = uniq[j]
            if pi == pj or ti == tj or not si or not sj:
                continue
            jac = len(si & sj) / len(si | sj)
            if jac >= 0.4:
                print(f"  {jac:.2f} {pi}: {ti}\n       {pj}: {tj}")


if __name__ == "__main__":
    main()
