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

from . import kinds, lexicon
from .recurrence import RATES

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
AUXILIARY_LEMMAS = frozenset(("be", "have", "get", "do"))  # of AUXILIARIES that stand for a main verb ("has a car")
_PASSIVE_BE = frozenset("is are am was were be been being gets got get".split())
# Auxiliaries followed by a participle, never a verb's base form (Quirk et al. 1985, 3.21-3.23: the perfect, the
# progressive and the passive): "gets pocket money", "has swim lessons" have no verb "pocket", "swim"
_PARTICIPLE_AUX = _PASSIVE_BE | frozenset(("has", "have", "had"))
RELATIVE_PRONOUNS = frozenset("who whom whose which that".split())  # a relative clause starts: its own subject
# Adverb particles, a closed word class (Quirk et al. 1985, A Comprehensive Grammar of the English Language, 16.3):
# after a verb they make another verb ("go off" / "go on", "gives away", "works out").  Those that are also
# relation words ("on", "in", "over", "about") take that word's role instead.
PARTICLES = frozenset("away back down off out up aside apart".split())
# The copula's finite forms: a word right before one is its subject, no verb ("Aisle seats are her preference"),
# and one opens a closing pseudo-cleft (uncleft: "X is something she hates")
_COPULAS = frozenset(("is", "are", "was", "were"))
_PREFER = frozenset("prefer prefers preferred preferring".split())


def _compared(words: tuple[str, ...], i: int) -> bool:
    """Whether "to" at ``i`` follows "prefer" and its object ("prefers tea to coffee"), not its infinitive ("prefers
    to cycle to the office")."""
    k = next((k for k in range(i) if words[k] in _PREFER), None)
    return k is not None and k + 1 < i and words[k + 1] != "to"


_TAKEN = DETERMINERS | RELATIONS.keys() | PARTICLES  # words that open what a verb takes: "the", "at", "up"


@lru_cache(maxsize=200_000)
def _base_verb(word: str) -> bool:
    """Whether a folded word is a verb's base form ("send", not "sends")."""
    return word in getAllLemmas(word).get("VERB", ())


@lru_cache(maxsize=200_000)
def _plural(word: str) -> bool:
    """Whether a folded word is a plural noun: not its own noun lemma ("parents"; not "news", "series")."""
    nouns = getAllLemmas(word).get("NOUN", ())
    return bool(nouns) and word not in nouns and word.endswith("s")


def participle(word: str) -> bool:
    """Whether a folded word can be a past participle ("married", "paid")."""
    return _verb_form(word)[2]


@lru_cache(maxsize=200_000)
def _verb_form(word: str) -> tuple[bool, bool, bool]:
    """``(has a verb reading, is a finite form, is a past participle)`` of a folded word (lemminflect)."""
    verbs = getAllLemmas(word).get("VERB", ()) if word.isalpha() else ()
    if not verbs:
        return False, False, False
    forms = {tag: getInflection(verbs[0], tag) or () for tag in ("VBZ", "VBD", "VBN")}
    # lemminflect lists a past's second spelling ("burnt", "learnt") as VBD only; it is a participle as well
    return True, word in forms["VBZ"] or word in forms["VBD"], word in forms["VBN"] or word in forms["VBD"][1:]


AGENT = "agent"  # the role of a passive's "by" ("is run by Wen's parents"): it only marks who acts
PASSIVE = "passive"  # the role of a passive's auxiliary ("was rejected"): the participle carries the tense
# the role of a causative's "have"/"get" ("had the boiler installed", Quirk et al. 1985, 16.52): a passive whose
# doer is someone the subject has do it, never the subject itself
CAUSATIVE = "causative"
_CAUSERS = frozenset("has have had gets get got".split())
_OBJECT_PRONOUNS = frozenset("him them me us".split())  # only ever an object ("her" may open a noun phrase)


