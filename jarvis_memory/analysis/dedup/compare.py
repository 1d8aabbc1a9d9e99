"""One pair of texts: the verdict (near, paraphrase, subsumed, variant and its changed value, or nothing)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

from . import (apposition, exchanges, instruments, kinds, labels, lexicon, negation, phrasal, relations, times,
               verb_senses)
from .abbreviations import abbreviation
from .counts import BOUNDS, bounds, counts_a_rate
from .occasions import held_by_noun, names_event
from .order import POSTMODIFYING, changed_roles, premodified, shown, swapped_clauses, swapped_in_place
from .restated import (SKILL_RELATIONS, aspect, attribute_had, complement_moved, diet, existential, had_person, held,
                       had_then_is, past_tense, restated)
from .roles import POSSESSIVES, RELATIONS, owner_possessive, same_relation
from .subsumption import acted_on_otherwise, one_of, owner_left_out, owners_only, replaces_a_relation, says_more
from .text import FILLER, FUNCTION_WORDS, NEGATIONS, VALUE_WORDS, _Long, _Text, _text, _Vocabulary, form, is_number
from .tuning import MAX_CHANGED


class _Verdict(NamedTuple):  # a named tuple: made once per compared pair, faster than a frozen dataclass
    kind: str | None
    key: tuple = ()  # variants: what the two texts share (the statement without its value)
    value_a: str = ""
    value_b: str = ""
    change: str = ""  # variants: negation, value, word or subject


_NONE = _Verdict(None)


def _compare(a: _Text | _Long, b: _Text | _Long, vocabulary: _Vocabulary) -> _Verdict:
    """The kind of two different texts: near, paraphrase, subsumed, variant, or ``None`` (unrelated); where it is
    not a duplicate as written, a tool said with "use" in one text only is read again as the other's "with"
    (:mod:`.instruments`), a phrase after a noun as the other's premodifier (:func:`.order.premodified`), "there
    is X in Y" as "Y has X" (:func:`.restated.existential`)."""
    verdict = _as_written(a, b, vocabulary)
    if verdict.kind not in (None, "variant"):
        aspects = aspect(a.whole), aspect(b.whole)
        if None not in aspects and aspects[0] != aspects[1]:  # "Has gone to Rome" / "Is going to Rome": done, or to
            shared = tuple(sorted(a.bag.keys() & b.bag.keys()))  # come
            return _Verdict("variant", (*shared, "\x02aspect"), *aspects, "word")
        return verdict
    if relations.one_relation(a, b) or exchanges.one_exchange(a, b):  # one relation, one exchange: either way round
        return _Verdict("paraphrase")
    readings = []  # (one text read again, the other)
    if instruments.says_use(a) != instruments.says_use(b):
        tool, other = (a.whole, b.whole) if instruments.says_use(a) else (b.whole, a.whole)
        readings.append((instruments.with_tool(tool), other))
    elif abs(a.size - b.size) == 1:  # "the lab reports for BIOL 2020" / "the BIOL 2020 lab reports": one noun
        extra = [(w, x is a) for x, y in ((a, b), (b, a)) for w, n in x.bag.items() if n > y.bag.get(w, 0)]
        if len(extra) == 1 and extra[0][0] in POSTMODIFYING:  # phrase written as the other does
            post, other = (a.whole, b.whole) if extra[0][1] else (b.whole, a.whole)
            readings.append((premodified(post, other), other))
    for t, other in ((a, b), (b, a)):  # "There are 8 members in her book club" / "Her book club has 8 members"
        if getattr(t, "words", ())[:1] == ("there",) != getattr(other, "words", ())[:1]:
            readings.append((existential(t), other))
        if "who" in getattr(t, "words", ()):  # "Has a brother, Liam, who lives in Perth" / "Brother Liam lives ..."
            readings.append((apposition.introduced(t), other))
        if t.size < 12 and other.size < 12 and t.whole.negations and not other.whole.negations:  # "Doesn't
            readings.append((negation.prefixed(t.whole, other.whole), other))  # like X" / "Dislikes X"
    for rewritten, other in readings:
        kind = _as_written(_text(rewritten), other, vocabulary).kind if rewritten is not None else None
        if kind in ("near", "paraphrase", "subsumed"):
            return _Verdict("subsumed" if kind == "subsumed" else "paraphrase")
    return verdict


