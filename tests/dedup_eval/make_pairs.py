"""Build the independent dedup evaluation set: pairs.csv (labelled pairs) and memories.csv (a memory table).

Run from anywhere with a Python that has `wordfreq` (a throwaway venv, not the project's):

    python3 -m venv /tmp/evalvenv && /tmp/evalvenv/bin/pip install wordfreq
    /tmp/evalvenv/bin/python tests/dedup_eval/make_pairs.py

The base statements (bases.py) and fillers (fillers.py) are hand-written for this set; this script only adds the
mechanical perturbations (typos, filler words, case/width/space/punctuation) and writes the CSVs. Output is
deterministic for a given SEED and wordfreq version. wordfreq decides what counts as a word: every typo must be
a non-word in English, German, French and Spanish; both sides of every word swap must be real English words.
"""

import csv
import random
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bases import BASES  # noqa: E402
from fillers import FILLERS  # noqa: E402

SEED = 20261129
LANGS = ("en", "de", "fr", "es")
REAL_WORD_ZIPF = 2.5  # a swap word must be at least this frequent in English (zipf 2.5 ~ 3 per 10M words)

# Hand-written pairs for formats the bases do not cover: times, dates, numbers, dropped accents, full-width text.
EXTRA = [
    ("pattern", "Gym at 9am on weekdays", "Gym at 9 am on weekdays", "duplicate", "normalized", "9am vs 9 am"),
    ("pattern", "Gym at 9am on weekdays", "Gym at 10am on weekdays", "distinct", "variant", "time 9am -> 10am"),
    ("pattern", "Gym at 9am on weekdays", "GYM at 9am, on weekdays", "duplicate", "normalized", "case and comma"),
    ("pattern", "Gym at 9am on weekdays", "Gym at 9pm on weekdays", "distinct", "word_swap", "am -> pm"),
    ("fact", "Dentist on 14 March at 8:15", "Dentist on 14 March at 8.15", "duplicate", "normalized", "8:15 vs 8.15"),
    ("fact", "Dentist on 14 March at 8:15", "Dentist on 14 March at 08:15", "duplicate", "near", "leading zero"),
    ("fact", "Dentist on 14 March at 8:15", "Dentist on 14 March at 8:45", "distinct", "variant", "time 8:15 -> 8:45"),
    ("fact", "Dentist on 14 March at 8:15", "Dentist on 15 March at 8:15", "distinct", "variant", "date 14 -> 15"),
    ("fact", "Dentist on 14 March at 8:15", "Dentist on 2026-03-14 at 8:15", "duplicate", "paraphrase", "date format"),
    ("pattern", "Evening pill at 21:00", "Evening pill at 9pm", "duplicate", "paraphrase", "24h vs 12h clock"),
    ("pattern", "Evening pill at 21:00", "Evening pill at 22:00", "distinct", "variant", "time 21:00 -> 22:00"),
    ("pattern", "Drinks 2 litres of water a day", "Drinks two litres of water a day", "duplicate", "near", "digit vs word"),
    ("pattern", "Drinks 2 litres of water a day", "Drinks 3 litres of water a day", "distinct", "variant", "number 2 -> 3"),
    ("pattern", "Drinks 2 litres of water a day", "Drinks 2 litres of wine a day", "distinct", "word_swap", "water -> wine"),
    ("preference", "Budget for the new sofa is 1,200 euros", "Budget for the new sofa is 1200 euros", "duplicate",
     "normalized", "thousands separator"),
    ("preference", "Budget for the new sofa is 1,200 euros", "Budget for the new sofa is 2,100 euros", "distinct",
     "variant", "number 1,200 -> 2,100"),
    ("preference", "Budget for the new sofa is 1,200 euros", "Budget for the new sofa is 1,200 dollars", "distinct",
     "word_swap", "euros -> dollars"),
    ("fact", "Meets José for lunch on Fridays", "Meets Jose for lunch on Fridays", "duplicate", "near", "accent dropped"),
    ("fact", "Meets José for lunch on Fridays", "Meets Josef for lunch on Fridays", "distinct", "other_subject",
     "another person, one letter apart"),
    ("fact", "Her landlord is Frau Müller", "Her landlord is Frau Mueller", "duplicate", "near", "ü spelled ue"),
    ("fact", "Her landlord is Frau Müller", "Her landlord is Frau Möller", "distinct", "other_subject", "Müller -> Möller"),
    ("fact", "Zoë is allergic to kiwi", "Zoe is allergic to kiwi", "duplicate", "near", "diaeresis dropped"),
    ("fact", "Zoë is allergic to kiwi", "Zoë is not allergic to kiwi", "distinct", "negation", "not inserted"),
    ("fact", "Zoë is allergic to kiwi", "Chloë is allergic to kiwi", "distinct", "other_subject", "Zoë -> Chloë"),
    ("preference", "Café au lait, never espresso", "Café au lait, never espresso", "duplicate", "exact", "identical"),
    ("preference", "Café au lait, never espresso", "Espresso, never café au lait", "distinct", "negation",
     "preference flipped by reordering"),
    ("fact", "Lives on the 4th floor, no lift", "Lives on the 5th floor, no lift", "distinct", "variant", "4th -> 5th"),
    ("fact", "Lives on the 4th floor, no lift", "Lives on the fourth floor, no lift", "duplicate", "near",
     "ordinal spelled out"),
    ("pattern", "Pilates on Mon/Wed at 7", "Pilates on Mon/Wed at 7.", "duplicate", "normalized", "trailing period"),
    ("pattern", "Pilates on Mon/Wed at 7", "Pilates on Tue/Thu at 7", "distinct", "variant", "days"),
]