def of(words: tuple[str, ...], breaks: tuple[bool, ...], names: tuple[bool, ...], adverbs: frozenset[str],
       compound: tuple[bool, ...] | None = None) -> tuple[str, ...]:
    """Each word's role (see the module's docstring): ``subj``, ``verbN``, ``obj``, a relation, or ``""``
    for function words and relation words themselves (a passive's "by": :data:`AGENT`, its
    auxiliary: :data:`PASSIVE`).  ``adverbs`` (fillers: "really", "currently") stand
    between an auxiliary and its verb.  "and"/"or" join words of one role ("on Mondays and Thursdays") or,
    before a verb, two clauses; "of" joins a word to the one before ("three kinds of tomatoes").  A part of a
    hyphenated compound (``compound``) is no verb, nor the word after it: the compound is one word that modifies
    it ("is left-handed", "left-handed scissors")."""
    roles = [""] * len(words)
    verbs, relation, aux, passive, copula, subject, conjunction = 0, "", -1, -1, False, False, False
    causer = causative = acted = -1
    relative = False
    # a participle opening the subject before its "is"/"are" is no verb, nor is the rest of that subject:
    # "Crowded restaurants are disliked", "Crowded beaches are avoided"
    be = next((k for k in range(1, len(words)) if words[k] in RELATIONS or words[k] in AUXILIARIES or breaks[k]), 0)
    attributive = be > 1 and words[be] in _PASSIVE_BE and not breaks[be] and _verb_form(words[0])[2]
    # nor is a part of a hyphenated compound, nor the word it modifies: "left-handed scissors"
    compound = compound or (False,) * len(words)
    modifier = tuple(c or (i > 0 and compound[i - 1] and not breaks[i]) for i, c in enumerate(compound))
    for i, w in enumerate(words):
        if breaks[i] and i and verbs == 0:
            relation = ""  # a fronted phrase ends at its comma: "Every Sunday, Mia visits"
        relative = relative or w in RELATIVE_PRONOUNS  # a relative clause, its verb still to come: "that Léa recommended"
        if w in RELATIONS and not compound[i]:  # a part of a hyphenated compound is no relation: "father-in-law"
            joins = w in ("and", "or") or (w == "of" and i and roles[i - 1] in ("subj", "obj"))
            # "prefers tea to coffee": after "prefer", "to" compares as "over" does (Quirk et al. 1985, 16.69)
            relation = relation if joins else "than" if w == "to" and _compared(words, i) else RELATIONS[w]
            conjunction = w in ("and", "or")
            continue
        if w in AUXILIARIES:
            aux, copula = i, True
            causer = i if w in _CAUSERS and verbs == 0 else causer
            continue
        if w in RATES and not (i + 1 < len(words) and not breaks[i + 1] and getAllLemmas(words[i + 1]).get("NOUN")):
            roles[i] = "every"  # a rate is an adjunct of its own, wherever it stands ("monthly", "each month"); not
            continue  # an adjective before its noun ("a monthly book club")
        if w in adverbs:
            continue
        following = words[i + 1] if i + 1 < len(words) and not breaks[i + 1] else ""
        if (names[i] or w in DETERMINERS or w in SUBJECT_PRONOUNS or following in _COPULAS) and relation and verbs == 0 \
                and not subject and i and roles[i - 1] \
                and words[i - 1] not in DETERMINERS:
            relation = ""  # a name, a new noun phrase, a pronoun or a word before "is" after a fronted phrase is
            # the subject: "On Saturday Felix bought ...", "Every month the card gets paid", "In the mornings tea is
            # preferred", "On Tuesdays she runs ..."
        reading, finite, participle = _verb_form(w)
        reading = reading and not (i and names[i])  # a capital inside a memory: a name ("Three Kings Day")
        after_aux = aux >= 0 and all(words[k] in adverbs for k in range(aux + 1, i)) \
            and (words[aux] not in _PARTICIPLE_AUX or participle or w.endswith("ing"))
        before = i - 1
        while before > 0 and words[before] in adverbs:  # "I (basically) prefer"
            before -= 1
        after_pronoun = before >= 0 and words[before] in SUBJECT_PRONOUNS
        joined = i and words[i - 1] in ("and", "then") and conjunction
        finite = finite and not (i and words[i - 1] in DETERMINERS) and following not in _COPULAS and (
            not relation or not getAllLemmas(w).get("NOUN")  # "to horses" is no verb, "at 9am prefers" is,
            or joined and verbs and following in _TAKEN)  # as is a second clause's: "Goes to the gym and wakes up"
        # a note's first word in its base form, no noun, is its verb, the owner its subject: "owe Mum £20"; so is
        # its "-ing" form before what a verb takes ("Saving up for a car", "Learning the drums": "is saving ...")
        finite = finite or (i == 0 and reading and not getAllLemmas(w).get("NOUN") and w in getAllLemmas(w)["VERB"]) \
            or (i == 0 and reading and w.endswith("ing") and following in _TAKEN)
        # a finite form before what a verb takes ends a fronted phrase without a comma: "Every Sunday evening
        # plans the meals", "On office days parks at the station"
        finite = finite or (_verb_form(w)[1] and relation and verbs == 0 and not subject and words[0] in RELATIONS
                            and i > 1 and roles[i - 1] == relation and following in _TAKEN)
        # so is a plural's present before an object pronoun or what a verb takes: "Spiders terrify him", "Her
        # parents send her money"
        finite = finite or (reading and verbs == 0 and i > 0 and (following in _OBJECT_PRONOUNS or (
            following in _TAKEN and _plural(words[i - 1]) and _base_verb(w))))
        # after "is" the clause has its verb: "is a collector of maps" (no verb "maps") unless a relative clause starts
        if reading and not (i < be and attributive) and not modifier[i] and (after_aux or after_pronoun or (joined and finite) or relation == "then"
                        or (finite and ((verbs == 0 and not copula) or relative))):
            if after_aux and participle and words[aux] in _PASSIVE_BE:
                passive, acted = aux, i
            roles[i] = f"verb{verbs}"
            verbs, relation, aux, relative = verbs + 1, "", -1, False
            continue
        if 0 <= causer < i - 1 and participle and not relation and not modifier[i] \
                and (following in RELATIONS or following in RATES or following in adverbs or not following) \
                and all(roles[k] in ("obj", "") for k in range(causer + 1, i)) and "obj" in roles[causer + 1:i]:
            # "has the van washed", "had the boiler installed in May": a causative (not "a dog called Rex")
            roles[i], causative, causer = f"verb{verbs}", causer, -1
            verbs, aux = verbs + 1, -1
            continue
        aux, conjunction = -1, False
        roles[i] = relation or ("subj" if verbs == 0 and not copula else "obj")
        subject = subject or roles[i] == "subj"
    if passive >= 0:  # "X is preferred by Y": X is acted on, Y acts; only X's clause ("has a cat who is scared")
        start = max((i + 1 for i in range(passive) if roles[i].startswith("verb") or words[i] in RELATIVE_PRONOUNS),
                    default=0)
        by = next((i for i in range(passive, len(words)) if words[i] == "by"), len(words))
        agent_end = next((i for i in range(by + 1, len(words)) if words[i] in RELATIONS or breaks[i]), len(words))
        undergoes = stranded(words, breaks, acted) or "obj"
        roles = [undergoes if start <= i < passive and r == "subj" else "subj" if by < i < agent_end and r else r
                 for i, r in enumerate(roles)]  # a fronted phrase keeps its relation: "In May X was sold"; so does
        # a phrase after the agent: "walked by her every day"
        roles[passive] = PASSIVE
        if by < len(words):
            roles[by] = AGENT
    if causative >= 0:
        roles[causative] = CAUSATIVE
    return tuple(roles)