def _as_written(a: _Text | _Long, b: _Text | _Long, vocabulary: _Vocabulary) -> _Verdict:
    bag_a, bag_b = a.bag, b.bag
    only_a = [w for w, n in bag_a.items() if n > bag_b.get(w, 0)]
    only_b = [w for w, n in bag_b.items() if n > bag_a.get(w, 0)]
    if len(only_a) > MAX_CHANGED + 1 and len(only_b) > MAX_CHANGED + 1:
        return _NONE  # several words changed on both sides: two different memories
    a, b = a.whole, b.whole  # a long text (text._Long) is held as its bag: parsed again from here
    if None is not a.gender != b.gender is not None:
        return _NONE  # "She swims" / "He swims": one of them is not the owner
    if (only_a or only_b) and restated(a, b):  # a verb for its noun: "Was promoted" / "Got a promotion"
        return _Verdict("paraphrase")
    if only_a != only_b and (labels.held(a, b, only_a, only_b) or labels.held(b, a, only_b, only_a)):
        return _Verdict("paraphrase")  # "Phone: iPhone 15" / "Uses an iPhone 15"
    if not POSSESSIVES.isdisjoint(only_a) or not POSSESSIVES.isdisjoint(only_b):  # "her mother" / "the user's
        only_a, only_b = owner_possessive(a, only_a, b, only_b)  # mother", "her wrist" / "the wrist"
        only_b, only_a = owner_possessive(b, only_b, a, only_a)
    if "call" in only_a or "name" in only_a or "call" in only_b or "name" in only_b:  # "X is called Y" / "X Y"
        only_a, only_b = apposition.named(a, only_a, b), apposition.named(b, only_b, a)
    if any(had_person(a, a.first[k], b, b.first[k]) for k in (a.verbs ^ b.verbs) & bag_a.keys() & bag_b.keys()):
        return _NONE  # "Coaches tennis" / "Has a tennis coach": one word, a doing and a person one has
    if len(only_a) == len(only_b) == 1 and (only_a[0] in SKILL_RELATIONS or only_b[0] in SKILL_RELATIONS) \
            and (complement_moved(a, b) or complement_moved(b, a)):
        return _Verdict("paraphrase")  # "Is fluent in German" / "Speaks fluent German"
    typos, synonyms, classed = [], [], []
    if only_a and only_b and len(only_a) * len(only_b) <= 16:
        numbers = any(w[:1].isdigit() for w in only_a) and any(v[:1].isdigit() for v in only_b)
        for w in list(only_a):  # one word written two ways: "Müller" / "Muller", "8.15" / "8:15"
            match = next((v for v in only_b if _spelled_alike(a.written[a.first[w]], b.written[b.first[v]])
                          and lexicon.PERFECT not in w + v or numbers and times.same_time(w, v)), None)
            if match is not None:
                only_a.remove(w)
                only_b.remove(match)
                typos.append((w, match))
        spelled_a = {w: form(a, a.first[w]) for w in only_a}
        spelled_b = {w: form(b, b.first[w]) for w in only_b}
        if not all(map(vocabulary.known, [*spelled_a.values(), *spelled_b.values()])):  # a typo needs an unknown word
            for w in list(only_a):
                match = next((v for v in only_b if vocabulary.typo(spelled_a[w], spelled_b[v])), None)
                if match is not None:
                    only_a.remove(w)
                    only_b.remove(match)
                    typos.append((w, match))
        typos += _merged(a, only_a, b, only_b) + [(x, y) for y, x in _merged(b, only_b, a, only_a)]
        for w in list(only_a):  # a word for another that means the same: "began" / "started", "kids" / "children"
            if w not in only_a:
                continue  # taken out with a noun of an event (below)
            match = next((v for v in only_b if (lexicon.same_meaning(w, v) or names_event(w, v) or names_event(v, w)
                                                or abbreviation(a.written[a.first[w]], b.written[b.first[v]])
                                                or w in a.verbs and v in b.verbs
                                                and (phrasal.same(a, w, b, v) or phrasal.same(b, v, a, w)))
                          and not had_person(a, a.first[w], b, b.first[v]) and not phrasal.differs(a, w, b, v)),
                         None)  # "birthplace" / "born", "dept"
            if match is not None:
                only_a.remove(w)
                only_b.remove(match)
                for t, only, k, other, said in ((a, only_a, w, b, match), (b, only_b, match, a, w)):
                    particle = t.first[k] + 1  # a multi-word verb's particle: "gave up" / "quit"
                    if particle < len(t.keys) and t.keys[particle] in only and phrasal.same(t, k, other, said):
                        only.remove(t.keys[particle])
                synonyms.append((w, match))
                if (names_event(w, match) or names_event(match, w)) and not held_by_noun(a, only_a, w, b, only_b, match):
                    return _NONE  # "Was born near Whitby": not where she was born
        # a kind for one of its class: "Is a GP" / "Is a doctor" (not negated: "Eats no meat" says more)
        if (a.indefinite or b.indefinite) and not (a.negations or b.negations):
            for w in list(only_a):
                match = next((v for v in only_b if (v in b.indefinite and kinds.kind_of(w, v) and _some(b, v)
                                                    or w in a.indefinite and kinds.kind_of(v, w) and _some(a, w))
                              and _nouns(a, w, b, v)), None)
                if match is not None:
                    only_a.remove(w)
                    only_b.remove(match)
                    classed.append((w, match))
            if len({kinds.kind_of(w, v) for w, v in classed}) > 1:
                return _NONE  # each text more specific in one word: neither says all the other does
        if len(only_a) == len(only_b) == 1 and _one_slot(a, b):  # all else the same: a word in another sense
            i, j = a.first[only_a[0]], b.first[only_b[0]]
            verb = a.roles[i].startswith("verb") or b.roles[j].startswith("verb")  # one of them read as a verb
            if same_relation(a, i, b, j) or verb and _same_tense(a.words[i], b.words[j]) \
                    and verb_senses.manner_of(lexicon.bare(a.keys[i]), lexicon.bare(b.keys[j])):
                synonyms.append((only_a.pop(), only_b.pop()))
    if classed and (only_b if kinds.kind_of(*classed[0]) else only_a):
        return _NONE  # the class's text says something the kind's does not
    synonyms += classed
    both = bag_a.keys() & bag_b.keys()
    shared = tuple(sorted(both)) + tuple(sorted(v for _, v in typos + synonyms))
    if bool(a.negations) != bool(b.negations) and (negation.apart(a, both) or negation.apart(b, both)):
        negation_differs = False  # what one says more is negated, not what both say
    elif a.negated or b.negated:
        in_both = set(shared) | {w for w, _ in typos + synonyms}
        as_a = {v: w for w, v in typos + synonyms}  # b's other words as a writes them
        negation_differs = sorted(w for w in a.negated if w in in_both) \
            != sorted(as_a.get(w, w) for w in b.negated if as_a.get(w, w) in in_both)
    else:
        negation_differs = a.negations != b.negations
    if negation_differs:
        swap = _one_letter_swap(a, b)
        if swap is not None and len(shared) >= 2:  # "Shops at the bakery" / "Stops at …": a word swap, not a negation
            return _Verdict("variant", shared, a.written[swap], b.written[swap], "word")
        # what one negates the other states ("not allergic", "stopped running", "paragraphs, not bullet points")
        if len(only_a) + len(only_b) <= MAX_CHANGED and (len(shared) >= 2 or shared and not only_a + only_b):
            return _Verdict("variant", shared + ("\x02not",), _negated(a), _negated(b), "negation")  # "Is (not) vegan"
        return _NONE
    if bool(only_a) != bool(only_b) and all(w in BOUNDS for w in only_a + only_b):
        bound_a, bound_b = bounds(a, b), bounds(b, a)
        if bound_a != bound_b:  # "Budget: under $500" / "Budget: $500": a bound is part of its number's value
            return _Verdict("variant", shared + ("\x02bound",), " ".join(bound_a.values()), " ".join(bound_b.values()),
                            "value")
    if not (only_a and only_b) and (attribute_had(a, b) or attribute_had(b, a)):
        return _Verdict("paraphrase")  # "Her blood pressure is high" / "Has high blood pressure"
    if not (only_a and only_b):
        moved = changed_roles(a, b, dict(typos + synonyms), {w for w, _ in typos})
        if moved:  # the same words in other roles: "Nadia owes the user" / "The user owes Nadia"
            value_a, value_b = _shown(a, moved[0]), _shown(b, moved[1])
            if value_a == value_b:  # one participant moved past the verb, the other unwritten or the owner: shown
                value_a, value_b = _shown(a, moved[0], True), _shown(b, moved[1], True)  # with it ("Nadia owes")
            return _Verdict("variant", shared + ("\x02roles",), value_a, value_b, "order")
    if not only_a and not only_b:
        clauses = swapped_clauses(a, b)
        if clauses:  # "Got married and had a baby" / "Had a baby and got married": events in another order
            return _Verdict("variant", shared + ("\x02roles",), *clauses, "order")
        swap = swapped_in_place(b, a, {y: x for x, y in typos + synonyms}) and swapped_in_place(
            a, b, dict(typos + synonyms))  # found both ways round, so that a pair's verdict is its reverse's
        if swap:  # two words that changed places in one frame: "brother Sam and brother Tim" / "... Tim ... Sam"
            return _Verdict("variant", shared + ("\x02roles",), shown(a, swap[0]), shown(b, swap[1]), "order")
        owned = _owned_or_one(a, b) or _owned_or_one(b, a)
        if owned:  # "Martin Hale is my accountant" / "... is an accountant": a relation to the owner, or a trade
            return _Verdict("variant", shared + ("\x02held",), owned, owned, "word")
        held_a, held_b = held(a), held(b)
        if held_a and held_b and _copula_tense_changed(a, b):  # "Has had a dog for 2 years" / "Had a dog ..."
            return _Verdict("variant", shared + ("\x02held",), a.written[held_a[1]], b.written[held_b[1]], "word")
        if held_a and held_b and held_a[0] != held_b[0] and not synonyms:  # "Is a yoga teacher" / "Has a yoga teacher"
            return _Verdict("variant", shared + ("\x02held",), a.written[held_a[1]], b.written[held_b[1]], "word")
        return _Verdict("subsumed" if classed else "near" if _same_words(a, b, typos) and not synonyms else "paraphrase")
    if only_a and only_b:
        run_a, run_b = _run(a, only_a, a.first), _run(b, only_b, b.first)
        if run_a is None or run_b is None or max(len(only_a), len(only_b)) > MAX_CHANGED \
                or len(shared) - ("this" in shared) <= max(len(only_a), len(only_b)):
            return _NONE  # more changed than shared ("this" of "this month" a value, no shared statement)
        if _mixes_names_and_numbers(a, run_a) or _mixes_names_and_numbers(b, run_b):
            return _NONE  # "David 270" → "Maria 80": a person and an amount, two values
        run_a, run_b = _whole_value(a, run_a, b, run_b)
        value_a, value_b = " ".join(a.written[run_a[0]:run_a[1]]), " ".join(b.written[run_b[0]:run_b[1]])
        return _Verdict("variant", shared, value_a, value_b, _change(a, run_a, b, run_b))
    longer, shorter, extra = (a, b, only_a) if only_a else (b, a, only_b)
    same = dict(typos + synonyms) if longer is b else {y: x for x, y in typos + synonyms}  # shorter's -> longer's
    positions = {i for w in extra
                 for i in [i for i in longer.content if longer.keys[i] == w][shorter.bag.get(w, 0):]}
    # the shorter's content words all in the longer, in their roles: it says more, unless says_more finds otherwise
    if shared and diet(shorter, extra) and not _copula_tense_changed(shorter, longer):
        return _Verdict("paraphrase")  # "Is vegan" / "Follows a vegan diet"
    if shared and says_more(shorter, longer, positions, same) and not _copula_tense_changed(shorter, longer) \
            and not had_then_is(shorter, longer):
        return _Verdict("subsumed")
    if owners_only(shorter, longer, positions, same):
        return _Verdict("paraphrase" if synonyms else "near")  # "Called her mother" / "Called mother": the owner's
    # only relation words more: one statement in another shape ("Works as a nurse" / "Is a nurse working")
    if shared and all(w in RELATIONS for w in extra) and not acted_on_otherwise(shorter, longer, same) \
            and not owner_left_out(shorter, longer) and not replaces_a_relation(shorter, longer, positions):
        return _Verdict("paraphrase")
    if counts_a_rate(longer, positions):  # "twice a week" / "weekly": another rate, for review
        rate = " ".join(longer.written[i] for i in positions), "(no count)"
        return _Verdict("variant", shared + ("\x02rate",), *(rate if longer is a else rate[::-1]), "value")
    return _NONE