# First words that are names (or "I") and keep their capital when a filler is put in front.
PROPER_STARTS = {"Zoë's", "Grandpa", "José", "Mum", "Priya's", "Søren", "Aunt", "Dad's", "I", "Tomás"}
FILLER_PREFIXES = ["I think ", "Basically, ", "Honestly, ", "As far as I know, ", "FYI: ", "If I remember right, ",
                   "Just so you know, ", "Apparently "]
FILLER_SUFFIXES = [", I think", ", basically", ", as far as I know", " - pretty sure", ", if I remember right"]
OTHER_SHE = ["Her sister Dagny", "Grandma Ruth", "Her colleague Bao", "Noor", "Their nanny Kalani", "Frau Albers"]
OTHER_HE = ["Mateo", "Her husband", "Uncle Piet", "His flatmate Oskar", "Dr. Haddad", "Kwame"]
REALLY_BEFORE = {"Likes", "Loves", "Hates", "Enjoys", "Prefers", "Wants", "Avoids", "Needs", "Sleeps"}

# QWERTY neighbours for keyboard slips (lower case letters only).
ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
NEIGHBOURS = {}
for r, row in enumerate(ROWS):
    for c, ch in enumerate(row):
        near = set()
        for dr in (-1, 0, 1):
            if 0 <= r + dr < len(ROWS):
                for dc in (-1, 0, 1):
                    cc = c + dc + (0 if dr == 0 else (-1 if dr > 0 else 0))
                    if (dr, dc) != (0, 0) and 0 <= cc < len(ROWS[r + dr]):
                        near.add(ROWS[r + dr][cc])
        NEIGHBOURS[ch] = "".join(sorted(near - {ch}))

WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def is_word(w: str) -> bool:
    return any(zipf_frequency(w.lower(), lang) > 0 for lang in LANGS)


def replace_word(text: str, old: str, new: str) -> str:
    """Replace the first whole-word occurrence of old (which must exist)."""
    out, n = re.subn(rf"(?<!\w){re.escape(old)}(?!\w)", new, text, count=1)
    assert n == 1, (text, old)
    return out


def typo(text: str, rng: random.Random, vocabulary: set[str]) -> tuple[str, str]:
    """One realistic slip in one lower-case word of >= 4 letters; the result is not a word anywhere we know."""
    words = [m for m in WORD_RE.finditer(text) if len(m.group()) >= 4]
    words = [m for m in words if m.group().islower()] or words  # "Left-handed" has no lower-case word to slip in
    for _ in range(200):
        m = rng.choice(words)
        w = m.group()
        op = rng.choice(["neighbour", "drop", "double", "transpose"])
        i = rng.randrange(1, len(w))  # keep the first letter, as most real slips do
        if op == "neighbour" and w[i] in NEIGHBOURS:
            new = w[:i] + rng.choice(NEIGHBOURS[w[i]]) + w[i + 1:]
        elif op == "drop":
            new = w[:i] + w[i + 1:]
        elif op == "double":
            new = w[:i] + w[i] + w[i:]
        elif op == "transpose" and i < len(w) - 1 and w[i] != w[i + 1]:
            new = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        else:
            continue
        if new == w or is_word(new) or new in vocabulary:
            continue
        return text[:m.start()] + new + text[m.end():], f"typo ({op}): {w} -> {new}"
    raise RuntimeError(f"no typo found for {text!r}")


