"""Planted pairs: base memories drawn from the templates, then for each pair kind a partner made from one
of them, a duplicate (typo, punctuation, case, width, filler, reordering, added phrase, other words) or a hard
negative (another value, another subject, a negation, a real word swapped for another, other words and another
value)."""

from __future__ import annotations

import hashlib
import random
import unicodedata
from dataclasses import dataclass

from ..errors import ValidationError
from ..store.hashing import normalize
from .corpus import ADDED, FILLERS, PREPOSITIONS, REWORDED, SWAPS, TEMPLATES, VALUE_SLOTS, VALUES, slot_kind, template_slots


@dataclass
class Memory:
    content: str
    category: str
    source: str
    template: int = -1
    values: tuple[str, ...] = ()
    raw_hash: str | None = ""  # "" = through the upsert; None or a wrong hash = an old client's raw INSERT
    rank: float = 0.0
    created_ms: int = 0
    session: int = 0
    id: int = 0


# Planted pairs: duplicates (the same statement written again) and hard negatives
# (a near-identical, different statement: never a duplicate).  Both are in the truth file,
# each with its "label".
DUPLICATE_KINDS = ("case_whitespace", "punctuation", "unicode_form", "typo", "reordered", "filler", "subsumed",
                   "reworded")
NEGATIVE_KINDS = ("contradiction", "sibling", "other_subject", "negation", "word_swap", "reworded_sibling")
KINDS = DUPLICATE_KINDS + NEGATIVE_KINDS


# Share of memories planted per pair kind (a few % duplicates, a few % hard negatives),
# and the share of rows given each single-row problem; at least MIN_PLANTED of each.
PAIR_RATES = {
    "case_whitespace": 0.006, "punctuation": 0.005, "unicode_form": 0.005, "typo": 0.006, "reordered": 0.005,
    "filler": 0.004, "subsumed": 0.004, "reworded": 0.004,
    "contradiction": 0.008, "sibling": 0.008, "other_subject": 0.004, "negation": 0.004, "word_swap": 0.004,
    "reworded_sibling": 0.004,
}
MIN_PLANTED = 2


def n_planted(rate: float, total: int) -> int:
    return max(MIN_PLANTED, round(rate * total))


def demoted(m: Memory) -> str:
    """The text with its first letter lower-cased, unless it starts with a name ("prefers ...", "Anna works ...")."""
    return m.content if TEMPLATES[m.template][1].startswith("{person") else m.content[0].lower() + m.content[1:]