def _nouns(a: _Text, w: str, b: _Text, v: str) -> bool:
    """Whether keys ``w`` of ``a``, ``v`` of ``b`` are both read as common nouns: no name, no verb (kinds.kind_of)."""
    return all(not t.names[t.first[k]] and not t.roles[t.first[k]].startswith("verb") for t, k in ((a, w), (b, v)))


def _some(t: _Text, k: str) -> bool:
    """Whether key ``k`` of ``t`` stands after "a"/"an", in the singular (one of its class: "Has a dog"), where a kind
    of it says more: not "the bedroom", nor "penicillin", "dogs" (the class: "Is allergic to amoxicillin")."""
    return one_of(t, k) and t.words[t.first[k]] == t.keys[t.first[k]]  # and in the singular


def _copula_tense_changed(a: _Text, b: _Text) -> bool:
    """Whether both texts open their clause with "be" or both with "have" in another tense: "Is vegetarian" / "Was
    vegetarian for ten years", "Has the flu" / "Had the flu for 3 days" (a state that may be over)."""
    verbs = {(held(t) or ("",))[0] for t in (a, b)}
    return len(verbs) == 1 and "" not in verbs and past_tense(a) != past_tense(b)


def _owned_or_one(a: _Text, b: _Text) -> str | None:
    """A person noun ``a`` has after "a"/"an" (one of a trade, a kind) and ``b`` after the owner's possessive ("my",
    "her", "his", "their"): the person related to the owner, another statement; the noun as written, or ``None``."""
    for k in a.indefinite:
        j = b.first.get(k)
        if j is not None and k not in b.indefinite and any(w in POSSESSIVES for w in b.words[max(0, j - 2):j]) \
                and lexicon.names_a_person(k):
            return b.written[j]
    return None


