# -*- coding: utf-8 -*-
"""Assemble set s12: assigns ids, categories and timestamps, writes the CSVs and
checks the constraints of SPEC.md. All texts come from pairs_data.py and
unrelated_data.py (written by hand); this script does not create or alter text."""
import csv
import os
import random
import re
import sys
import unicodedata
from collections import Counter
from datetime import datetime, timedelta, timezone

from pairs_data import ALL
from unrelated_data import UNRELATED

HERE = os.path.dirname(os.path.abspath(__file__))

DUP_KINDS = ["normalized", "near", "paraphrase_lexical", "subsumed", "paraphrase_other"]
NEG_KINDS = ["variant", "other_subject", "negation", "role_reversal", "order",
             "antonym", "word_swap", "related", "unrelated_similar"]

errors = []


def err(msg):
    errors.append(msg)


def key(t):
    return t.strip().lower()


def loose_norm(t):
    """Very loose normalization used only to sanity-check the 'normalized' kind."""
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.lower()
    t = re.sub(r"[^a-z0-9]+", "", t)
    return t


def medium_norm(t):
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.lower()
    t = re.sub(r"['\u2019\"\u201c\u201d.,:;!?()#]", "", t)
    t = re.sub(r"[-\u2011\u2013\u2014/]", " ", t)
    return " ".join(t.split())


PREF_RE = re.compile(
    r"\b(likes?|loves?|prefers?|preferred|preference|favou?rite|hates?|dislikes?|"
    r"can't stand|rather|wants?|want|enjoys?|fan|approve|disapprove|go-to|ranks|dream)\b", re.I)
PATTERN_RE = re.compile(
    r"\b(every|each|always|usually|mostly|constantly|never|daily|twice|3x|"
    r"a week|a month|weekdays|week days|mornings|nights|afternoons|"
    r"mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|"
    r"on sundays|most days|still|sometimes|used to|tends to|rarely)\b", re.I)


def category(t):
    if PREF_RE.search(t):
        return "preference"
    if PATTERN_RE.search(t):
        return "pattern"
    return "fact"


def words(t):
    return len(t.split())


