import csv, sys
from collections import Counter
DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym", "word_swap", "related", "unrelated_similar"}
ok = True
def bad(msg):
    global ok; ok = False; print("FAIL:", msg)
P = list(csv.DictReader(open("pairs.csv", encoding="utf-8")))
M = list(csv.DictReader(open("memories.csv", encoding="utf-8")))
if list(P[0].keys()) != ["id", "text_a", "text_b", "label", "kind", "note"]: bad("pairs columns")
if list(M[0].keys()) != ["id", "content", "category", "created_at"]: bad("memories columns")
if len({p["id"] for p in P}) != len(P): bad("pair ids not unique")
if len({m["id"] for m in M}) != len(M): bad("memory ids not unique")
if [int(m["id"]) for m in M] != list(range(1, len(M) + 1)): bad("memory ids not 1..N")
if len({m["created_at"] for m in M}) != len(M): bad("timestamps not distinct")
import re
for m in M:
    if not re.fullmatch(r"202[56]-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", m["created_at"]): bad("ts " + m["created_at"])
    if m["category"] not in {"preference", "fact", "pattern"}: bad("category " + m["category"])
norm = Counter(m["content"].strip().lower() for m in M)
for k, v in norm.items():
    if v > 1: bad("memory collision: " + k)
contents = {m["content"] for m in M}
used = set()
for p in P:
    if p["label"] not in {"duplicate", "distinct"}: bad("label " + p["id"])
    if p["label"] == "duplicate" and p["kind"] not in DUP: bad("kind/label " + p["id"])
    if p["label"] == "distinct" and p["kind"] not in NEG: bad("kind/label " + p["id"])
    for t in (p["text_a"], p["text_b"]):
        if t not in contents: bad("missing text " + t)
        used.add(t)
    if p["text_a"].strip().lower() == p["text_b"].strip().lower(): bad("pair same memory " + p["id"])
    if not p["note"].strip(): bad("empty note " + p["id"])
filler = len(contents - used)
wc = [len(t.split()) for t in contents]
print("pairs:", len(P), "memories:", len(M), "unrelated filler:", filler)
print("labels:", dict(Counter(p["label"] for p in P)))
for k, v in sorted(Counter((p["label"], p["kind"]) for p in P).items()): print(f"  {k[0]:9s} {k[1]:20s} {v}")
print("categories:", dict(Counter(m["category"] for m in M)))
print("words per memory: min", min(wc), "max", max(wc), "mean %.1f" % (sum(wc) / len(wc)))
lab = Counter(p["label"] for p in P)
if len(P) < 300: bad("fewer than 300 pairs")
if lab["distinct"] * 2 < len(P): bad("hard negatives below half")
if lab["duplicate"] < 100: bad("fewer than 100 duplicates")
if filler < 100: bad("fewer than 100 filler")
for k in NEG:
    if sum(1 for p in P if p["kind"] == k) < 15: bad("kind under 15: " + k)
print("OK" if ok else "PROBLEMS")
