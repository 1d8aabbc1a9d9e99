"""One statement in another construction: a verb and the noun made from it, carried by a verb of no content of its
own ("Was promoted" / "Got a promotion", "Relies heavily on shortcuts" / "Heavy reliance on shortcuts", "Measures her
blood pressure" / "Does a blood pressure measurement", "Teaches yoga" / "Is a yoga teacher").

Nominalisation (Quirk et al. 1985, A Comprehensive Grammar of the English Language, 17.51-17.54 and Appendix I.27):
the verb's action named by a noun of its stem (WordNet's derivationally related forms), in a clause carried by a
delexical or copular verb.  Said only when everything else is the same statement: the same content words (each
the same lemma, a synonym or a form of one stem), the same tense, no negation, and the same doer (who stands
before the verb), and when a person noun ("teacher", "player") is what one *is*, not what one has ("Has a
yoga teacher" is not "Teaches yoga")."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from . import lexicon
from .roles import AGENT, AUXILIARIES, OWNER, PASSIVE, RELATIONS, uncommon

if TYPE_CHECKING:
    from .text import _Text

# Verbs that carry a noun's action with no content of their own: the copula, the delexical verbs of an eventive
# object (Quirk et al. 1985, 10.48: have, take, make, do) and the verbs of undergoing one ("get"/"receive" a
# diagnosis).  "give" and "pay" are left out: their object's action goes to someone else ("gave a promotion").
CARRIERS = frozenset("be have get take make do receive".split())
# Pronouns: the doer a text names by them is the one it is about, like the owner a text leaves unwritten
PRONOUNS = frozenset("he she him her his hers they them their theirs we us our ours".split())
# Prepositions that only join a noun or an adjective to its complement ("hours of sleep", "diagnosed with asthma" /
# "an asthma diagnosis", "a preference for tea"); those of a direction ("to", "from", "by", "over") are compared
_JOINS = frozenset("of with for in on about".split())


def restated(a: _Text, b: _Text) -> bool:
    """Whether ``b`` states what ``a`` does with a verb turned into its noun (see the module's docstring)."""
    if a.negations or b.negations:
        return False
    core_a, core_b = _core(a), _core(b)
    if len(core_a) != len(core_b) or _past(a) != _past(b):
        return False
    matched = _matched(a, core_a, b, core_b)
    if matched is None:
        return False
    crossed = [(i, j) for i, j in matched if _verbal(a, i) != _verbal(b, j)]
    voiced = [(i, j) for i, j in matched if _verbal(a, i) and _verbal(b, j)] if _passive(a) != _passive(b) else []
    if not crossed and not voiced:
        return False  # the same construction: the other rules' to judge
    doers = _doers(a)
    if doers != _doers(b):
        return False
    kept = sorted((i, j) for i, j in matched
                  if (i, j) not in crossed and (i, j) not in voiced and a.keys[i] not in doers)
    if any(j1 > j2 for (_, j1), (_, j2) in zip(kept, kept[1:])):
        return False  # the other words in another order: "Reads the news before checking email" / "Checks email
        # before reading the news" (what moves is the verb and its noun, a passive's verb, or the doers, compared as a set: "Isla,
        # her daughter" / "Daughter Isla")
    for i, j in crossed:
        noun_text, k = (b, j) if _verbal(a, i) else (a, i)
        if a.keys[i] == b.keys[j] and not any(_bare(noun_text.keys[m]) in CARRIERS for m in range(len(noun_text.words))):
            return False  # one word read as a verb in one text only, with no verb carrying it in the other: a
            # misreading ("jam first then cream" / "cream first then jam"), not a noun for the verb
        if had_person(a, i, b, j):
            return False
    return True


def had_person(a: _Text, i: int, b: _Text, j: int) -> bool:
    """Whether of two words that stand for each other (a verb and its noun: "teaches" / "teacher") one names a person
    the other does not, in a text whose verb is not "be": a person noun says what one is ("Is a yoga teacher", or a
    note's label with no verb: "oat milk drinker"), never what one has or does to another ("Has a yoga teacher",
    "Hired a tennis coach" are not "Teaches yoga", "Coaches tennis")."""
    verb_a, verb_b = a.roles[i].startswith("verb"), b.roles[j].startswith("verb")
    if verb_a == verb_b:
        return False  # two nouns ("mum" / "mom") or two verbs: no doing turned into a doer
    person_a = not verb_a and lexicon.names_a_person(a.keys[i])
    person_b = not verb_b and lexicon.names_a_person(b.keys[j])
    if person_a == person_b:
        return False
    t = a if person_a else b
    verbs = [_bare(lexicon.key(w)) for w, r in zip(t.words, t.roles) if r.startswith("verb") or w in AUXILIARIES]
    return bool(verbs) and "be" not in verbs


def _bare(k: str) -> str:
    return k.partition(lexicon.PAST)[0]


def _core(t: _Text) -> list[int]:
    """Positions of ``t``'s content words but its carrying verbs, pronouns and joining prepositions."""
    return [i for i in t.content if _bare(t.keys[i]) not in CARRIERS and t.words[i] not in PRONOUNS
            and t.words[i] not in _JOINS]


def _matched(a: _Text, core_a: list[int], b: _Text, core_b: list[int]) -> list[tuple[int, int]] | None:
    """Each core word of ``a`` with one of ``b`` it stands for (the same lemma in any tense, a synonym, a form of one
    stem), or ``None`` if one is left over; equal lemmas first, then the first that fits."""
    left = list(core_b)
    matched = []
    for i in sorted(core_a, key=lambda i: _bare(a.keys[i]) not in {_bare(b.keys[j]) for j in core_b}):
        x = _bare(a.keys[i])
        j = next((j for j in left if _bare(b.keys[j]) == x), None) \
            if any(_bare(b.keys[j]) == x for j in left) else next((j for j in left if one_family(x, _bare(b.keys[j]))), None)
        if j is None:
            return None
        left.remove(j)
        matched.append((i, j))
    return matched


@lru_cache(maxsize=200_000)
def one_family(x: str, y: str) -> bool:
    """Whether two lemmas are a word and a form of its stem ("promote"/"promotion", "heavy"/"heavily",
    "teach"/"teacher"), or synonyms (:func:`lexicon.same_meaning`)."""
    return lexicon.same_meaning(x, y) or lexicon.derived(x, y)


def _verbal(t: _Text, i: int) -> bool:
    return t.roles[i].startswith("verb")


def _past(t: _Text) -> bool:
    """Whether the clause is in a past tense: its first verb or auxiliary is a past form ("was promoted", "got",
    "moved"; not "is rented", "has been retired")."""
    return next((lexicon.past(lexicon.key(w)) for w, r in zip(t.words, t.roles)
                 if r.startswith("verb") or w in AUXILIARIES), False)


def _passive(t: _Text) -> bool:
    return PASSIVE in t.roles


def _doers(t: _Text) -> frozenset[str]:
    """Who the statement is about: the names and person nouns before its first verb or auxiliary (and before any
    relation word: "Sam's proposal to me"), or after a passive's "by"; the owner when there are none ("Prefers
    aisle seats", "Aisle seats are the user's preference", "Her knee surgery was successful")."""
    if AGENT in t.roles:
        span = range(t.roles.index(AGENT) + 1, len(t.words))
    else:
        end = next((i for i, (w, r) in enumerate(zip(t.words, t.roles))
                    if r.startswith("verb") or w in AUXILIARIES or w in RELATIONS), len(t.words))
        span = range(end)
    content = set(t.content)
    found = frozenset(t.keys[i] for i in span if i in content and t.words[i] not in OWNER and t.words[i] not in PRONOUNS
                      and (t.names[i] or uncommon(t.words[i]) or lexicon.names_a_person(t.keys[i])))
    return found or frozenset(("\x04owner",))