PUNCT = r'[,;.!"](?!\d)|(?<!\d)[,;.!"]'  # keeps the separator inside numbers: 1.5, 1,240
FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F))}


def same_hash(a: str, b: str) -> bool:
    """Whether the store's content hash (sha256 of JavaScript trim + lower case) would be equal: such a pair
    cannot be two rows of one table, so normalized pairs must differ in more than case and outer space."""
    return a.strip(" \t").lower() == b.strip(" \t").lower()


def normalize_variant(text: str, rng: random.Random) -> tuple[str, str]:
    """Change only case, width, spacing or punctuation, and more than case and outer space alone."""
    for _ in range(20):
        how = rng.choice(["lower_punct", "upper_space", "fullwidth", "spaces", "punct"])
        if how == "lower_punct":
            out = re.sub(PUNCT, "", text.lower()).strip()
            if same_hash(out, text):  # nothing to strip: add a period instead
                out += "."
        elif how == "upper_space":
            out = re.sub(" ", "  ", text.upper(), count=1)
        elif how == "fullwidth":
            words = text.split(" ")
            k = rng.randrange(len(words))
            span = min(len(words) - k, rng.randint(1, 3))
            words[k:k + span] = ["".join(FULLWIDTH.get(c, c) for c in w) for w in words[k:k + span]]
            out = " ".join(words)
        elif how == "spaces":
            words = text.split(" ")
            if len(words) < 2:
                continue
            k = rng.randrange(1, len(words))
            out = " " + " ".join(words[:k]) + "  " + " ".join(words[k:]) + " \t"
        else:  # punct
            stripped = re.sub(PUNCT, "", text)
            out = stripped if stripped != text else text + "."
        if not same_hash(out, text):
            return out, f"normalized: {how}"
    raise RuntimeError(f"no normalized variant for {text!r}")


def with_filler(text: str, rng: random.Random) -> tuple[str, str]:
    quote = text.startswith('"') and text.endswith('"')
    body = text[1:-1] if quote else text
    first = body.split(" ", 1)[0]
    choice = rng.random()
    if first in REALLY_BEFORE and choice < 0.4:
        body, note = "Really " + body[0].lower() + body[1:], "filler: really"
    elif choice < 0.7:
        prefix = rng.choice(FILLER_PREFIXES)
        lead = body if first in PROPER_STARTS else body[0].lower() + body[1:]
        body, note = prefix + lead, f"filler: {prefix.strip()}"
    else:
        suffix = rng.choice(FILLER_SUFFIXES)
        end = re.search(r"[.!]?$", body).start()
        body, note = body[:end] + suffix + body[end:], f"filler: {suffix.strip(', ')}"
    return ('"' + body + '"' if quote else body), note


def check_swap(old: str, new: str) -> None:
    for w in (old, new):
        for part in w.split():
            assert zipf_frequency(part.lower(), "en") >= REAL_WORD_ZIPF, f"swap word {part!r} is not a common word"