def owner_possessive(a: _Text, only_a: list[str], b: _Text, only_b: list[str]) -> tuple[list[str], list[str]]:
    """``only_a`` and ``only_b`` (each text's words the other lacks) without a possessive determiner of ``a`` that
    ``b`` says as the owner's ("her mother" / "the user's mother") or, before a part of the body, with "the" ("a
    sprain in her right wrist" / "in the right wrist": the definite article names a part of the body of someone the
    clause names, as in Quirk et al. 1985), and without that "user"; nor one the owner's that ``b`` says with "the"
    or with no determiner ("on her road bike" / "on the road bike": :func:`_owners_thing`)."""
    for k in [k for k in only_a if k in POSSESSIVES]:
        i = a.first[k]
        after = [a.keys[j] for j in range(i + 1, min(i + 3, len(a.words))) if j in a.content]  # "her (right) wrist"
        j = b.first.get(after[0], 0) if after else 0
        if j and b.words[j - 1] == "user" and b.written[j - 1].endswith(("'s", "\u2019s")) and not any(
                m in a.content and a.roles[m] in ("subj", "obj") for m in range(i)):  # no one before it it may
            only_a, only_b = [w for w in only_a if w != k], [w for w in only_b if w != "user"]  # stand for ("Tom
            # looks after his mother", "The hen sits on her eggs")
        elif not any(a.roles[m] == "subj" for m in range(i)) and any(
                lexicon.names_a_body_part(w) and "the" in b.words[max(b.first[w] - 2, 0):b.first[w]]
                 and b.words[b.first[w] + 1:b.first[w] + 2] != ("of",) for w in after if w in b.first):
            only_a = [w for w in only_a if w != k]  # not "the arm of the sofa"
        elif a.gender in (None, PRONOUN_SEXES.get(k)) and any(
                _owners_thing(a, m, b) for m, w in enumerate(a.words) if w == k):
            only_a = [w for w in only_a if w != k]  # "on her road bike" / "on the road bike", "Her friends call"
    return only_a, only_b