class Planter:
    """Base memories and their planted partners, from one random generator; texts never repeat (normalised)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.free_base: list[int] = []  # base memories in no pair: left for the single-row problems
        self._seen_norm: set[str] = set()
        self._old_clients = 0  # case_whitespace rows written as an old client would (raw INSERT)

    def fill(self, template: str) -> tuple[str, tuple[str, ...]]:
        fields = template_slots(template)
        values = {f: self.rng.choice(VALUES[slot_kind(f)]) for f in fields}
        text = template.format(**values)
        return text[0].upper() + text[1:], tuple(values[f] for f in fields)


    def contents(self, n_total: int) -> tuple[list[Memory], list[tuple[int, int, str]]]:
        """Base memories drawn from the templates (distinct texts, nothing else kept apart); then planted pairs."""
        rng = self.rng
        n_pairs = {k: n_planted(rate, n_total) for k, rate in PAIR_RATES.items()}
        n_base = n_total - sum(n_pairs.values())
        self._seen_norm: set[str] = set()
        base: list[Memory] = []
        attempts = 0
        while len(base) < n_base:
            attempts += 1
            if attempts > 50 * n_base + 10_000:
                raise ValidationError(f"cannot generate {n_base:,} distinct memories from the templates")
            t = rng.randrange(len(TEMPLATES))
            category, template = TEMPLATES[t]
            text, values = self.fill(template)
            if normalize(text) in self._seen_norm:  # the same text twice would be an unplanted duplicate
                continue
            self._seen_norm.add(normalize(text))
            source = "user_explicit" if rng.random() < 0.55 else "jarvis_inferred"
            base.append(Memory(text, category, source, t, values, rank=rng.random()))
        items = list(base)
        pairs: list[tuple[int, int, str]] = []
        free = list(range(len(base)))
        rng.shuffle(free)
        makers = {"case_whitespace": self._case_whitespace, "punctuation": self._punctuation,
                  "unicode_form": self._unicode_form, "typo": self._typo, "reordered": self._reordered,
                  "filler": self._filler, "subsumed": self._subsumed, "contradiction": self._contradiction,
                  "sibling": self._sibling, "other_subject": self._other_subject, "negation": self._negation,
                  "word_swap": self._word_swap, "reworded": self._reworded_same,
                  "reworded_sibling": self._reworded_sibling}
        for kind in KINDS:
            made = 0
            while made < n_pairs[kind]:
                if not free:
                    raise ValidationError("too few memories to plant every duplicate kind")
                a = free.pop()
                variant = makers[kind](base[a])
                if variant is None:
                    continue
                variant.rank = base[a].rank + (1 - base[a].rank) * rng.uniform(0.05, 1.0)
                items.append(variant)
                pairs.append((a, len(items) - 1, kind))
                made += 1
        self.free_base = free  # base memories not in any pair: candidates for single-row problems
        return items, pairs


    def _variant(self, original: Memory, text: str, *, same_norm_ok: bool = False, raw_hash: str | None = "") -> Memory | None:
        if text == original.content or not text.strip():
            return None
        norm = normalize(text)
        if norm in self._seen_norm and not (same_norm_ok and norm == normalize(original.content)):
            return None
        self._seen_norm.add(norm)
        return Memory(text, original.category, original.source, original.template, original.values, raw_hash)


    def _case_whitespace(self, m: Memory) -> Memory | None:
        rng, text = self.rng, m.content
        self._old_clients += 1
        if self._old_clients > 2 and rng.random() < 0.25:  # double space or a tab inside: a new hash, so the upsert keeps it
            words = text.split(" ")
            i = rng.randrange(1, len(words))
            return self._variant(m, " ".join(words[:i]) + rng.choice(("  ", "\t", "   ")) + " ".join(words[i:]))
        # Case and surrounding space only: the upsert would merge these, so they are rows
        # from an old client that stored no hash, or hashed the text without normalising it.
        changed = rng.choice((text.upper(), text.lower() + " ", "  " + text, text.title() + "\n"))
        missing = self._old_clients == 1 or (self._old_clients > 2 and rng.random() < 0.5)  # one of each at least
        wrong = None if missing else hashlib.sha256(changed.encode()).hexdigest()
        return self._variant(m, changed, same_norm_ok=True, raw_hash=wrong)


    def _punctuation(self, m: Memory) -> Memory | None:
        rng, text = self.rng, m.content
        words = text.split(" ")
        options = [text + ".", text + "!", text.replace("'", "’"), text.replace("'", ""), text + "..."]
        prep = [i for i, w in enumerate(words) if w in PREPOSITIONS and i > 1]
        if prep:
            i = rng.choice(prep)
            options.append(" ".join(words[:i - 1] + [words[i - 1] + ","] + words[i:]))
        options = [o for o in options if o != text]
        return self._variant(m, rng.choice(options))


    def _unicode_form(self, m: Memory) -> Memory | None:
        rng, text = self.rng, m.content
        options = []
        words = text.split(" ")
        ascii_words = [i for i, w in enumerate(words) if len(w) >= 4 and w.isascii() and w.isalpha()]
        if ascii_words:
            i = rng.choice(ascii_words)
            wide = "".join(chr(ord(c) + 0xFEE0) for c in words[i])  # full-width letters
            options.append(" ".join(words[:i] + [wide] + words[i + 1:]))
        if len(words) > 2:
            i = rng.randrange(1, len(words) - 1)
            options.append(" ".join(words[:i]) + "\u00a0" + " ".join(words[i:]))  # non-breaking space inside
        if unicodedata.normalize("NFD", text) != text:
            options.append(unicodedata.normalize("NFD", text))  # decomposed accents
        if "fi" in text or "fl" in text:
            options.append(text.replace("fi", "\ufb01").replace("fl", "\ufb02"))  # ligatures
        if not options:
            return None
        return self._variant(m, rng.choice(options))


    def _typo(self, m: Memory) -> Memory | None:
        rng, words = self.rng, m.content.split(" ")
        long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        if not long_words:
            return None
        i = rng.choice(long_words)
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        edit = rng.randrange(3)
        if edit == 0:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]  # swapped letters
        elif edit == 1:
            w = w[:j] + w[j + 1:]  # dropped letter
        else:
            w = w[:j] + w[j] + w[j:]  # doubled letter
        return self._variant(m, " ".join(words[:i] + [w] + words[i + 1:]))


    def _reordered(self, m: Memory) -> Memory | None:
        words = m.content.split(" ")
        cuts = [i for i, w in enumerate(words) if w in PREPOSITIONS and 2 <= i <= len(words) - 2]
        if not cuts:
            return None
        i = self.rng.choice(cuts)
        head, tail = words[:i], words[i:]
        keep_case = TEMPLATES[m.template][1].startswith(("{person", "{city"))
        first = head[0] if keep_case else head[0].lower()
        text = " ".join(tail + [first] + head[1:])  # "Calls Anna every Monday" → "Every Monday calls Anna"
        return self._variant(m, text[0].upper() + text[1:])


    def _filler(self, m: Memory) -> Memory | None:
        """The same statement with a filler word: "Really prefers ..."."""
        return self._variant(m, f"{self.rng.choice(FILLERS).capitalize()} {demoted(m)}")


    def _subsumed(self, m: Memory) -> Memory | None:
        """The same statement and more: a phrase added at the end."""
        return self._variant(m, m.content + self.rng.choice(ADDED))


    def _negation(self, m: Memory) -> Memory | None:
        """The statement negated: "No longer prefers ..." (a correction, never a duplicate)."""
        opener = "It is not true that" if m.category == "fact" else "No longer"
        return self._variant(m, f"{opener} {demoted(m)}")


    def _word_swap(self, m: Memory) -> Memory | None:
        """One word replaced by a real word one letter away ("cat" / "car"): not a typo."""
        words = m.content.split(" ")
        swappable = [i for i, w in enumerate(words) if w in SWAPS]
        if not swappable:
            return None
        i = self.rng.choice(swappable)
        return self._variant(m, " ".join(words[:i] + [SWAPS[words[i]]] + words[i + 1:]))


    def _reworded_same(self, m: Memory) -> Memory | None:
        """The same statement in other words, with the same values (:data:`~.corpus.REWORDED`)."""
        return self._written(m, m.values, REWORDED[m.template])


    def _reworded_sibling(self, m: Memory) -> Memory | None:
        """The statement in other words with one ordinary slot changed: another food, drink, topic..."""
        return self._change_slot(m, self._ordinary_slots(m), REWORDED[m.template])


    def _contradiction(self, m: Memory) -> Memory | None:
        """The same statement with one time, number, date, name or place changed (not the subject)."""
        fields = template_slots(TEMPLATES[m.template][1])
        return self._change_slot(m, [i for i, f in enumerate(fields) if slot_kind(f) in VALUE_SLOTS and i > 0])


    def _sibling(self, m: Memory) -> Memory | None:
        """The same statement with one ordinary slot changed: another food, drink, topic..."""
        return self._change_slot(m, self._ordinary_slots(m))


    def _other_subject(self, m: Memory) -> Memory | None:
        """The same statement about another person: "Dana works at ..." / "Omar works at ..."."""
        template = TEMPLATES[m.template][1]
        return self._change_slot(m, [0] if template.startswith("{person}") else [])


    def _change_slot(self, m: Memory, slots: list[int], template: str | None = None) -> Memory | None:
        """One of ``slots`` given another value, written with ``template`` (default: the memory's own)."""
        if not slots:
            return None
        fields = template_slots(TEMPLATES[m.template][1])
        i = self.rng.choice(slots)
        values = list(m.values)
        values[i] = self.rng.choice([v for v in VALUES[slot_kind(fields[i])] if v != m.values[i]])
        return self._written(m, tuple(values), template or TEMPLATES[m.template][1])


    def _written(self, m: Memory, values: tuple[str, ...], template: str) -> Memory | None:
        """``template`` filled with ``values`` (in the order of the memory's template's slots)."""
        fields = template_slots(TEMPLATES[m.template][1])
        text = template.format(**dict(zip(fields, values)))
        variant = self._variant(m, text[0].upper() + text[1:])
        if variant is not None:
            variant.values = values
        return variant


    @staticmethod
    def _ordinary_slots(m: Memory) -> list[int]:
        return [i for i, f in enumerate(template_slots(TEMPLATES[m.template][1])) if slot_kind(f) not in VALUE_SLOTS]