def build_pairs(rng: random.Random) -> tuple[list[dict], dict[str, str]]:
    vocabulary = {w.lower() for b in BASES for t in (b.text, b.para, b.sub, b.rel, b.neg) if t
                  for w in WORD_RE.findall(t)}
    rows, category = [], {}

    def add(cat, a, b, label, kind, note):
        if rng.random() < 0.5 and kind != "exact":
            a, b = b, a
        for t in (a, b):
            category.setdefault(t, cat)
        rows.append({"text_a": a, "text_b": b, "label": label, "kind": kind, "note": note})

    for n, base in enumerate(BASES):
        t, c = base.text, base.cat
        # --- non-duplicates (hard negatives first) ---
        for old, new in base.var:
            v = replace_word(t, old, new)
            if rng.random() < 0.25:
                v = v.lower()
                add(c, t, v, "distinct", "variant", f"{old} -> {new}, and lower-cased")
            else:
                add(c, t, v, "distinct", "variant", f"{old} -> {new}")
        if base.var and base.sub:
            old, new = base.var[0]
            if re.search(rf"(?<!\w){re.escape(old)}(?!\w)", base.sub):
                add(c, base.sub, replace_word(base.sub, old, new), "distinct", "variant",
                    f"{old} -> {new} in the longer version")
        if base.subj:
            add(c, t, replace_word(t, *base.subj), "distinct", "other_subject", f"{base.subj[0]} -> {base.subj[1]}")
        elif re.match(r"[A-Z][a-z]+s ", t) and t.split(" ", 1)[0] not in PROPER_STARTS:
            # "Prefers aisle seats ..." -> "Mateo prefers aisle seats ...": same predicate, a named other person
            pool = OTHER_SHE if re.search(r"\b(she|her)\b", t) else OTHER_HE
            who = rng.choice(pool)
            add(c, t, who + " " + t[0].lower() + t[1:], "distinct", "other_subject", f"subject {who} added")
        if base.neg:
            add(c, t, base.neg, "distinct", "negation", "negated or flipped")
        if base.swap:
            check_swap(*base.swap)
            add(c, t, replace_word(t, *base.swap), "distinct", "word_swap", f"real word {base.swap[0]} -> {base.swap[1]}")
        if base.rel:
            add(c, t, base.rel, "distinct", "unrelated_similar", "same topic, different fact")
        # --- duplicates ---
        typo_text, note = typo(t, rng, vocabulary)
        add(c, t, typo_text, "duplicate", "near", note)
        if rng.random() < 0.15:  # a second slip on top of the first
            typo_text, note = typo(typo_text, rng, vocabulary)
            add(c, t, typo_text, "duplicate", "near", "two typos, second: " + note.removeprefix("typo "))
        if rng.random() < 0.7:
            other, note = normalize_variant(t, rng)
            add(c, t, other, "duplicate", "normalized", note)
        if rng.random() < 0.4:
            other, note = with_filler(t, rng)
            add(c, t, other, "duplicate", "near", note)
        if base.reord:
            add(c, t, base.reord, "duplicate", "near", "clauses reordered")
        if base.para:
            add(c, t, base.para, "duplicate", "paraphrase", "same meaning, other words")
        if base.sub:
            add(c, t, base.sub, "duplicate", "subsumed", "longer one adds detail")
        if n % 10 == 0:
            add(c, t, t, "duplicate", "exact", "identical text")
    for cat, a, b, label, kind, note in EXTRA:
        add(cat, a, b, label, kind, note)
    for i, r in enumerate(rows, 1):
        r["id"] = f"p{i:04d}"
    return rows, category


def build_memories(rng: random.Random, category: dict[str, str]) -> list[dict]:
    """One row per unique text (the store keeps one row per content hash), timestamps spread over 2025-2026."""
    items = list(category.items()) + [(t, c) for c, t in FILLERS if t not in category]
    rng.shuffle(items)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    span_ms = int((datetime(2026, 11, 28, tzinfo=timezone.utc) - start).total_seconds() * 1000)
    stamps = sorted(start + timedelta(milliseconds=rng.randrange(span_ms)) for _ in items)
    return [{"id": i, "content": t, "category": c,
             "created_at": s.strftime("%Y-%m-%dT%H:%M:%S.") + f"{s.microsecond // 1000:03d}Z"}
            for i, ((t, c), s) in enumerate(zip(items, stamps), 1)]


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    rng = random.Random(SEED)
    pairs, category = build_pairs(rng)
    memories = build_memories(rng, category)
    write_csv(HERE / "pairs.csv", pairs, ["id", "text_a", "text_b", "label", "kind", "note"])
    write_csv(HERE / "memories.csv", memories, ["id", "content", "category", "created_at"])
    counts = {}
    for p in pairs:
        counts[(p["label"], p["kind"])] = counts.get((p["label"], p["kind"]), 0) + 1
    for (label, kind), n in sorted(counts.items()):
        print(f"{label:9} {kind:18} {n:4}")
    distinct = sum(p["label"] == "distinct" for p in pairs)
    print(f"pairs {len(pairs)}, distinct {distinct} ({distinct / len(pairs):.1%}), memories {len(memories)}")


if __name__ == "__main__":
    main()
