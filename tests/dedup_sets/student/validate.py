import csv, os, collections, re
HERE = os.path.dirname(os.path.abspath(__file__))
DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym", "word_swap", "related", "unrelated_similar"}
pairs = list(csv.DictReader(open(os.path.join(HERE, "pairs.csv"), encoding="utf-8")))
mems = list(csv.DictReader(open(os.path.join(HERE, "memories.csv"), encoding="utf-8")))
err = []
if list(pairs[0].keys()) != ["id", "text_a", "text_b", "label", "kind", "note"]: err.append("pairs columns")
if list(mems[0].keys()) != ["id", "content", "category", "created_at"]: err.append("memories columns")
ids = [p["id"] for p in pairs]
if len(set(ids)) != len(ids): err.append("dup pair ids")
if any(not re.fullmatch(r"p\d{4}", i) for i in ids): err.append("pair id format")
for p in pairs:
    if p["label"] == "duplicate" and p["kind"] not in DUP: err.append(f"{p['id']} label/kind")
    if p["label"] == "distinct" and p["kind"] not in NEG: err.append(f"{p['id']} label/kind")
    if p["label"] not in ("duplicate", "distinct"): err.append(f"{p['id']} label")
    if p["text_a"] == p["text_b"]: err.append(f"{p['id']} identical texts")
    if p["text_a"].strip().lower() == p["text_b"].strip().lower(): err.append(f"{p['id']} same after strip/lower")
    if not p["note"].strip(): err.append(f"{p['id']} empty note")
mids = [int(m["id"]) for m in mems]
if mids != list(range(1, len(mems) + 1)): err.append("memory ids not 1..N")
contents = {m["content"] for m in mems}
norm = collections.Counter(m["content"].strip().lower() for m in mems)
for k, v in norm.items():
    if v > 1: err.append(f"memory collision: {k!r}")
for p in pairs:
    for t in (p["text_a"], p["text_b"]):
        if t not in contents: err.append(f"{p['id']} text missing in memories: {t!r}")
if len({m["created_at"] for m in mems}) != len(mems): err.append("timestamps not distinct")
for m in mems:
    if m["category"] not in ("preference", "fact", "pattern"): err.append(f"cat {m['id']}")
    if not re.fullmatch(r"202[56]-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", m["created_at"]): err.append(f"ts {m['id']}")
pair_texts = {t for p in pairs for t in (p["text_a"], p["text_b"])}
filler = [m for m in mems if m["content"] not in pair_texts]
print("errors:", err or "none")
print("pairs:", len(pairs), "memories:", len(mems), "unrelated filler:", len(filler))
print("labels:", dict(collections.Counter(p["label"] for p in pairs)))
for lab in ("duplicate", "distinct"):
    c = collections.Counter(p["kind"] for p in pairs if p["label"] == lab)
    print(lab, dict(sorted(c.items())))
print("categories:", dict(collections.Counter(m["category"] for m in mems)))
lens = [len(t.split()) for t in contents]
print("words per memory: min", min(lens), "max", max(lens), ">20 words:", sum(l > 20 for l in lens))