def _owners_thing(a: _Text, i: int, b: _Text) -> bool:
    """Whether ``b`` says with "the", or with no determiner, the phrase of a thing that possessive ``i`` of ``a``
    opens (its words alike in both), and the possessive can stand for no one but the owner: nobody named before it
    as its subject ("Rafael cooks her dinner" is not "Rafael cooks the dinner"); not a person's ("her mother" / "the
    mother")."""
    noun = next((j for j in range(i + 1, min(i + 3, len(a.words))) if j in a.content), None)
    if noun is None or a.keys[noun] not in b.first or lexicon.names_a_person(a.words[noun]) \
            or b.words[b.first[a.keys[noun]] + 1:b.first[a.keys[noun]] + 2] == ("of",):  # "the arm of the sofa"
        return False
    if a.words[noun] != b.words[b.first[a.keys[noun]]] and not b.roles[b.first[a.keys[noun]]].startswith("verb"):
        return False  # a noun in another number: "Walks her dog" / "Walks dogs" (not "Her walk" / "Walks")
    s = b.first[a.keys[noun]] - (noun - i)  # where b has the possessive's place
    if any(a.words[m] not in OWNER and (a.names[m] and a.roles[m] == "subj" or lexicon.names_a_person(a.words[m]))
           for m in range(i)):  # a name as the subject, or a person's noun ("Tom fixed her bike"; not "uses a
        return False  # Garmin Edge on her bike")
    before = a.words[i - 1] if i else None
    if 0 <= s < len(b.words) and b.words[s] == "the":  # "with her Garmin watch" / "with the Garmin watch"
        return (b.words[s - 1] if s else None) == before
    return (b.words[s] if s >= 0 else None) == before and (i > 0 or s == -1)  # "Her friends" / "Friends"


def stranded(words: tuple[str, ...], breaks: tuple[bool, ...], participle: int) -> str | None:
    """The role a preposition left right after a passive's participle gives its subject, or ``None``: "Snowflake is
    paid for by the team" says what "the team pays for Snowflake" says ("for"; the prepositional passive of Quirk et al.
    1985)."""
    k = participle + 1
    if k < len(words) and words[k] in RELATIONS and words[k] != "by" \
            and (k + 1 == len(words) or words[k + 1] == "by" or breaks[k + 1]):
        return RELATIONS[words[k]]
    return None


OWNER = frozenset("user i me my myself mine".split())  # the memory's owner, a participant like any named one
PRONOUNS = frozenset("he him his she her hers it its they them their theirs we us our you your".split())
POSSESSIVES = frozenset("my her his their our".split())  # possessive determiners: "my accountant", "her accountant"


# A pseudo-cleft's head and its relative word: "X is something (that) she hates", "X is what I do", "X is where she
# grew up", "X is who she calls" (Quirk et al. 1985, A Comprehensive Grammar of the English Language, 18.29-18.30):
# it says what "she hates X", "she grew up in X" say
_CLEFT_HEADS = frozenset(("something", "what", "where", "who"))


