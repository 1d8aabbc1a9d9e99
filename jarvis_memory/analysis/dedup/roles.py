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
# a word right before "is", "are", "was", "were" is its subject, no verb: "Aisle seats are her preference"
_COPULAS = frozenset(("is", "are", "was", "were"))
_PREFER = frozenset("prefer prefers preferred preferring".split())
# Conjunctions that open a clause (Quirk et al. 1985, 14.12), never a compound's head: "on Sundays while listening"
_SUBORDINATORS = frozenset("while when whenever because although though unless whereas".split())
_TAKEN = DETERMINERS | RELATIONS.keys() | PARTICLES  # words that open what a verb takes: "the", "at", "up"


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
            relation = relation if joins else "than" if w == "to" and _PREFER & set(words[:i]) else RELATIONS[w]
            conjunction = w in ("and", "or")
            continue
        if w in AUXILIARIES:
            aux, copula = i, True
            continue
        if w in RATES and not (i + 1 < len(words) and not breaks[i + 1] and getAllLemmas(words[i + 1]).get("NOUN")):
            roles[i] = "every"  # a rate is an adjunct of its own, wherever it stands ("monthly", "each month"); not
            continue  # an adjective before its noun ("a monthly book club")
        if w in adverbs:
            continue
        following = words[i + 1] if i + 1 < len(words) and not breaks[i + 1] else ""
        if (names[i] or w in DETERMINERS or following in _COPULAS) and relation and verbs == 0 \
                and not subject and i and roles[i - 1] \
                and words[i - 1] not in DETERMINERS:
            relation = ""  # a name, a new noun phrase or a word before "is" after a fronted phrase is the subject:
            # "On Saturday Felix bought ...", "Every month the card gets paid", "In the mornings tea is preferred"
        reading, finite, participle = _verb_form(w)
        after_aux = aux >= 0 and all(words[k] in adverbs for k in range(aux + 1, i)) \
            and (words[aux] not in _PARTICIPLE_AUX or participle or w.endswith("ing"))
        after_pronoun = i and words[i - 1] in SUBJECT_PRONOUNS
        finite = finite and not (i and words[i - 1] in DETERMINERS) and following not in _COPULAS and (
            not relation or not getAllLemmas(w).get("NOUN"))  # "to horses" is no verb, "at 9am prefers" is
        # a note's first word in its base form, no noun, is its verb, the owner its subject: "owe Mum £20"; so is
        # its "-ing" form before what a verb takes ("Saving up for a car", "Learning the drums": "is saving ...")
        finite = finite or (i == 0 and reading and not getAllLemmas(w).get("NOUN") and w in getAllLemmas(w)["VERB"]) \
            or (i == 0 and reading and w.endswith("ing") and following in _TAKEN)
        # a finite form before what a verb takes ends a fronted phrase without a comma: "Every Sunday evening
        # plans the meals", "On office days parks at the station"
        finite = finite or (_verb_form(w)[1] and relation and verbs == 0 and not subject and words[0] in RELATIONS
                            and i > 1 and roles[i - 1] == relation and following in _TAKEN)
        joined = i and words[i - 1] in ("and", "then") and conjunction
        # after "is" the clause has its verb: "is a collector of maps" (no verb "maps") unless a relative clause starts
        if reading and not (i < be and attributive) and not modifier[i] and (after_aux or after_pronoun or (joined and finite) or relation == "then"
                        or (finite and ((verbs == 0 and not copula) or relative))):
            if after_aux and participle and words[aux] in _PASSIVE_BE:
                passive = aux
            roles[i] = f"verb{verbs}"
            verbs, relation, aux, relative = verbs + 1, "", -1, False
            continue
        aux, conjunction = -1, False
        roles[i] = relation or ("subj" if verbs == 0 and not copula else "obj")
        subject = subject or roles[i] == "subj"
    if passive >= 0:  # "X is preferred by Y": X is acted on, Y acts; only X's clause ("has a cat who is scared")
        start = max((i + 1 for i in range(passive) if roles[i].startswith("verb") or words[i] in RELATIVE_PRONOUNS),
                    default=0)
        by = next((i for i in range(passive, len(words)) if words[i] == "by"), len(words))
        agent_end = next((i for i in range(by + 1, len(words)) if words[i] in RELATIONS or breaks[i]), len(words))
        roles = ["obj" if start <= i < passive and r == "subj" else "subj" if by < i < agent_end and r else r
                 for i, r in enumerate(roles)]  # a fronted phrase keeps its relation: "In May X was sold"; so does
        # a phrase after the agent: "walked by her every day"
        roles[passive] = PASSIVE
        if by < len(words):
            roles[by] = AGENT
    return tuple(roles)