def main():
    # ---- pairs -------------------------------------------------------------
    pairs = []
    for kind, rows in ALL.items():
        if kind not in DUP_KINDS + NEG_KINDS:
            err(f"unknown kind {kind}")
        label = "duplicate" if kind in DUP_KINDS else "distinct"
        for row in rows:
            if len(row) != 3:
                err(f"bad row in {kind}: {row}")
                continue
            a, b, note = row
            pairs.append((a, b, label, kind, note))

    # the same unordered pair must not appear twice; a and b must differ as memories
    seen_pairs = set()
    for a, b, label, kind, note in pairs:
        if key(a) == key(b):
            err(f"pair texts identical after strip().lower(): {a!r}")
        pk = frozenset((key(a), key(b)))
        if pk in seen_pairs:
            err(f"pair repeated: {a!r} / {b!r}")
        seen_pairs.add(pk)
        if not note.strip():
            err(f"empty note: {a!r}")

    # each text is used in only one pair (keeps facts from leaking across pairs)
    text_uses = Counter()
    for a, b, *_ in pairs:
        text_uses[key(a)] += 1
        text_uses[key(b)] += 1
    for t, n in text_uses.items():
        if n > 1:
            err(f"text used in {n} pairs: {t!r}")

    # normalized pairs must collapse under loose normalization; other pairs must still
    # differ when only case, quotes/apostrophes, accents and runs of spaces are normalized
    # (so week days/weekdays and e-mail/email stay 'near', as in the spec)
    for a, b, label, kind, note in pairs:
        if kind == "normalized" and loose_norm(a) != loose_norm(b):
            err(f"normalized pair differs beyond punctuation/case/accents: {a!r} / {b!r}")
        if kind != "normalized" and medium_norm(a) == medium_norm(b):
            err(f"{kind} pair is only a normalization difference: {a!r} / {b!r}")

    # ---- memories ----------------------------------------------------------
    contents = []
    first_seen = {}
    for a, b, *_ in pairs:
        for t in (a, b):
            if t not in first_seen:
                first_seen[t] = len(contents)
                contents.append((t, "pair"))
    for t in UNRELATED:
        contents.append((t, "unrelated"))

    keys = Counter(key(t) for t, _ in contents)
    for k_, n in keys.items():
        if n > 1:
            err(f"memory contents collide after strip().lower(): {k_!r}")
    for t, _ in contents:
        if t != t.strip():
            err(f"outer whitespace in {t!r}")

    # filler must not look like any pair text: flag high word overlap for review
    def toks(t):
        return set(re.findall(r"[a-z0-9']+", loose_norm_keep_space(t)))

    def loose_norm_keep_space(t):
        t = unicodedata.normalize("NFKD", t)
        t = "".join(c for c in t if not unicodedata.combining(c))
        return t.lower()

    stop = {"the", "a", "an", "to", "of", "and", "in", "on", "at", "his", "he", "is", "for",
            "with", "her", "i", "my", "user", "s", "he's", "it", "every", "from", "by"}
    pair_texts = [t for t, src in contents if src == "pair"]
    warn = []
    for u in UNRELATED:
        tu = toks(u) - stop
        for p in pair_texts + [x for x in UNRELATED if x != u]:
            tp = toks(p) - stop
            if not tu or not tp:
                continue
            j = len(tu & tp) / len(tu | tp)
            if j >= 0.5:
                warn.append((round(j, 2), u, p))

    rng = random.Random(12012)
    order = list(range(len(contents)))
    rng.shuffle(order)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    span_ms = int((datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc) - start).total_seconds() * 1000)
    used = set()
    stamps = []
    for _ in contents:
        while True:
            ms = rng.randrange(span_ms)
            if ms not in used:
                used.add(ms)
                break
        d = start + timedelta(milliseconds=ms)
        stamps.append(d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z")

    mem_rows = []
    for new_id, idx in enumerate(order, start=1):
        t, src = contents[idx]
        mem_rows.append((new_id, t, category(t), stamps[new_id - 1]))
    mem_rows.sort(key=lambda r: r[0])

    years = Counter(r[3][:4] for r in mem_rows)
    if set(years) != {"2025", "2026"}:
        err(f"timestamps not spread over 2025-2026: {years}")
    if len({r[3] for r in mem_rows}) != len(mem_rows):
        err("timestamps not distinct")

    # ---- size / balance checks ----------------------------------------------
    n_pairs = len(pairs)
    by_kind = Counter(p[3] for p in pairs)
    by_label = Counter(p[2] for p in pairs)
    if n_pairs < 320:
        err(f"only {n_pairs} pairs (brief asks >= 320)")
    if by_label["distinct"] * 2 < n_pairs:
        err("hard negatives are less than half")
    if by_label["duplicate"] < 110:
        err(f"only {by_label['duplicate']} duplicate pairs (brief asks >= 110)")
    for k in NEG_KINDS:
        if by_kind[k] < 15:
            err(f"hard-negative kind {k} has only {by_kind[k]} pairs")
    for k in DUP_KINDS:
        if by_kind[k] < 10:
            err(f"duplicate kind {k} has only {by_kind[k]} pairs")
    if len(UNRELATED) < 110:
        err(f"only {len(UNRELATED)} unrelated memories (brief asks >= 110)")

    all_texts = [t for t, _ in contents]
    wc = [words(t) for t in all_texts]
    in_range = sum(1 for w in wc if 3 <= w <= 20)
    if in_range < 0.7 * len(wc):
        err("fewer than 70% of texts have 3-20 words")
    if max(wc) > 65:
        err(f"a text has {max(wc)} words")

    # ---- write ----------------------------------------------------------------
    with open(os.path.join(HERE, "pairs.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "text_a", "text_b", "label", "kind", "note"])
        for i, (a, b, label, kind, note) in enumerate(pairs, start=1):
            w.writerow([f"p{i:04d}", a, b, label, kind, note])
    with open(os.path.join(HERE, "memories.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "content", "category", "created_at"])
        for r in mem_rows:
            w.writerow(r)

    # ---- report -------------------------------------------------------------
    print(f"pairs: {n_pairs}  labels: {dict(by_label)}")
    for k in DUP_KINDS + NEG_KINDS:
        print(f"  {k:18s} {by_kind[k]}")
    print(f"memories: {len(mem_rows)} (pair texts {len(pair_texts)}, unrelated {len(UNRELATED)})")
    print(f"categories: {dict(Counter(r[2] for r in mem_rows))}")
    print(f"years: {dict(years)}")
    print(f"words: min {min(wc)} max {max(wc)}; 3-20 words: {in_range}/{len(wc)}; "
          f">20 words: {sum(1 for x in wc if x > 20)}; <3 words: {sum(1 for x in wc if x < 3)}")
    if warn:
        print("review (filler overlapping another text):")
        for j, u, p in sorted(warn, reverse=True):
            print(f"  {j}  {u!r}  ~  {p!r}")
    if errors:
        print("ERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