def uncleft(tokens: list[tuple]) -> list[tuple]:
    """A memory's tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) with a
    closing pseudo-cleft read as its plain clause: "The smell of lilies is something she hates" as "she hates the
    smell of lilies"; its subject pronoun is the memory's owner, left unwritten ("hates the smell of lilies"), where
    it is "I", "he" or "she" and the memory names nobody else it could stand for (no name, or only the focus as a
    whole: "Leeds is where she lives", "Tom is who she calls"); else it is marked a name
    (it stands for one); a name as the subject stays ("Showering is something Mam needs help with").  Other tokens
    as given."""
    words = [t[0] for t in tokens]
    for c in range(1, len(words) - 3):
        if words[c] not in _COPULAS or words[c + 1] not in _CLEFT_HEADS or any(t[2] for t in tokens[1:c + 2]):
            continue
        p = c + 2 + (words[c + 2] in ("that", "which"))
        user = p + (words[p] == "the") if words[p:p + 2] == ["the", "user"] or words[p] == "user" else None
        p = p if user is None else user  # "... is something the user dislikes": the owner, as "she" is
        named = tokens[p][3] and p + 1 < len(words) and _verb_form(words[p + 1])[1]  # "something Mam needs"
        if p + 1 >= len(words) or not (words[p] in SUBJECT_PRONOUNS or named or user is not None) \
                or any(t[2] for t in tokens[c + 2:]):
            return tokens
        named_focus = [t[3] for t in tokens[:c] if t[0] not in ("the", "a", "an")]
        owner = user is not None or words[p] in ("i", "he", "she") and not any(t[3] for t in tokens[c:]) \
            and (not any(named_focus) or all(named_focus))  # a focus that is a name is not whom "she" stands for
        clause = tokens[p + 1:] if owner else [(*tokens[p][:3], True, *tokens[p][4:]), *tokens[p + 1:]]
        where = [("in", "in", False, False, "in", False)] if words[c + 1] == "where" else []  # a place: "in" it
        focus = [(*tokens[0][:2], False, *tokens[0][3:]), *tokens[1:c]]
        return [(*clause[0][:2], True, *clause[0][3:]), *clause[1:], *where, *focus]
    return tokens


def _names_someone(t: _Text, i: int) -> bool:
    """Whether word ``i`` can name a participant: a name (:attr:`.text._Text.names`, or a word lemminflect's
    dictionary of common words lacks: "sam's" in a note written in lower case), or a noun ("sister")."""
    return t.names[i] or uncommon(t.words[i]) or bool(getAllLemmas(t.words[i]).get("NOUN"))


def uncommon(word: str) -> bool:
    """Whether a folded word is no common word: letters that lemminflect's dictionary (nouns, verbs, adjectives,
    adverbs) lacks -- a name ("zoe", "northwind"), unless a closed-class word ("the", "for") the caller rules out."""
    return word.isalpha() and not getAllLemmas(word)


# Verbs of no content of their own, and those whose subject is an event's noun ("The promotion happened in May")
DELEXICAL = frozenset("be have get take make do give go receive happen occur".split())
OWNER_ONLY = frozenset(("\x04owner",))  # doers() of a memory about its owner alone


def doers(t: _Text) -> frozenset[str]:
    """Who the statement is about: the names and person nouns before its first verb or auxiliary (and before any
    relation word: "Sam's proposal to me"), or after a passive's "by", someone else in a causative; the owner when
    there are none ("Prefers aisle seats", "Aisle seats are the user's preference", "Her knee surgery was
    successful")."""
    if CAUSATIVE in t.roles and AGENT not in t.roles:
        return frozenset(("\x04another",))  # "Has the van washed": someone the owner has do it
    if AGENT in t.roles:  # the agent's phrase, to the next relation word: "by him for complex queries"
        start = t.roles.index(AGENT) + 1
        span = range(start, next((i for i in range(start, len(t.words)) if t.words[i] in RELATIONS or t.breaks[i]),
                                 len(t.words)))
    else:
        end = next((i for i, (w, r) in enumerate(zip(t.words, t.roles))
                    if r.startswith("verb") or w in AUXILIARIES or w in RELATIONS), len(t.words))
        span = range(end)
    content = set(t.content)
    found = frozenset(t.keys[i] for i in span if i in content and t.words[i] not in OWNER and t.words[i] not in PRONOUNS
                      and (t.names[i] or uncommon(t.words[i]) or lexicon.names_a_person(t.keys[i])))
    if not found and AGENT in t.roles and t.words[span.start:span.start + 1] != ("user",) \
            and _SUBJECT_PRONOUNS.intersection(t.words[:span.start]):
        return frozenset(("\x04another",))  # "She was taught by him": the owner is acted on, by someone else
    return found or OWNER_ONLY