def _spelled_alike(x: str, y: str) -> bool:
    """Whether two words as written are one word: equal without their accents ("Müller" / "Muller", which folding
    makes "mueller" / "muller": German written without umlauts); one time of day is :func:`.times.same_time`'s."""
    return x != y and _plain(x) == _plain(y)


@lru_cache(maxsize=200_000)
def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def _shown(t: _Text, keys: list[str], verb: bool = False) -> str:
    """The words of ``keys`` as ``t`` writes them, in its order: "trains … planes"; with ``verb``, and its first verb
    ("Nadia owes" / "owes Nadia": a review group whose members showed one value would say nothing to review)."""
    verbs = [t.first[k] for k in t.verbs if k in t.first] if verb else []
    at = sorted({t.first[k] for k in keys if k in t.first} | set(verbs[:1] and [min(verbs)]))
    return " … ".join(t.written[i] for i in at)


def _one_letter_swap(a: _Text, b: _Text) -> int | None:
    """The position of the one word that differs, if both are words of 4 letters or more with one letter
    changed ("stops"/"shops"), else ``None``; short words and an added letter stay negations ("not"/"now",
    "never"/"ever")."""
    if len(a.words) != len(b.words):
        return None
    differ = [i for i, (x, y) in enumerate(zip(a.words, b.words)) if x != y]
    if len(differ) != 1:
        return None
    x, y = a.words[differ[0]], b.words[differ[0]]
    return differ[0] if len(x) == len(y) >= 4 and OSA.distance(x, y, score_cutoff=1) <= 1 else None


