import csv, re, unicodedata, datetime as dt
from collections import Counter
DUP = {"normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"}
NEG = {"variant", "other_subject", "negation", "role_reversal", "order", "antonym",
       "word_swap", "related", "unrelated_similar"}
P = list(csv.DictReader(open("pairs.csv", encoding="utf-8")))
M = list(csv.DictReader(open("memories.csv", encoding="utf-8")))
assert list(P[0].keys()) == ["id", "text_a", "text_b", "label", "kind", "note"]
assert list(M[0].keys()) == ["id", "content", "category", "created_at"]
assert len({p["id"] for p in P}) == len(P) and all(re.fullmatch(r"p\d{4}", p["id"]) for p in P)
assert [int(m["id"]) for m in M] == list(range(1, len(M) + 1))
for p in P:
    assert p["label"] in ("duplicate", "distinct")
    assert p["kind"] in (DUP if p["label"] == "duplicate" else NEG), p
    assert p["note"].strip()
    assert p["text_a"] != p["text_b"]
    assert p["text_a"].strip().lower() != p["text_b"].strip().lower(), p
contents = {m["content"] for m in M}
for p in P:
    assert p["text_a"] in contents and p["text_b"] in contents, p
low = Counter(m["content"].strip().lower() for m in M)
assert max(low.values()) == 1, [k for k, v in low.items() if v > 1]
assert all(m["category"] in ("preference", "fact", "pattern") for m in M)
ts = [m["created_at"] for m in M]
assert len(set(ts)) == len(ts)
for t in ts:
    assert re.fullmatch(r"202[56]-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", t), t
    dt.datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%fZ")
pairtexts = {p["text_a"] for p in P} | {p["text_b"] for p in P}
unrelated = [m for m in M if m["content"] not in pairtexts]
# loose check: texts equal after aggressive normalisation that are NOT a labelled pair
def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "", s.lower())
labelled = {frozenset((p["text_a"], p["text_b"])) for p in P}
by = {}
for m in M:
    by.setdefault(norm(m["content"]), []).append(m["content"])
for k, v in by.items():
    if len(v) > 1:
        for i in range(len(v)):
            for j in range(i + 1, len(v)):
                assert frozenset((v[i], v[j])) in labelled, ("unlabelled normalized dup", v)
lab = Counter(p["label"] for p in P); kinds = Counter((p["label"], p["kind"]) for p in P)
print("pairs", len(P), dict(lab))
for (l, k), n in sorted(kinds.items()): print(f"  {l:9s} {k:18s} {n}")
print("memories", len(M), "unrelated", len(unrelated), "categories", dict(Counter(m["category"] for m in M)))
wl = [len(t.split()) for t in pairtexts]
print("words per pair text: min", min(wl), "max", max(wl), "mean %.1f" % (sum(wl) / len(wl)))
print("created_at range", min(ts), max(ts))
assert len(P) >= 300 and lab["duplicate"] >= 100 and lab["distinct"] >= len(P) / 2 and len(unrelated) >= 100
print("OK")