_ALIKE = ((frozenset("at on in during".split()), "time_period.n.01"), (frozenset("with on via".split()),
                                                                      "instrumentality.n.03"))


def same_relation(a: _Text, i: int, b: _Text, j: int) -> bool:
    """Whether the relation words at ``a``'s position ``i`` and ``b``'s ``j`` say the same: both of one class of
    :data:`_ALIKE` before one word of its kind (the first content word after each; names count as means)."""
    if not any(a.words[i] in words and b.words[j] in words for words, _ in _ALIKE):
        return False
    k = next((k for k in a.content if k > i), None)
    m = next((m for m in b.content if m > j), None)
    if k is None or m is None or a.keys[k] != b.keys[m]:
        return False
    return any(a.words[i] in words and b.words[j] in words
               and (kinds.is_kind(a.keys[k], kind) or (kind != _ALIKE[0][1] and a.names[k] and b.names[m]))
               for words, kind in _ALIKE)


def owner_named(words: tuple[str, ...], names: tuple[bool, ...], word_roles: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` with the owner read where "she" or "he" opens a memory as its subject, or follows an opening phrase
    that names no one ("She runs with the club", "On Tuesdays she runs ...", "Once a month she runs ...", "When it
    rains, she runs ...": "The user runs ...", as a bare verb is): in a personal store that pronoun stands for the
    owner (:func:`owner_gender` keeps which one), as does a passive's agent "by her"/"by him" with no one named but
    its subject (who the pronoun cannot stand for); not one that stands for a named person (:func:`uncleft`: "The
    bakery where Priya works is something she loves")."""
    if AGENT in word_roles:  # "Arlo is taken swimming by her": a passive's pronoun agent, no one else named before
        k = word_roles.index(AGENT) + 1  # but its subject ("Maria's son is driven by her": Maria)
        if k < len(words) and words[k] in ("her", "him", "me") and (k + 1 == len(words) or words[k + 1] in RELATIONS) \
                and not any(names[j] and words[j + 1:j + 2] != ("is",) or words[j] in _SUBJECT_PRONOUNS
                            for j in range(k)):  # "She was taught by him": the owner is the subject
            return (*words[:k], "user", *words[k + 1:])
    i = next((i for i, r in enumerate(word_roles) if r == "subj" and words[i] not in RATES), None)  # not "monthly"
    verb = next((k for k in range(i + 1, len(words)) if not words[k].endswith("ly") and words[k] not in _FREQUENCY),
                None) if i is not None else None  # "she (usually, never) runs"
    if i is None or words[i] not in PRONOUN_SEXES or words[i] in ("her", "his", "him") or names[i] or verb is None \
            or not (word_roles[verb].startswith("verb") or words[verb] in AUXILIARIES):
        return words
    if i and words[0] not in RELATIONS and any(names[j] or lexicon.names_a_person(words[j]) for j in range(i)):
        return words  # "Her sister says she ...": someone named before it; not "Once a month she ..."
    return (*words[:i], "user", *words[i + 1:])


def owner_gender(words: tuple[str, ...], written: tuple[str, ...]) -> str | None:
    """``"f"`` or ``"m"``: the gender of the pronoun that stands for the owner (:func:`owner_named`), or of an
    opening "her"/"his"."""
    if words and words[0] in ("her", "his"):
        return PRONOUN_SEXES[words[0]]
    if "user" not in words:
        return None
    return next((PRONOUN_SEXES[x.lower()] for w, x in zip(words, written) if w == "user" and x.lower() in PRONOUN_SEXES), None)


_SUBJECT_PRONOUNS = frozenset("i she he we they".split())  # not "you": "thank-you cards"
# Adverbs of frequency that stand between a subject and its verb (Quirk et al. 1985, 8.63): "she never eats"
_FREQUENCY = frozenset("never always often sometimes seldom rarely ever still also just already".split())
PRONOUN_SEXES = {"she": "f", "her": "f", "he": "m", "his": "m", "him": "m"}  # the sex a pronoun says
