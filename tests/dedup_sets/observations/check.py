"""Independent check of pairs.csv / memories.csv against SPEC requirements."""
import csv, re, datetime
from collections import Counter

DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
       "word_swap", "related", "unrelated_similar"}
ok = True
def fail(msg):
    global ok; ok = False; print("FAIL:", msg)

with open("pairs.csv", newline="", encoding="utf-8") as f:
    r = csv.DictReader(f); pcols = r.fieldnames; pairs = list(r)
with open("memories.csv", newline="", encoding="utf-8") as f:
    r = csv.DictReader(f); mcols = r.fieldnames; mems = list(r)

if pcols != ["id", "text_a", "text_b", "label", "kind", "note"]: fail(f"pair cols {pcols}")
if mcols != ["id", "content", "category", "created_at"]: fail(f"mem cols {mcols}")

ids = [p["id"] for p in pairs]
if len(set(ids)) != len(ids) or not all(re.fullmatch(r"p\d{4}", i) for i in ids): fail("pair ids")
for p in pairs:
    if p["label"] not in ("duplicate", "distinct"): fail(f"label {p}")
    if p["kind"] not in DUP | NEG: fail(f"kind {p}")
    if (p["kind"] in DUP) != (p["label"] == "duplicate"): fail(f"label/kind mismatch {p['id']}")
    if not p["note"].strip(): fail(f"empty note {p['id']}")
    if p["text_a"] == p["text_b"]: fail(f"identical {p['id']}")
    if p["text_a"].strip().lower() == p["text_b"].strip().lower(): fail(f"same after strip/lower {p['id']}")

contents = [m["content"] for m in mems]
cs = set(contents)
for p in pairs:
    for t in (p["text_a"], p["text_b"]):
        if t not in cs: fail(f"missing in memories: {t!r}")
norm = Counter(c.strip().lower() for c in contents)
for k, v in norm.items():
    if v > 1: fail(f"duplicate content after strip+lower: {k!r}")
if [int(m["id"]) for m in mems] != list(range(1, len(mems) + 1)): fail("memory ids not 1..N")
for m in mems:
    if m["category"] not in ("preference", "fact", "pattern"): fail(f"category {m}")
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", m["created_at"]): fail(f"ts {m}")
    if not m["created_at"].startswith(("2025", "2026")): fail(f"ts year {m}")
    datetime.datetime.strptime(m["created_at"], "%Y-%m-%dT%H:%M:%S.%fZ")
ts = [m["created_at"] for m in mems]
if len(set(ts)) != len(ts): fail("timestamps not distinct")
pair_texts = {t for p in pairs for t in (p["text_a"], p["text_b"])}
filler = [c for c in contents if c not in pair_texts]

lab = Counter(p["label"] for p in pairs)
kinds = Counter((p["label"], p["kind"]) for p in pairs)
n = len(pairs)
if n < 300: fail("fewer than 300 pairs")
if lab["distinct"] * 2 < n: fail("hard negatives < half")
if lab["duplicate"] < 100: fail("duplicates < 100")
if len(filler) < 100: fail("filler < 100")
for k in NEG:
    if kinds[("distinct", k)] < 15: fail(f"kind {k} < 15")
lens = [len(t.split()) for t in contents]
print(f"pairs={n} labels={dict(lab)} memories={len(mems)} filler={len(filler)} distinct pair texts={len(pair_texts)}")
for (l, k), v in sorted(kinds.items()): print(f"  {l:9s} {k:18s} {v}")
print("categories:", dict(Counter(m['category'] for m in mems)))
print(f"words per text: min={min(lens)} max={max(lens)} >20: {sum(l>20 for l in lens)}")
print("timestamps:", min(ts), "..", max(ts))
print("OK" if ok else "PROBLEMS FOUND")
