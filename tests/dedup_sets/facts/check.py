"""Independent sanity checks on pairs.csv / memories.csv."""
import csv, os, re, collections, datetime
HERE = os.path.dirname(os.path.abspath(__file__))
DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
DIS = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
       "word_swap", "related", "unrelated_similar"}
P = list(csv.DictReader(open(os.path.join(HERE, "pairs.csv"), encoding="utf-8", newline="")))
M = list(csv.DictReader(open(os.path.join(HERE, "memories.csv"), encoding="utf-8", newline="")))
ok = True
def fail(msg):
    global ok; ok = False; print("FAIL:", msg)

if list(P[0].keys()) != ["id", "text_a", "text_b", "label", "kind", "note"]: fail("pairs columns")
if list(M[0].keys()) != ["id", "content", "category", "created_at"]: fail("memories columns")
ids = [r["id"] for r in P]
if len(set(ids)) != len(ids) or not all(re.fullmatch(r"p\d{4}", i) for i in ids): fail("pair ids")
for r in P:
    if r["label"] not in ("duplicate", "distinct"): fail(f"label {r}")
    if r["kind"] not in DUP | DIS: fail(f"kind {r}")
    if (r["label"] == "duplicate") != (r["kind"] in DUP): fail(f"label/kind mismatch {r['id']}")
    if not r["note"].strip(): fail(f"empty note {r['id']}")
    if r["text_a"].strip().lower() == r["text_b"].strip().lower(): fail(f"same after strip+lower {r['id']}")
pairkeys = collections.Counter(frozenset((r["text_a"], r["text_b"])) for r in P)
if max(pairkeys.values()) > 1: fail("repeated pair")

if [int(r["id"]) for r in M] != list(range(1, len(M) + 1)): fail("memory ids not 1..N")
contents = {r["content"] for r in M}
for r in P:
    for t in (r["text_a"], r["text_b"]):
        if t not in contents: fail(f"missing in memories: {t!r}")
norm = collections.Counter(r["content"].strip().lower() for r in M)
for k, v in norm.items():
    if v > 1: fail(f"dup content after strip+lower: {k!r}")
for r in M:
    if r["category"] not in ("preference", "fact", "pattern"): fail(f"category {r}")
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", r["created_at"]): fail(f"ts {r}")
    y = int(r["created_at"][:4])
    if y not in (2025, 2026): fail(f"year {r}")
    datetime.datetime.strptime(r["created_at"], "%Y-%m-%dT%H:%M:%S.%fZ")
if len({r["created_at"] for r in M}) != len(M): fail("timestamps not distinct")
pair_texts = {t for r in P for t in (r["text_a"], r["text_b"])}
filler = [r for r in M if r["content"] not in pair_texts]

lab = collections.Counter(r["label"] for r in P)
kinds = collections.Counter((r["label"], r["kind"]) for r in P)
if len(P) < 300: fail("fewer than 300 pairs")
if lab["duplicate"] < 100: fail("fewer than 100 duplicates")
if lab["distinct"] * 2 < len(P): fail("hard negatives < half")
for k in DIS:
    if kinds[("distinct", k)] < 15: fail(f"kind {k} < 15")
if len(filler) < 100: fail("fewer than 100 filler")
lens = [len(t.split()) for t in contents]
print(f"pairs={len(P)} labels={dict(lab)}")
for (l, k), v in sorted(kinds.items()): print(f"  {l:9s} {k:18s} {v}")
print(f"memories={len(M)} pair_texts={len(pair_texts)} filler={len(filler)}")
print("categories", dict(collections.Counter(r['category'] for r in M)))
print("years", dict(collections.Counter(r['created_at'][:4] for r in M)))
print(f"words: min={min(lens)} max={max(lens)} 3-20={sum(3<=l<=20 for l in lens)} >20={sum(l>20 for l in lens)} <3={sum(l<3 for l in lens)}")
print("ALL OK" if ok else "CHECK FAILED")