OWNER = frozenset("user i me my myself mine".split())  # the memory's owner, a participant like any named one
PRONOUNS = frozenset("he him his she her hers it its they them their theirs we us our you your".split())


# A pseudo-cleft's head and its relative word: "X is something (that) she hates", "X is what I do" (Quirk et al.
# 1985, A Comprehensive Grammar of the English Language, 18.29-18.30): it says what "she hates X" says
_CLEFT_HEADS = frozenset(("something", "what"))
_CLEFT_BE = frozenset("is are was were".split())


def uncleft(tokens: list[tuple]) -> list[tuple]:
    """A memory's tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) with a
    closing pseudo-cleft read as its plain clause: "The smell of lilies is something she hates" as "she hates the
    smell of lilies"; its subject pronoun is the memory's owner, left unwritten ("hates the smell of lilies"), where
    it is "I", "he" or "she" and the memory names nobody else it could stand for (no name).  Other tokens as given."""
    words = [t[0] for t in tokens]
    for c in range(1, len(words) - 3):
        if words[c] not in _CLEFT_BE or words[c + 1] not in _CLEFT_HEADS or any(t[2] for t in tokens[1:c + 2]):
            continue
        p = c + 2 + (words[c + 2] in ("that", "which"))
        if p + 1 >= len(words) or words[p] not in SUBJECT_PRONOUNS or any(t[2] for t in tokens[c + 2:]):
            return tokens
        owner = words[p] in ("i", "he", "she") and not any(t[3] for t in tokens)
        clause = tokens[p + 1:] if owner else tokens[p:]
        return [(*clause[0][:2], True, *clause[0][3:]), *clause[1:], (*tokens[0][:2], False, *tokens[0][3:]),
                *tokens[1:c]]
    return tokens


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
    """Whether word ``i`` can name a participant: a name (:attr:`.text._Text.names`, or a word lemminflect's
    dictionary of common words lacks: "sam's" in a note written in lower case), or a noun ("sister")."""
    return t.names[i] or uncommon(t.words[i]) or bool(getAllLemmas(t.words[i]).get("NOUN"))


def uncommon(word: str) -> bool:
    """Whether a folded word is no common word: letters that lemminflect's dictionary (nouns, verbs, adjectives,
    adverbs) lacks -- a name ("zoe", "northwind"), unless a closed-class word ("the", "for") the caller rules out."""
    return word.isalpha() and not getAllLemmas(word)


def _governor(t: _Text, i: int) -> str | None:
    """The lemma of the verb or auxiliary nearest before word ``i`` (what acts on an object: "has" in "has a
    gym membership", "cancelled" in "cancelled his gym membership"), or ``None``."""
    before = range(i - 1, -1, -1)
    after = (j for j in range(i + 1, len(t.words)) if t.roles[j].startswith("verb")) if PASSIVE in t.roles[i:] else ()
    for j in (*before, *after):  # a passive's subject is acted on by the participle after it ("tea is preferred")
        if t.roles[j].startswith("verb") or t.words[j] in AUXILIARIES and j < i:
            k = lexicon.key(t.words[j])
            return lexicon.bare(k)
    return None


# Verbs that carry another's action with no content of their own (Quirk et al. 1985, 10.48: "gives a
# presentation", "goes running", "gets promoted", "receives treatment"): over another verb they are that verb, and
# over a noun of doing its verb (.restated)
DELEXICAL = frozenset("be have get take make do give go receive".split())


