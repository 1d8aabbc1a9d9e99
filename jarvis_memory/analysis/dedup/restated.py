"""One statement in another construction: a verb and the noun made from it, carried by a verb of no content of its
own ("Was promoted" / "Got a promotion", "Relies heavily on shortcuts" / "Heavy reliance on shortcuts", "Measures her
blood pressure" / "Does a blood pressure measurement", "Teaches yoga" / "Is a yoga teacher", "Lifts weights" / "Does
weightlifting"), or a passive and its active ("The garage is cleaned" / "We clean the garage"); an attribute said of
its noun or before it ("Her blood pressure is high" / "Has high blood pressure": :func:`attribute_had`), what one
eats said as what one is ("Follows a vegan diet" / "Is vegan": :func:`diet`).

Nominalisation (Quirk et al. 1985, A Comprehensive Grammar of the English Language, 17.51-17.54 and Appendix I.27):
the verb's action named by a noun of its stem (WordNet's derivationally related forms), in a clause carried by a
delexical or copular verb.  Said only when everything else is the same statement: the same content words (each
the same lemma, a synonym or a form of one stem), the same tense, no negation, and the same doer (who stands
before the verb), and when a person noun ("teacher", "player") is what one *is*, not what one has ("Has a
yoga teacher" is not "Teaches yoga")."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from lemminflect import getAllLemmas, getInflection

from . import lexicon, verb_senses
from .roles import AGENT, AUXILIARIES, CAUSATIVE, DELEXICAL, PARTICLES, PASSIVE, POSSESSIVES, PRONOUNS, doers, stranded
from .text import ADVERBS

if TYPE_CHECKING:
    from .text import _Text

# Prepositions that only join a noun or an adjective to its complement ("hours of sleep", "diagnosed with asthma" /
# "an asthma diagnosis", "a preference for tea"); those of a direction ("to", "from", "by", "over") are compared
_JOINS = frozenset("of with for in on about".split())
UNNAMED = frozenset(("someone", "somebody"))  # a doer no text names: a passive's missing agent
_OWNER_OBJECTS = frozenset(("him", "her", "them", "me", "user"))  # the owner as an object ("her": not "her car")


def restated(a: _Text, b: _Text) -> bool:
    """Whether ``b`` states what ``a`` does with a verb turned into its noun (see the module's docstring)."""
    if a.negations or b.negations or passive(a) == passive(b) and verb_lemmas(a) == verb_lemmas(b):
        return False  # a verb turned into a noun (or the voice changed) changes the verbs: most pairs end here
    core_a, core_b = _core(a), _core(b)
    unnamed = _unnamed(a, b)
    if unnamed is not None:  # "Someone stole her phone" / "Her phone was stolen": one doer, named by neither
        core_a, core_b = ({i: k for i, k in core.items() if i != unnamed} for core in (core_a, core_b))
    if abs(len(core_a) - len(core_b)) > 1 or past_tense(a) != past_tense(b):
        return False
    if len(core_a) > len(core_b):  # a compound one text writes as one word: "Lifts weights" / "Does weightlifting"
        core_a = _compounded(a, core_a, b, core_b)
    elif len(core_b) > len(core_a):
        core_b = _compounded(b, core_b, a, core_a)
    if core_a is None or core_b is None:
        return False
    matched = _matched(a, core_a, b, core_b)
    if matched is None:
        return False
    crossed = [(i, j) for i, j in matched if _verbal(a, i) != _verbal(b, j)]
    voiced = [(i, j) for i, j in matched if _verbal(a, i) and _verbal(b, j)] if passive(a) != passive(b) else []
    if not crossed and not voiced:
        return False  # the same construction: the other rules' to judge
    who = doers(a)
    if who != doers(b) and unnamed is None:
        return False
    kept = sorted((i, j) for i, j in matched
                  if (i, j) not in crossed and (i, j) not in voiced and a.keys[i] not in who)
    if any(j1 > j2 for (_, j1), (_, j2) in zip(kept, kept[1:])):
        return False  # the other words in another order: "Reads the news before checking email" / "Checks email
        # before reading the news" (what may move is the verb and its noun, a passive's verb, and the doers, compared
        # as a set: "Isla, her daughter" / "Daughter Isla")
    for i, j in crossed:
        noun_text, k = (b, j) if _verbal(a, i) else (a, i)
        if a.keys[i] == b.keys[j] and not any(lexicon.bare(noun_text.keys[m]) in DELEXICAL for m in range(len(noun_text.words))):
            return False  # one word read as a verb in one text only, with no verb carrying it in the other: a
            # misreading ("jam first then cream" / "cream first then jam"), not a noun for the verb
        if had_person(a, i, b, j) or _modifier(noun_text, k):
            return False
    undergone, active = (a, b) if passive(a) else (b, a)
    if voiced and owner_undergoes(undergone):
        return owner_object(active)  # "Gets paid" is not "Pays"; "Is annoyed by loud music" is "Loud music annoys her"
    return True


def owner_undergoes(t: _Text) -> str | None:
    """The lemma of the verb ``t``'s owner undergoes, if ``t`` is a passive with no subject written: about the
    owner, acted on ("Gets paid on Fridays": "pay"), else ``None``."""
    at = next((k for k, r in enumerate(t.roles) if r in (PASSIVE, CAUSATIVE)), None)
    verb = next((k for k in range(at + 1, len(t.words)) if t.roles[k].startswith("verb")), None) if at is not None else None
    if verb is None:
        return None
    subject = stranded(t.words, t.breaks, verb) or "obj"  # "Was proposed to by Sam": "to"
    return None if subject in t.roles[:at] else lexicon.bare(t.keys[verb])


def owner_object(t: _Text) -> bool:
    """Whether the object right after ``t``'s first verb is the owner: "him", "her", "them", "me" or "the user"."""
    verb = next((i for i, r in enumerate(t.roles) if r.startswith("verb")), None)
    after = [w for w in t.words[verb + 1:verb + 3] if w != "the"] if verb is not None else []
    return bool(after) and after[0] in _OWNER_OBJECTS and (len(after) == 1 or not lexicon.is_noun(after[1]))


def _unnamed(a: _Text, b: _Text) -> int | None:
    """The position of "someone" (or "somebody") as the active text's subject when the other is a passive that names
    no agent (both leave the doer unnamed), else ``None``."""
    if passive(a) == passive(b) or AGENT in a.roles or AGENT in b.roles:
        return None
    active = b if passive(a) else a
    first = next((i for i, r in enumerate(active.roles) if r.startswith("verb")), 0)
    return next((i for i in range(first) if active.words[i] in UNNAMED), None)


def _modifier(t: _Text, k: int) -> bool:
    """Whether word ``k``, standing for the other text's verb, is no noun of its own: a modifier of the noun after it
    ("pocket money" is not "pockets"), or no noun at all ("a painted fence", "has the van washed": someone else
    does it)."""
    after = k + 1 < len(t.words) and not t.breaks[k + 1] and k + 1 in t.content and t.roles[k + 1] == t.roles[k] \
        and lexicon.is_noun(t.words[k + 1])
    return after or not lexicon.is_noun(t.words[k])


def core_shape(shape: tuple[str, ...]) -> frozenset[str]:
    """The words of a text's shape (:func:`.blocks._shapes`: its content words, one meaning as one word) that
    :func:`restated` compares, tense left out: texts equal in them are compared ("Was diagnosed with gout" /
    "Received a gout diagnosis": a verb and its noun are one word of a shape, :func:`.concepts.concepts`)."""
    lemmas = (lexicon.bare(w) for w in shape)
    return frozenset(w for w in lemmas if w not in DELEXICAL and w not in PRONOUNS and w not in _JOINS)


def had_person(a: _Text, i: int, b: _Text, j: int) -> bool:
    """Whether of two words that stand for each other (a verb and its noun: "teaches" / "teacher", a person and a
    state of one stem: "partner" / "partnership") one names a person the other does not, in a text whose verb is
    not "be": a person noun says what one is ("Is a yoga teacher", or a note's label with no verb: "oat milk
    drinker"), never what one has or does to another ("Has a yoga teacher", "Hired a tennis coach" are not "Teaches
    yoga", "Coaches tennis"; "Has a partner" is no partnership)."""
    verb_a, verb_b = _doing(a, i), _doing(b, j)
    if verb_a == verb_b and (verb_a or not lexicon.derived(lexicon.bare(a.keys[i]), lexicon.bare(b.keys[j]))):
        return False  # two verbs, or two nouns of one meaning ("mum" / "mother"): no doing turned into a doer; but
        # two nouns of one stem may be a person and a state ("Has a partner" / "Has a partnership")
    person_a = not verb_a and lexicon.names_a_person(a.keys[i])
    person_b = not verb_b and lexicon.names_a_person(b.keys[j])
    if person_a == person_b:
        return False
    t, person = (a, a.keys[i]) if person_a else (b, b.keys[j])
    verbs = [lexicon.bare(lexicon.key(w)) for w, r in zip(t.words, t.roles) if r.startswith("verb") or w in AUXILIARIES]
    if person.endswith("ee"):  # -ee names whom the verb is done to ("employee", "trainee"): one has the employees one
        return "be" in verbs  # employs ("Has 4 employees" / "Employs four"); one who is a trainee does not train
    return bool(verbs) and "be" not in verbs


def _doing(t: _Text, i: int) -> bool:
    """Whether word ``i`` names a doing: read as a verb, or a gerund ("Stopped teaching yoga")."""
    return t.roles[i].startswith("verb") or t.words[i].endswith("ing") and t.keys[i] in getAllLemmas(t.words[i]).get(
        "VERB", ())


def _core(t: _Text) -> dict[int, str]:
    """``t``'s content words (position -> lemma, tense left out) but its carrying verbs, pronouns, joining prepositions
    and a particle that keeps its verb ("saving up" is "saving": :func:`verb_senses.particle_keeps_verb`)."""
    return {i: lexicon.bare(t.keys[i]) for i in t.content if lexicon.bare(t.keys[i]) not in DELEXICAL and t.words[i] not in PRONOUNS
            and t.words[i] not in _JOINS and not (t.words[i] in PARTICLES and i
                                                   and verb_senses.particle_keeps_verb(lexicon.bare(t.keys[i - 1]), t.words[i]))}


def _compounded(t: _Text, core: dict[int, str], other: _Text, other_core: dict[int, str]) -> dict[int, str] | None:
    """``core`` with two of its words read as the one compound ``other`` writes for them, in either order and with
    the verb's -ing form ("work out" / "workout", "lift weights" / "weightlifting"), or ``None`` if there is none."""
    single = {w for j in other_core for w in (other.words[j], other_core[j])} - {t.words[i] for i in core}
    forms = {i: {t.words[i], core[i], *(getInflection(core[i], "VBG") or ())} for i in core}
    for p in core:
        for q in core:
            word = next((x + y for x in forms[p] for y in forms[q] if x + y in single), None) if p != q else None
            if word is not None:  # the compound stands where its verb does, if it has one: "lifts" in "lifts weights"
                keep, drop = (q, p) if _verbal(t, q) else (p, q)
                joined = {i: k for i, k in core.items() if i != drop}
                joined[keep] = lexicon.bare(lexicon.key(word))
                return joined
    return None


def _matched(a: _Text, core_a: dict[int, str], b: _Text, core_b: dict[int, str]) -> list[tuple[int, int]] | None:
    """Each core word of ``a`` with one of ``b`` it stands for (the same lemma in any tense, a synonym, a form of one
    stem), or ``None`` if one is left over; equal lemmas first, then the first that fits."""
    left = dict(core_b)
    matched = []
    for i in sorted(core_a, key=lambda i: core_a[i] not in core_b.values()):
        x = core_a[i]
        j = next((j for j, y in left.items() if y == x), None)
        if j is None:
            j = next((j for j, y in left.items() if one_family(x, y)), None)
        if j is None:
            return None
        del left[j]
        matched.append((i, j))
    return matched


@lru_cache(maxsize=200_000)
def one_family(x: str, y: str) -> bool:
    """Whether two lemmas are a word and a form of its stem ("promote"/"promotion", "heavy"/"heavily",
    "teach"/"teacher"), or synonyms (:func:`lexicon.same_meaning`)."""
    return lexicon.same_meaning(x, y) or lexicon.derived(x, y)


def _verbal(t: _Text, i: int) -> bool:
    return t.roles[i].startswith("verb")


def past_tense(t: _Text) -> bool:
    """Whether the clause is in a past tense: its first verb or auxiliary is a past form ("was promoted", "got",
    "moved"; not "is rented", "has been retired")."""
    return next((lexicon.past(lexicon.key(w)) for w, r in zip(t.words, t.roles)
                 if r.startswith("verb") or w in AUXILIARIES), False)


_IS = frozenset("is are am was were".split())
_PERFECT_HAVE = frozenset(("has", "have", "had"))


def aspect(t: _Text) -> str | None:
    """``"perfect"`` ("has gone", "has been to", "has been treated"), ``"progressive"`` ("is going", "is being
    treated") or ``None`` for the first verb of ``t`` (or its "been"), where no "since" makes a perfect hold now:
    "Has gone to Rome" (she is there) is not "Is going to Rome" (she will be; Quirk et al. 1985, 4.18-4.22)."""
    if "since" in t.words:
        return None
    for i, (w, r) in enumerate(zip(t.words, t.roles)):
        if r.startswith("verb") or w in ("been", "being"):
            before = next((t.words[k] for k in range(i - 1, -1, -1) if t.words[k] not in ADVERBS), "")
            if before in _PERFECT_HAVE or w == "been" or before == "been":
                return "perfect"
            if before in _IS and w.endswith("ing") or w == "being":
                return "progressive"
            return None
    return None


_EXISTENTIAL_BE = {"is": "has", "are": "has", "was": "had", "were": "had"}


def existential(t: _Text) -> str | None:
    """``t``'s words with an existential "there is X in Y" said as "Y has X" ("There are eight members in her book
    club" → "her book club has 8 members", "There's no reception at the chalet" → "the chalet has no reception";
    Quirk et al. 1985, 18.44-18.50: the existential and the "have" it may be said with), or ``None``."""
    words = t.words
    if len(words) < 5 or words[0] != "there" or words[1] not in _EXISTENTIAL_BE:
        return None
    at = next((k for k in range(3, len(words) - 1) if words[k] in ("in", "at", "on") and not t.breaks[k]), None)
    if at is None or any(t.breaks[3:at]):
        return None
    end = next((k for k in range(at + 1, len(words)) if t.breaks[k]), len(words))
    if t.written[end - 1].endswith(("'s", "’s")):
        return None  # "There is a truck parked at Tom's": where it is, not what Tom has
    return " ".join((*words[at + 1:end], _EXISTENTIAL_BE[words[1]], *words[2:at], *words[end:]))


def verb_lemmas(t: _Text) -> frozenset[str]:
    return _bare(t.verbs)


@lru_cache(maxsize=65_536)  # asked of both texts of every compared pair; memories share their sets of verbs
def _bare(keys: frozenset[str]) -> frozenset[str]:
    return frozenset(lexicon.bare(k) for k in keys)


def passive(t: _Text) -> bool:
    return PASSIVE in t.roles or CAUSATIVE in t.roles


def held(t: _Text) -> tuple[str, int] | None:
    """``("be" or "have", its position)`` for a text whose only verb is "is" or "has" (a copular or a possessive
    clause: what one is, what one has), else ``None``; both are function words, so two texts that differ only there
    have the same content words ("Is a yoga teacher" / "Has a yoga teacher")."""
    if t.verbs:
        return None
    i = next((i for i, w in enumerate(t.words) if w in _BE_HAVE), None)
    return None if i is None else (_BE_HAVE[t.words[i]], i)


_BE_HAVE = {**dict.fromkeys(("is", "are", "am", "be", "was", "were"), "be"),
            **dict.fromkeys(("has", "have", "had"), "have")}


def had_then_is(shorter: _Text, longer: _Text) -> bool:
    """Whether the shorter says what one has and the longer, without "have", a state of it: an adjective after "is"
    or a present passive ("Has a blue heeler" / "Is scared of blue heelers", "Has a garden" / "Is proud of her
    garden"; not "Has a cold" / "Is in bed with a cold", "Has a Prius" / "Her Prius is silver")."""
    held_s, held_l = held(shorter), held(longer)
    if held_s is None or held_s[0] != "have" or not _PERFECT_HAVE.isdisjoint(longer.words):
        return False
    if held_l is not None and held_l[0] == "be":
        after = longer.words[held_l[1] + 1] if held_l[1] + 1 < len(longer.words) else ""
        be = held_l[1] if lexicon.is_adjective(after) else len(longer.words)
    else:
        be = next((i for i, r in enumerate(longer.roles) if r == PASSIVE and longer.words[i] in ("is", "are")),
                  len(longer.words))
    had = [longer.first[shorter.keys[i]] for i in shorter.content if i > held_s[1] and shorter.keys[i] in longer.first]
    return bool(had) and min(had) > be  # what is had after the state


def attribute_had(a: _Text, b: _Text) -> bool:
    """Whether ``a`` says "<its subject's> <noun> is <adjective>" where ``b`` says "<the subject> has <adjective>
    <noun>", in the same tense: "The user's blood pressure is high" / "Has high blood pressure", "Tom's commute is
    long" / "Tom has a long commute" (an attribute said of its noun, or before it), or "<the subject> has <noun>
    <the rest>": "Mam's review is every 6 months" / "Mam has a review every six months", "Her cat is named Biscuit" /
    "Has a cat named Biscuit"."""
    held_b = held(b)
    if held_b is None or held_b[0] != "have":
        return False  # most pairs end here: a text with a verb holds nothing
    held_a = held(a) or _named(a)
    if held_a is None or held_a[0] != "be" or past_tense(a) != past_tense(b):
        return False
    subject_a, said = ([a.keys[i] for i in a.content if (i < held_a[1]) == before] for before in (True, False))
    subject_b, had = ([b.keys[i] for i in b.content if (i < held_b[1]) == before] for before in (True, False))
    if subject_a[:1] and subject_a[0] in POSSESSIVES and not subject_b:
        subject_a = subject_a[1:]  # the owner's ("Her hair is curly" / "Has curly hair")
    noun = subject_a[len(subject_b):]
    aged = "old" in had and "old" not in said  # "a 6-year-old cat": an age said before the noun has its unit, one
    if aged:  # said after it none ("My cat is 6")
        unit = {m for m in range(1, len(had) - 1) if had[m:m + 2] == ["year", "old"] and had[m - 1][:1].isdigit()}
        had = [k for n, k in enumerate(had) if n not in unit and n - 1 not in unit]
    if not aged and said and said[-1][:1].isdigit() and had[:len(said)] == said:
        return False  # "My cat is 6" / "Has 6 cats": a number before the noun counts it
    return bool(noun and said) and subject_a[:len(subject_b)] == subject_b and had in (said + noun, noun + said)


def _named(t: _Text) -> tuple[str, int] | None:
    """``("be", position of "is")`` for a passive of naming, "is named" / "is called" ("Her cat is named Biscuit" /
    "Has a cat named Biscuit"), else ``None``."""
    if PASSIVE not in t.roles or not verb_lemmas(t) <= {"name", "call"}:
        return None
    return "be", t.roles.index(PASSIVE)


# What one eats said as what one is: "follows a vegan diet", "is on a keto diet", "eats vegetarian" are "is vegan",
# "is keto", "is vegetarian" (a diet's name is an adjective of the eater; the noun "diet" and the verbs that carry
# it add nothing)
_DIET_WORDS = frozenset(("diet", "eat", "follow", "on"))


def diet(shorter: _Text, extra: list[str]) -> bool:
    """Whether the longer text says with :data:`_DIET_WORDS` only what ``shorter``, a copular clause, says."""
    verb = held(shorter)
    return bool(extra) and verb is not None and verb[0] == "be" and set(extra) <= _DIET_WORDS \
        and ("diet" in extra or "eat" in extra)


def complement_moved(a: _Text, b: _Text) -> bool:
    """Whether ``a`` says "is <adjective> in/at <X>" where ``b`` says "<verb> <adjective> <X>", all else the same:
    an adjective of skill moved from its complement (Quirk et al. 1985, 16.69: "fluent in", "good at") to the object
    of the verb of that skill ("Is fluent in German" / "Speaks fluent German", "Is good at chess" / "Plays good
    chess")."""
    if "in" not in a.words and "at" not in a.words:
        return False  # most texts: a tuple's own search, before a scan in Python
    k = next((k for k in range(1, len(a.words) - 2) if a.words[k + 1] in ("in", "at") and a.words[k - 1] in _IS), None)
    if k is None or a.roles[k - 1] or b.words.count(a.words[k]) != 1:
        return False
    j = b.words.index(a.words[k])
    return 0 < j < len(b.words) - 1 and b.roles[j - 1].startswith("verb") and b.words[j + 1] == a.words[k + 2] \
        and a.words[:k - 1] + a.words[k + 2:] == b.words[:j - 1] + b.words[j + 1:]


SKILL_RELATIONS = frozenset(("in", "at"))  # "fluent in", "good at": the one word :func:`complement_moved` moves
