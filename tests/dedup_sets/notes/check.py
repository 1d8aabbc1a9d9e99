"""Independent sanity check of pairs.csv / memories.csv (reads only the CSVs)."""
import csv, collections, re, sys
DUP = ["normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"]
NEG = ["variant", "other_subject", "negation", "role_reversal", "order", "antonym",
       "word_swap", "related", "unrelated_similar"]
errs = []
P = list(csv.DictReader(open("pairs.csv", encoding="utf-8")))
M = list(csv.DictReader(open("memories.csv", encoding="utf-8")))
if list(P[0].keys()) != ["id", "text_a", "text_b", "label", "kind", "note"]: errs.append("pairs columns")
if list(M[0].keys()) != ["id", "content", "category", "created_at"]: errs.append("memories columns")
ids = [r["id"] for r in P]
if len(set(ids)) != len(ids) or not all(re.fullmatch(r"p\d{4}", i) for i in ids): errs.append("pair ids")
for r in P:
    if r["label"] not in ("duplicate", "distinct"): errs.append(("label", r["id"]))
    if r["kind"] not in DUP + NEG: errs.append(("kind", r["id"]))
    if (r["label"] == "duplicate") != (r["kind"] in DUP): errs.append(("label/kind mismatch", r["id"]))
    if not r["note"].strip(): errs.append(("empty note", r["id"]))
    if r["text_a"] == r["text_b"]: errs.append(("identical texts", r["id"]))
    if r["text_a"].strip().lower() == r["text_b"].strip().lower(): errs.append(("same after strip+lower", r["id"]))
contents = [m["content"] for m in M]
cset = set(contents)
for r in P:
    for t in (r["text_a"], r["text_b"]):
        if t not in cset: errs.append(("pair text missing from memories", r["id"], t))
norm = collections.Counter(c.strip().lower() for c in contents)
for k, v in norm.items():
    if v > 1: errs.append(("duplicate content after strip+lower", k))
if [int(m["id"]) for m in M] != list(range(1, len(M) + 1)): errs.append("memory ids not 1..N")
for m in M:
    if m["category"] not in ("preference", "fact", "pattern"): errs.append(("category", m["id"]))
    if not re.fullmatch(r"202[56]-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", m["created_at"]): errs.append(("ts", m["id"]))
ts = [m["created_at"] for m in M]
if len(set(ts)) != len(ts): errs.append("timestamps not distinct")
pair_texts = {t for r in P for t in (r["text_a"], r["text_b"])}
filler = [c for c in contents if c not in pair_texts]
lab = collections.Counter(r["label"] for r in P)
kind = collections.Counter(r["kind"] for r in P)
wl = [len(t.split()) for t in pair_texts]
print("pairs:", len(P), dict(lab))
for k in DUP + NEG: print(f"  {k:18s} {kind[k]}")
print("memories:", len(M), "pair texts:", len(pair_texts), "filler:", len(filler))
print("categories:", dict(collections.Counter(m["category"] for m in M)))
print("years:", dict(collections.Counter(t[:4] for t in ts)))
print("words per pair text: min", min(wl), "max", max(wl), "3-20:", sum(3 <= w <= 20 for w in wl), ">20:", sum(w > 20 for w in wl), "<3:", sum(w < 3 for w in wl))
if len(P) < 300: errs.append("fewer than 300 pairs")
if lab["duplicate"] < 100: errs.append("fewer than 100 duplicates")
if lab["distinct"] * 2 < len(P): errs.append("distinct less than half")
for k in NEG:
    if kind[k] < 15: errs.append(("kind under 15", k))
if len(filler) < 100: errs.append("fewer than 100 filler")
print("ERRORS:", errs if errs else "none")
sys.exit(1 if errs else 0)