def under_another_verb(shorter: _Text, longer: _Text, same: dict[str, str]) -> bool:
    """Whether the longer text's main verb is one the shorter lacks, put over the shorter's statement: its verb as
    the complement ("Teaches yoga" / "Wants to teach yoga", "Used to teach yoga", "Gave up running"; a catenative
    verb, Quirk et al. 1985, 16.38-16.52: wanting, trying, failing, ceasing is not doing), or the person the
    shorter's copula describes as what it acts on ("Is a baker" / "Married a baker", or its doing as a gerund: "Is a
    painter" / "Loves painting"; not "Is a guitarist" / "Plays guitar"), or its copula under the verb
    ("Is a yoga teacher" / "Would like to be a yoga teacher").  Words joined by "and" are
    two statements, each its own ("Lives in Leeds" / "Moved to Leeds and lives there").  ``same`` maps a word of the
    shorter to the longer's word that stands for it."""
    v = next((i for i, r in enumerate(longer.roles) if r.startswith("verb")), None)
    if v is None or any(same.get(k, k) == longer.keys[v] for k in shorter.keys) \
            or lexicon.bare(longer.keys[v]) in DELEXICAL:
        return False
    bare = [lexicon.bare(k) for k in longer.keys]  # "Got" / "Failed to get": one verb in two tenses
    for i in shorter.content:
        k = lexicon.bare(same.get(shorter.keys[i], shorter.keys[i]))
        j = next((m for m in range(v + 1, len(bare)) if bare[m] == k), None)
        if j is None or any(w in ("and", "or", "then") for w in longer.words[v:j]) \
                or any(longer.breaks[v + 1:j + 1]):
            continue
        if shorter.roles[i].startswith("verb"):
            return True
        if not any(r.startswith("verb") for r in shorter.roles) and (
                longer.roles[j] == "obj" and lexicon.names_a_person(shorter.keys[i])
                and (longer.keys[j] == shorter.keys[i] or longer.words[j].endswith("ing"))
                or "be" in shorter.keys and "be" in longer.keys[v + 1:j]):
            return True
    return False


def acted_on_otherwise(shorter: _Text, longer: _Text, same: dict[str, str]) -> bool:
    """Whether an object of the shorter text is not what the longer's verb acts on: another verb acts on it
    ("Has a gym membership" / "Cancelled his gym membership", "Recommended a dentist" / "Is a dentist who
    recommended a podcast"), or it is only a circumstance where another object is had ("Has a motorcycle" / "Got
    a speeding ticket on his motorcycle").  What the shorter's copula describes ("is a nurse") may stand
    under any verb or after "as", but not as a circumstance of another thing acted on ("Is left-handed" / "Wears
    a ring on the left hand").  Two verbs act alike when one can mean the other (:func:`lexicon.can_mean`: "has" / "owns").
    ``same`` maps a word of the shorter to the longer's word that stands for it (a synonym)."""
    for i in shorter.content:
        k = shorter.keys[i]
        j = longer.first.get(same.get(k, k))
        verb = _governor(shorter, i) if shorter.roles[i] == "obj" and j is not None and shorter.first[k] == i else None
        if verb is None:
            continue
        if verb == "be":  # a description of the subject: "Is a nurse", "Works as a nurse"; not a circumstance
            if longer.roles[j] not in ("obj", "subj", "as") and not longer.roles[j].startswith("verb") \
                    and any(longer.roles[m] == "obj" and longer.keys[m] not in shorter.bag for m in longer.content):
                return True  # of another thing acted on: "Is left-handed" / "Wears a ring on the left hand"
            continue
        if longer.roles[j] == "obj":
            if not lexicon.can_mean(verb, _governor(longer, j) or "be"):
                return True
        elif longer.roles[j] != "subj" and _governor(longer, j) == verb and verb not in AUXILIARY_LEMMAS \
                and not _compound_opened(shorter, i, longer, j):
            return True  # "Cooks the kids" / "Cooks for the kids": what it acts on is now only a relation
        elif any(longer.roles[m] == "obj" and longer.keys[m] not in shorter.bag
                 and lexicon.can_mean(verb, _governor(longer, m) or "be") for m in longer.content):
            return True
    return False


def _compound_opened(shorter: _Text, i: int, longer: _Text, j: int) -> bool:
    """Whether word ``i`` of the shorter text modifies the noun after it (a compound: "reading glasses") and the
    longer says it in a phrase after that noun ("glasses for reading"): the paraphrase of a noun compound by a
    preposition (Levi 1978, The Syntax and Semantics of Complex Nominals), not another thing acted on."""
    head = i + 1
    if head not in shorter.content or shorter.roles[head] != shorter.roles[i] or shorter.breaks[head]:
        return False
    k = longer.first.get(shorter.keys[head])
    return k is not None and k < j and longer.words[j - 1] in RELATIONS