def _same_words(a: _Text, b: _Text, typos: list[tuple[str, str]]) -> bool:
    """Equal words apart from filler, order and the typos: near rather than paraphrase."""
    left = Counter(w for w in a.words if w not in FILLER)
    right = Counter(w for w in b.words if w not in FILLER)
    for x, y in typos:  # keys: subtract the words they stand for
        left[a.words[a.first[x]] if x in a.first else x] -= 1
        right[b.words[b.first[y]] if y in b.first else y] -= 1
    return +left == +right


def _one_slot(a: _Text, b: _Text) -> bool:
    """Whether two texts have the same content words in the same order but at one place ("Moved to Denver" /
    "Relocated to Denver"): where a word's rarer senses may be read (:func:`verb_senses.manner_of`)."""
    if len(a.content) != len(b.content):
        return False
    keys_a, keys_b = a.keys, b.keys
    return sum(keys_a[i] != keys_b[j] for i, j in zip(a.content, b.content)) == 1


def _same_tense(x: str, y: str) -> bool:
    """Whether two folded words are both past forms or neither ("had" as an auxiliary is still a past)."""
    return lexicon.past(lexicon.key(x)) == lexicon.past(lexicon.key(y))


def _run(t: _Text, only: list[str], positions: dict[str, int]) -> tuple[int, int] | None:
    """``(start, end)`` word positions of the changed content words, if they are adjacent
    words ("São Paulo", "pad thai"), else ``None`` ("Milan that Nadia": two places changed)."""
    if len(only) == 1:
        return positions[only[0]], positions[only[0]] + 1
    changed = sorted(positions[s] for s in only)
    if changed[-1] - changed[0] != len(changed) - 1:
        return None
    return changed[0], changed[-1] + 1


