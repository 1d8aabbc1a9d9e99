"""Assemble pairs.csv and memories.csv from the hand-written kind files, and check them.

Texts are written by hand in pairs_*.py / neg_*.py / unrelated.py; this script only assigns ids and
timestamps, and checks the rules of SPEC.md.
"""
import csv, os, random, sys, datetime, collections, importlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

MODULES = [
    "pairs_normalized", "pairs_near", "pairs_lexical", "pairs_subsumed", "pairs_other",
    "neg_variant", "neg_other_subject", "neg_negation", "neg_role_reversal", "neg_order",
    "neg_antonym", "neg_word_swap", "neg_related", "neg_unrelated_similar",
]
DUP_KINDS = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG_KINDS = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
             "word_swap", "related", "unrelated_similar"}
CATS = {"f": "fact", "p": "preference", "t": "pattern"}

errors = []
pairs = []
for name in MODULES:
    m = importlib.import_module(name)
    assert m.LABEL in ("duplicate", "distinct"), name
    if m.LABEL == "duplicate":
        assert m.KIND in DUP_KINDS, name
    else:
        assert m.KIND in NEG_KINDS, name
    for t in m.PAIRS:
        if len(t) != 4:
            errors.append(f"{name}: bad tuple {t}")
            continue
        a, b, note, cat = t
        if cat not in CATS:
            errors.append(f"{name}: bad category {t}")
        if a.strip().lower() == b.strip().lower():
            errors.append(f"{name}: texts equal after strip/lower: {a!r}")
        if a != a.strip() or b != b.strip():
            errors.append(f"{name}: outer whitespace: {a!r} / {b!r}")
        pairs.append(dict(text_a=a, text_b=b, label=m.LABEL, kind=m.KIND, note=note, cat=CATS[cat]))

from unrelated import UNRELATED

# distinct texts: one memory per exact text; first category wins
mem = collections.OrderedDict()
for p in pairs:
    for t in (p["text_a"], p["text_b"]):
        mem.setdefault(t, p["cat"])
pair_text_count = len(mem)
for t, c in UNRELATED:
    if t in mem:
        errors.append(f"unrelated text also used in pairs: {t!r}")
    mem[t] = CATS[c]

# no two memories equal after strip().lower()
seen = {}
for t in mem:
    k = t.strip().lower()
    if k in seen:
        errors.append(f"memory collision after strip/lower: {seen[k]!r} / {t!r}")
    seen[k] = t

# the same unordered pair of texts must not appear twice
pk = collections.Counter(frozenset((p["text_a"], p["text_b"])) for p in pairs)
for k, n in pk.items():
    if n > 1:
        errors.append(f"pair repeated {n}x: {sorted(k)}")

# lengths
for t in mem:
    n = len(t.split())
    if n < 1 or n > 60:
        errors.append(f"length {n} out of range: {t!r}")

if errors:
    print("ERRORS:")
    for e in errors:
        print("  ", e)
    sys.exit(1)

# ids and timestamps (seeded, reproducible)
rng = random.Random(25)
texts = list(mem.keys())
rng.shuffle(texts)
start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
end = datetime.datetime(2026, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc)
span_ms = int((end - start).total_seconds() * 1000)
stamps = set()
while len(stamps) < len(texts):
    stamps.add(rng.randrange(span_ms))
stamps = sorted(stamps)
rng.shuffle(stamps)

with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "content", "category", "created_at"])
    for i, (t, ms) in enumerate(zip(texts, stamps), 1):
        ts = start + datetime.timedelta(milliseconds=ms)
        w.writerow([i, t, mem[t], ts.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts.microsecond // 1000:03d}Z"])

with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
    for i, p in enumerate(pairs, 1):
        w.writerow([f"p{i:04d}", p["text_a"], p["text_b"], p["label"], p["kind"], p["note"]])

# report + spec checks
by_label = collections.Counter(p["label"] for p in pairs)
by_kind = collections.Counter((p["label"], p["kind"]) for p in pairs)
print(f"pairs: {len(pairs)}  " + "  ".join(f"{k}={v}" for k, v in sorted(by_label.items())))
for (lab, kind), n in sorted(by_kind.items()):
    print(f"  {lab:9s} {kind:18s} {n}")
print(f"memories: {len(mem)} ({pair_text_count} pair texts + {len(UNRELATED)} unrelated)")
lens = [len(t.split()) for t in mem]
print(f"words per memory: min {min(lens)} max {max(lens)} mean {sum(lens)/len(lens):.1f}; "
      f">20 words: {sum(l > 20 for l in lens)}")
print("categories:", dict(collections.Counter(mem.values())))

ok = True
def need(cond, msg):
    global ok
    if not cond:
        ok = False
        print("SPEC FAIL:", msg)
need(len(pairs) >= 300, "at least 300 pairs")
need(by_label["distinct"] * 2 >= len(pairs), "at least half hard negatives")
need(by_label["duplicate"] >= 100, "at least 100 duplicates")
need(len(UNRELATED) >= 100, "at least 100 unrelated")
for k in NEG_KINDS:
    need(by_kind[("distinct", k)] >= 15, f"neg kind {k} >= 15")
mins = {"near": 35, "paraphrase_lexical": 35, "subsumed": 35, "normalized": 20, "paraphrase_other": 25}
for k, n in mins.items():
    need(by_kind[("duplicate", k)] >= n, f"dup kind {k} >= {n}")
print("ALL CHECKS OK" if ok else "CHECKS FAILED")
