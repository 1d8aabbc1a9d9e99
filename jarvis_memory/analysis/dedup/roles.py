"""Who does what to whom: each word's role in a memory, from its position around the verbs and the relation
word before it ("over", "to", "from", "than", "with", ...), with no parser (none ships its model in a package
this project installs from: spaCy's and nltk's taggers download theirs).

A word before the first verb is the subject (``subj``), a word after verb *n* its object (``obj``), a word
after a relation word takes that word's role ("over planes": ``than``).  A passive ("coffee is preferred by
...") swaps subject and object, its "by" names the subject.  The verb is a finite form (lemminflect: "owes",
"lent"), the first word of a memory that can be a verb ("Swims ..."), or a verb form after an auxiliary.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from lemminflect import getAllLemmas, getInflection

from . import lexicon

if TYPE_CHECKING:
    from .text import _Text

# relation words, each with the role it gives the words after it; "over", "than" and "to" after a
# preference all name what is liked less ("prefers X over Y", "X is preferred to Y", "likes X more than Y")
RELATIONS = {w: w for w in "to from into onto with for by of at in on then and but or after before about as"
             " between without towards toward behind under every each since until during last next"
             " below beyond against".split()} | {w: "than" for w in "over than above".split()}
SUBJECT_PRONOUNS = frozenset("i we you they he she".split())  # the word after one is a verb ("I swim")
DETERMINERS = frozenset("a an the my his her their its our your this that these those".split())  # ... never
AUXILIARIES = frozenset("is are am was were be been being has have had do does did will would can could should"
                        " shall may might must gets get got".split())
_PASSIVE_BE = frozenset("is are am was were be been being gets got get".split())
RELATIVE_PRONOUNS = frozenset("who whom whose which that".split())  # a relative clause starts: its own subject
# Adverb particles, a closed word class (Quirk et al. 1985, A Comprehensive Grammar of the English Language, 16.3):
# after a verb they make another verb ("go off" / "go on", "gives away", "works out").  Those that are also
# relation words ("on", "in", "over", "about") take that word's role instead.
PARTICLES = frozenset("away back down off out up aside apart".split())


@lru_cache(maxsize=200_000)
def _verb_form(word: str) -> tuple[bool, bool, bool]:
    """``(has a verb reading, is a finite form, is a past participle)`` of a folded word (lemminflect)."""
    verbs = getAllLemmas(word).get("VERB", ()) if word.isalpha() else ()
    if not verbs:
        return False, False, False
    forms = {tag: getInflection(verbs[0], tag) or () for tag in ("VBZ", "VBD", "VBN")}
    return True, word in forms["VBZ"] or word in forms["VBD"], word in forms["VBN"]


def of(words: tuple[str, ...], breaks: tuple[bool, ...], names: tuple[bool, ...], adverbs: frozenset[str]) -> tuple[str, ...]:
    """Each word's role (see the module's docstring): ``subj``, ``verbN``, ``obj``, a relation, or ``""``
    for function words and relation words themselves.  ``adverbs`` (fillers: "really", "currently") stand
    between an auxiliary and its verb.  "and"/"or" join words of one role ("on Mondays and Thursdays") or,
    before a verb, two clauses; "of" joins a word to the one before ("three kinds of tomatoes")."""
    roles = [""] * len(words)
    verbs, relation, aux, passive, copula, subject, conjunction = 0, "", -1, -1, False, False, False
    for i, w in enumerate(words):
        if breaks[i] and i and verbs == 0:
            relation = ""  # a fronted phrase ends at its comma: "Every Sunday, Mia visits"
        if w in RELATIONS:
            joins = w in ("and", "or") or (w == "of" and i and roles[i - 1] in ("subj", "obj"))
            relation = relation if joins else RELATIONS[w]
            conjunction = w in ("and", "or")
            continue
        if w in AUXILIARIES:
            aux, copula = i, True
            continue
        if w in adverbs:
            continue
        if names[i] and relation and verbs == 0 and not subject and i and roles[i - 1]:
            relation = ""  # a name after a fronted phrase is the subject: "On Saturday Felix bought ..."
        reading, finite, participle = _verb_form(w)
        after_aux = aux >= 0 and all(words[k] in adverbs for k in range(aux + 1, i))
        after_pronoun = i and words[i - 1] in SUBJECT_PRONOUNS
        finite = finite and not (i and words[i - 1] in DETERMINERS) and (
            not relation or not getAllLemmas(w).get("NOUN"))  # "to horses" is no verb, "at 9am prefers" is
        joined = i and words[i - 1] in ("and", "then") and conjunction
        # after "is" the clause has its verb: "is a collector of maps" (no verb "maps") unless a relative clause starts
        if reading and (after_aux or after_pronoun or (joined and finite) or relation == "then"
                        or (finite and ((verbs == 0 and not copula) or (i and words[i - 1] in RELATIVE_PRONOUNS)))):
            if after_aux and participle and words[aux] in _PASSIVE_BE:
                passive = aux
            roles[i] = f"verb{verbs}"
            verbs, relation, aux = verbs + 1, "", -1
            continue
        aux, conjunction = -1, False
        roles[i] = relation or ("subj" if verbs == 0 and not copula else "obj")
        subject = subject or roles[i] == "subj"
    if passive >= 0:  # "X is preferred by Y": X is acted on, Y acts; only X's clause ("has a cat who is scared")
        start = max((i + 1 for i in range(passive) if roles[i].startswith("verb") or words[i] in RELATIVE_PRONOUNS),
                    default=0)
        by = next((i for i in range(passive, len(words)) if words[i] == "by"), len(words))
        roles = ["obj" if start <= i < passive and r else "subj" if i > by and r else r for i, r in enumerate(roles)]
    return tuple(roles)


OWNER = frozenset("user i me my myself".split())  # the memory's owner, a participant like any named one
PRONOUNS = frozenset("he him his she her hers it its they them their theirs we us our you your".split())


def changed_roles(a: _Text, b: _Text, same: dict[str, str], typos: set[str]) -> tuple[list[str], list[str]] | None:
    """Two participants of ``a`` and ``b`` that exchanged roles ("Nadia owes the user" / "The user owes Nadia":
    subject and object; "trains over planes" / "planes over trains"), as ``([words of a], [words of b])``, or
    ``None``.  Only an exchange counts: one word read in another role (a misparse, a moved phrase) does not.
    ``same`` maps a word of ``a`` to the word of ``b`` that stands for it (a typo, a synonym); a misspelt word
    (``typos``) has no known role, and numbers are left out ("at 9 on Mondays" says the same wherever it stands)."""
    from .text import is_number

    def owner(t: _Text) -> dict[str, int]:
        return {"\x04owner": i for i in reversed(range(len(t.words))) if t.words[i] in OWNER and t.roles[i]}

    def verbs(t: _Text) -> bool:
        return any(r.startswith("verb") for r in t.roles)

    moved = {}  # (role in a, role in b) -> (word of a, word of b)
    firsts_b = b.first | owner(b)
    for k, i in (a.first | owner(a)).items():
        other = same.get(k, k)
        j = firsts_b.get(other)
        if j is None or k in typos or is_number(k) or not a.roles[i] or not b.roles[j] or a.roles[i] == b.roles[j]:
            continue
        moved.setdefault((a.roles[i], b.roles[j]), (k, other))
        swapped = moved.get((b.roles[j], a.roles[i]))
        if {a.roles[i], b.roles[j]} == {"subj", "obj"} and verbs(a) and verbs(b):
            return [k] if k in a.first else [], [other] if other in b.first else []  # "X's boss called her"
        if swapped:
            return [w for w in (k, swapped[0]) if w in a.first], [w for w in (other, swapped[1]) if w in b.first]
    return None


def adds_nothing(longer: _Text, extra: set[int]) -> bool:
    """Whether the extra words of ``longer`` are only pronouns, auxiliaries or relation words ("called him" /
    "called", "had visited" / "visited"): another statement, not more of the same."""
    return not any(longer.roles[i] and longer.words[i] not in PRONOUNS for i in extra)


def other_subject(shorter: _Text, longer: _Text, extra: set[int]) -> bool:
    """Whether the longer text's extra words name a subject where the shorter has none of its own ("Swims" /
    "Nadia swims ...": the memory's owner is the implicit subject), or a noun or name before the shorter's
    subject ("Dog barks" / "Neighbor's dog barks"; not "Allergic" / "Severely allergic")."""
    own = [longer.first[shorter.keys[i]] for i in shorter.content
           if shorter.roles[i] == "subj" and shorter.keys[i] in longer.first]
    if not own:
        return any(longer.roles[i] == "subj" for i in extra)
    return any(longer.roles[i] == "subj" and i < min(own) and _names_someone(longer, i) for i in extra)


def _names_someone(t: _Text, i: int) -> bool:
    """Whether word ``i`` can name a participant: a name (capitalised inside the text, or a word lemminflect's
    dictionary of common words lacks: "Lena's" opening a memory is capitalised anyway), or a noun ("sister")."""
    readings = getAllLemmas(t.words[i]) if t.words[i].isalpha() else {"NUM": ()}
    return t.names[i] or not readings or bool(readings.get("NOUN"))


def changes_a_verb(longer: _Text, extra: set[int]) -> bool:
    """Whether an extra word is an adverb particle (:data:`PARTICLES`) right after a word both texts share that
    can be a verb, making another verb (:func:`lexicon.particle_keeps_verb`): "go off" is not "go" ("screens go
    off" / "screens go ... on Fridays"), "saving up" is "saving"."""
    for i in extra:
        verb = getAllLemmas(longer.words[i - 1]).get("VERB") if i and longer.words[i] in PARTICLES else None
        if verb and i - 1 not in extra and not longer.breaks[i] \
                and not lexicon.particle_keeps_verb(verb[0], longer.words[i]):
            return True
    return False


def compound_head(longer: _Text, extra: set[int]) -> bool:
    """Whether an extra word follows a shared word as the head of a compound ("a new bike helmet": a helmet,
    not a bike): a noun right after it, not a name, a participle or a verb."""
    for i in extra:
        if i and i - 1 not in extra and not longer.breaks[i] and i - 1 in longer.content \
                and longer.roles[i] == longer.roles[i - 1] and not longer.roles[i - 1].startswith("verb") \
                and not longer.names[i] and not longer.roles[i].startswith("verb") \
                and getAllLemmas(longer.words[i]).get("NOUN") and not _verb_form(longer.words[i])[2] \
                and not longer.words[i].endswith("ing"):
            return True
    return False