def _merged(a: _Text, only_a: list[str], b: _Text, only_b: list[str]) -> list[tuple[str, str]]:
    """Each word of ``b`` written as two adjacent words of ``a`` ("week end" / "weekend", "e-mail" / "email"),
    removed from both lists: ``[(a's half, b's word), ...]``, both halves standing for the one word."""
    found: list[tuple[str, str]] = []
    if len(only_a) < 2 or not any(b.words[b.first[v]].startswith(a.words[a.first[w]])
                                  for v in only_b for w in only_a):
        return found  # no word of b opens with one of a's: most pairs end here
    halves = [i for i in range(len(a.words) - 1) if a.keys[i] in only_a and a.keys[i + 1] in only_a
              and a.keys[i] != a.keys[i + 1] and not (is_number(a.words[i]) and is_number(a.words[i + 1]))]
    for i in halves:  # not two numbers: "3 4-packs" / "34 packs"
        whole = a.words[i] + a.words[i + 1]
        v = next((v for v in only_b if b.words[b.first[v]] == whole), None)  # where they stand side by side
        if v is not None and a.keys[i] in only_a and a.keys[i + 1] in only_a:
            only_a.remove(a.keys[i])
            only_a.remove(a.keys[i + 1])
            only_b.remove(v)
            found += [(a.keys[i], v), (a.keys[i + 1], v)]
    return found


def _mixes_names_and_numbers(t: _Text, run: tuple[int, int]) -> bool:
    if run[1] - run[0] < 2:
        return False  # one word is a number or not
    words = t.words[run[0]:run[1]]
    return any(map(is_number, words)) and any(not is_number(w) and w not in VALUE_WORDS
                                                   and w not in FUNCTION_WORDS for w in words)


def _whole_value(a: _Text, run_a: tuple[int, int], b: _Text, run_b: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The runs grown over equal adjacent value words, to show the whole value: "10 am", not "10"."""
    (i1, i2), (j1, j2) = run_a, run_b
    while i1 and j1 and a.words[i1 - 1] == b.words[j1 - 1] and _is_value(a.words[i1 - 1]):
        i1, j1 = i1 - 1, j1 - 1
    while i2 < len(a.words) and j2 < len(b.words) and a.words[i2] == b.words[j2] and _is_value(a.words[i2]):
        i2, j2 = i2 + 1, j2 + 1
    return (i1, i2), (j1, j2)


def _is_value(word: str) -> bool:
    return is_number(word) or word in VALUE_WORDS


def is_value(t: _Text, i: int) -> bool:
    """Whether word ``i`` of ``t`` holds a value, which changed makes another statement of its kind (a variant, no
    duplicate): a number, a day or time word (``VALUE_WORDS``), a name (:attr:`.text._Text.names`).  The one reading
    of a value: a changed value here (:func:`_change`) and the semantic stage's gate (semantic.py) ask it."""
    return _is_value(t.words[i]) or t.names[i]


def _change(a: _Text, run_a: tuple[int, int], b: _Text, run_b: tuple[int, int]) -> str:
    """What a one-run change is: another ``subject`` (the first content word, no verb), a ``value``
    (number, date, time or capitalised name) or another ``word``."""
    if run_a[0] == run_b[0] == 0 and not (a.roles[0].startswith("verb") or b.roles[0].startswith("verb")):
        return "subject"  # the text's first word: "Dana plays chess" / "Omar plays chess"; not "Lives" / "Lived"
    for t, (start, end) in ((a, run_a), (b, run_b)):
        for i in range(start, end):  # called per compared pair: a plain loop, no generator
            if is_value(t, i):
                return "value"
    return "word"


NO_NEGATION = "(no negation)"  # the value of the member that states what another negates


def _negated(t: _Text) -> str:
    return " ".join(v for w, v in zip(t.words, t.written) if w in NEGATIONS) or NO_NEGATION