def doers(t: _Text) -> frozenset[str]:
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


def owner_left_out(shorter: _Text, longer: _Text) -> bool:
    """Whether the shorter text names the memory's owner other than as its subject ("speak to me", "my bike") and
    the longer does not name the owner in that role: another participant stands there ("speak to him").  As a
    subject the owner may go unwritten ("I swim" / "Swims")."""
    def roles(t: _Text) -> set[str]:
        return {t.roles[i] for i, w in enumerate(t.words) if w in OWNER and t.roles[i] and t.roles[i] != "subj"}

    return bool(roles(shorter) - roles(longer))


def replaces_a_relation(shorter: _Text, longer: _Text, extra: set[int]) -> bool:
    """Whether an extra relation word of ``longer`` stands where ``shorter`` has another between the same two
    words ("rents a room from Ana" / "rents a room to Ana"): a relation replaced, not one more."""
    for i in extra:
        if longer.words[i] not in RELATIONS:
            continue
        before = next((longer.keys[j] for j in range(i - 1, -1, -1) if longer.keys[j] in shorter.first), None)
        after = next((longer.keys[j] for j in range(i + 1, len(longer.words)) if longer.keys[j] in shorter.first),
                     None)
        if before in shorter.first and after in shorter.first:
            start, end = shorter.first[before], shorter.first[after]
            if any(w in RELATIONS and w != longer.words[i] and w not in longer.words
                   and {_relation(shorter, w, end), _relation(longer, longer.words[i], i)} != {"than"}
                   for w in shorter.words[start + 1:end]):
                return True
    return False


# Relation words that say the same before one kind of word (Quirk et al. 1985, ch. 9, prepositions of time and
# of means): the time of an event ("at/on the weekend", "in/during the winter months": a WordNet time period) and
# the means or medium ("learns Portuguese with/on Duolingo": an instrumentality, or a name: an app, a service).
# Other relations keep their meaning ("sublets from/to Felix", "works at/from a café", "before/after 2pm").
_ALIKE = ((frozenset("at on in during".split()), "time_period.n.01"), (frozenset("with on via".split()),
                                                                      "instrumentality.n.03"))


def same_relation(a: _Text, i: int, b: _Text, j: int) -> bool:
    """Whether the relation words at ``a``'s position ``i`` and ``b``'s ``j`` say the same: both of one class of
    :data:`_ALIKE` before one word of its kind (the first content word after each; names count as means)."""
    k = next((k for k in a.content if k > i), None)
    m = next((m for m in b.content if m > j), None)
    if k is None or m is None or a.keys[k] != b.keys[m]:
        return False
    return any(a.words[i] in words and b.words[j] in words
               and (lexicon.is_kind(a.keys[k], kind) or (kind != _ALIKE[0][1] and a.names[k] and b.names[m]))
               for words, kind in _ALIKE)


def _relation(t: _Text, word: str, i: int) -> str:
    """The role a relation word gives the word at ``i``: "to" after "prefer" names what is liked less, as "over"
    and "than" do (the comment on :data:`RELATIONS`)."""
    return "than" if word == "to" and _governor(t, i) == "prefer" else RELATIONS[word]


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
    not a bike): a noun right after it, not a name, a participle, a verb, a unit before its number ("tips the bin
    men £20") or a modifier of a shared word after it ("new front tyres": tyres still)."""
    for i in extra:
        if i and i - 1 not in extra and not longer.breaks[i] and i - 1 in longer.content \
                and longer.roles[i] == longer.roles[i - 1] and not longer.roles[i - 1].startswith("verb") \
                and not (i + 1 < len(longer.words) and not longer.breaks[i + 1] and (
                    longer.words[i + 1].replace(".", "").isdigit()
                    or i + 1 not in extra and i + 1 in longer.content and longer.roles[i + 1] == longer.roles[i])) \
                and not longer.names[i] and not longer.roles[i].startswith("verb") and longer.words[i] not in _SUBORDINATORS \
                and lexicon.is_noun(longer.words[i]) and not _verb_form(longer.words[i])[2] \
                and not longer.words[i].endswith("ing"):
            return True
    return False
