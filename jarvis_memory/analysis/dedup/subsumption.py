"""Whether a longer memory says more of the shorter one's statement (subsumption, :func:`.compare._compare`), or
another statement: each check names one way the longer's extra words change what the shorter says -- another
subject or owner, another verb over it, what it acts on made a circumstance, a shared noun made part of a compound,
a particle that makes another verb, a relation word replaced, a noun counted or priced (:mod:`.counts`), a word
that narrows it (:mod:`.narrowing`), someone else acted on in the other voice -- and when the extra words are only
the owner's possessive ("Called her mother" / "Called mother": no more said).  Roles as :func:`.roles.of` reads them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lemminflect import getAllLemmas

from . import kinds, lexicon, verb_senses
from .apposition import renamed
from .clauses import SUBORDINATORS
from .counts import counted
from .infinitives import infinitive_subject
from .narrowing import takes_out
from .restated import owner_object, owner_undergoes, passive, verb_lemmas
from .roles import (
    AUXILIARIES,
    AUXILIARY_LEMMAS,
    DELEXICAL,
    OWNER,
    OWNER_ONLY,
    PARTICLES,
    PASSIVE,
    POSSESSIVES,
    PRONOUNS,
    RELATIONS,
    _COPULAS,
    _base_verb,
    _compared,
    _names_someone,
    _plural,
    _verb_form,
    doers,
    same_relation,
)
from .text import FUNCTION_WORDS, is_number

if TYPE_CHECKING:
    from .text import _Text



def says_more(shorter: _Text, longer: _Text, extra: set[int], same: dict[str, str]) -> bool:
    """Whether the longer's extra words (positions ``extra``) say more of the shorter's statement: none of the checks
    below finds another statement in them.  ``same`` maps a word of the shorter to the longer's word for it."""
    return not (adds_nothing(longer, extra) or other_subject(shorter, longer, extra) or compound_head(longer, extra)
                or changes_a_verb(longer, extra) or acted_on_otherwise(shorter, longer, same)
                or owner_left_out(shorter, longer) or under_another_verb(shorter, longer, same)
                or counted(shorter, longer, extra) or acted_on_by_voice(shorter, longer)
                or takes_out(shorter, longer, extra) or another_owner(shorter, longer, extra)
                or verb_for_copula(shorter, longer, extra) or predicates_a_fragment(shorter, longer, extra)
                or hyphened_to_shared(longer, extra) or name_runs_on(longer, extra) or renamed(shorter, longer, extra)
                or infinitive_subject(shorter, longer, extra) or replaces_a_relation(shorter, longer, extra))


def adds_nothing(longer: _Text, extra: set[int]) -> bool:
    """Whether the extra words of ``longer`` are only pronouns, auxiliaries or relation words ("called him" /
    "called", "had visited" / "visited"): another statement, not more of the same."""
    return not any(longer.roles[i] and longer.words[i] not in PRONOUNS for i in extra)

def other_subject(shorter: _Text, longer: _Text, extra: set[int]) -> bool:
    """Whether the longer text's extra words name a subject where the shorter has none of its own ("Swims" /
    "Nadia swims ...": the memory's owner is the implicit subject), a noun or name before the shorter's
    subject ("Dog barks" / "Neighbor's dog barks"; not "Allergic" / "Severely allergic"), or a person right before
    the shorter's verb ("Cooks and cleans" / "Cooks and her husband cleans")."""
    own = [longer.first[shorter.keys[i]] for i in shorter.content
           if shorter.roles[i] == "subj" and shorter.keys[i] in longer.first]
    later = _later_clause(shorter, longer)
    extra = {i for i in extra if i < later}  # a later clause's subject is its own: "Has a sweet tooth, and his
    # dentist has warned him", "Is afraid of dogs ever since she was bitten by one"
    if not own:  # "she"/"he" in a later clause of a memory about the owner is the owner ("... since she was bitten")
        about_owner = doers(longer) == OWNER_ONLY
        return any(longer.roles[i] == "subj" and not (about_owner and longer.words[i] in ("she", "he"))
                   or _before_verb(shorter, longer, i) and i + 1 not in extra for i in extra)
    return any(longer.roles[i] == "subj" and i < min(own) and _names_someone(longer, i)
               and not (i == 0 and longer.words[i] in POSSESSIVES)  # the owner's: "Her 10k best is"
               and not _apposed(longer, i, min(own)) for i in extra)


def _apposed(t: _Text, i: int, name: int) -> bool:
    """Whether word ``i`` is (a part of) a relation noun right before the name at ``name`` that it stands in
    apposition to, the same person ("my brother Étienne has two boys", "her business partner Marisol is vegan" /
    "Étienne has two boys"; not "Tom's dog", a possessive)."""
    run = range(i, name)
    return t.names[name] and name - 1 in t.content and lexicon.names_a_person(t.keys[name - 1]) \
        and all(k in t.content and not t.written[k].endswith(("'s", "’s", "'", "’")) for k in run)


def _later_clause(shorter: _Text, longer: _Text) -> int:
    """Where a clause after all of the shorter's words in the longer begins: the first break, "and" or subordinator
    after the last of them (the length of the longer if there is none); a clause after "but" may take back what the
    first says ("Says she has a sweet tooth, but her dentist disagrees"): its subject counts."""
    last = max((longer.first[shorter.keys[i]] for i in shorter.content if shorter.keys[i] in longer.first), default=0)
    return next((p for p in range(last + 1, len(longer.words))
                 if (longer.breaks[p] or longer.words[p] in SUBORDINATORS or longer.words[p] == "and")
                 and "but" not in longer.words[p:p + 2]), len(longer.words))

def _before_verb(shorter: _Text, longer: _Text, i: int) -> bool:
    """Whether word ``i`` of the longer names someone right before a word that is the shorter's verb."""
    k = longer.keys[i + 1] if i + 1 < len(longer.words) else None
    j = next((j for j, key in enumerate(shorter.keys) if key == k), None)
    return j is not None and (shorter.roles[j].startswith("verb") or shorter.words[j] in AUXILIARIES) \
        and (longer.names[i] or lexicon.names_a_person(longer.keys[i]))


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

def under_another_verb(shorter: _Text, longer: _Text, same: dict[str, str]) -> bool:
    """Whether the longer text's main verb is one the shorter lacks, put over the shorter's statement: its verb as
    the complement ("Teaches yoga" / "Wants to teach yoga", "Used to teach yoga", "Gave up running"; a catenative
    verb, Quirk et al. 1985, 16.38-16.52: wanting, trying, failing, ceasing is not doing), or the person the
    shorter's copula describes as what it acts on ("Is a baker" / "Married a baker", or its doing as a gerund: "Is a
    painter" / "Loves painting"; not "Is a guitarist" / "Plays guitar") or what it acts for ("Is a vegan" / "Cooks for
    a vegan") or as, unless it works as it ("Is a nurse" / "Retired as a nurse"; not "Works as a nurse"), its
    adjective's noun as what it acts on ("Is allergic to eggs" / "Has outgrown his egg allergy", "Is afraid of dogs" /
    "Overcame her fear of dogs"; not "has": :data:`DELEXICAL`), or its copula or an infinitive under the verb ("Is a
    yoga teacher" / "Would like to be a yoga teacher", "Is pregnant" / "Is trying to get pregnant").  Words joined
    by "and" are two statements, each its own ("Lives in Leeds" / "Moved to Leeds and lives there").  ``same`` maps a
    word of the shorter to the longer's word that stands for it."""
    v = next((i for i, r in enumerate(longer.roles) if r.startswith("verb")), None)
    if v is not None and longer.words[v:v + 2] == ("going", "to") and v + 2 < len(longer.words) \
            and _base_verb(longer.written[v + 2].lower()) and "going" not in shorter.words:
        return True  # "Is going to quit her job" / "Quit her job": a plan, not the act (nor "goes running")
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
        person = lexicon.names_a_person(shorter.keys[i])
        if not any(r.startswith("verb") for r in shorter.roles) and (
                longer.roles[j] == "obj" and (person and (longer.keys[j] == shorter.keys[i] or longer.words[j].endswith(
                    "ing")) or shorter.keys[i] in same and "be" in shorter.keys)  # its noun acted on: "Is
                # allergic" / "Outgrew the allergy"
                or person and longer.roles[j] not in ("obj", "subj", "as", "")  # "Is a vegan" / "Cooks for a vegan"
                or person and longer.roles[j] == "as" and not verb_senses.works(lexicon.bare(longer.keys[v]))  # "Retired
                # as a nurse"; not "Works as a nurse"
                or "be" in shorter.keys and ("be" in longer.keys[v + 1:j] or any(  # an infinitive ("to get")
                    longer.words[m] == "to" and _base_verb(longer.words[m + 1]) for m in range(v + 1, j)))):
            return True
    return False

_OF_PLACE = frozenset(("from", "in", "at", "near"))  # relation words of a place: "colleague from Jordan"
_CIRCUMSTANCES = _OF_PLACE | {"on", "into", "to", "by"}  # where or how something else happens: "on a farm"


def acted_on_otherwise(shorter: _Text, longer: _Text, same: dict[str, str]) -> bool:
    """Whether an object of the shorter text is not what the longer's verb acts on: another verb acts on it
    ("Has a gym membership" / "Cancelled his gym membership", "Recommended a dentist" / "Is a dentist who
    recommended a podcast"), or it is only a circumstance where another object is had ("Has a motorcycle" / "Got
    a speeding ticket on his motorcycle").  What the shorter's copula describes ("is a nurse") may stand
    under any verb or after "as", but not as a circumstance of another thing acted on ("Is left-handed" / "Wears
    a ring on the left hand").  Two verbs act alike when one can mean the other (:func:`verb_senses.can_mean`: "has" / "owns").
    A name in the shorter's subject may not become what a relation word acts on ("Her colleague Jordan" / "... from
    Jordan").  ``same`` maps a word of the shorter to the longer's word that stands for it (a synonym)."""
    for i in shorter.content:
        k = shorter.keys[i]
        j = longer.first.get(same.get(k, k))
        if j is not None and shorter.roles[i] == "subj" and shorter.names[i] and longer.roles[j] in _OF_PLACE:
            return True  # "Her colleague Jordan" / "Her colleague from Jordan": a name of the subject now a place
        verb = _governor(shorter, i) if shorter.roles[i] == "obj" and j is not None and shorter.first[k] == i else None
        if verb is None:
            continue
        if verb == "be":  # a description of the subject: "Is a nurse", "Works as a nurse"; not a circumstance
            if longer.roles[j] not in ("obj", "subj", "as") and not longer.roles[j].startswith("verb") \
                    and any(longer.roles[m] == "obj" and longer.keys[m] not in shorter.bag for m in longer.content):
                return True  # of another thing acted on: "Is left-handed" / "Wears a ring on the left hand"
            continue
        if longer.roles[j] == "obj":
            if not verb_senses.can_mean(verb, _governor(longer, j) or "be"):
                return True
        elif longer.roles[j] != "subj" and _governor(longer, j) == verb and verb not in AUXILIARY_LEMMAS \
                and not _compound_opened(shorter, i, longer, j):
            return True  # "Cooks the kids" / "Cooks for the kids": what it acts on is now only a relation
        elif verb == "have" and longer.roles[j] in _CIRCUMSTANCES and (_governor(longer, j) or "be") not in DELEXICAL:
            return True  # "Has a farm" / "Grew up on a farm": what one has, now where something else happened
        elif any(longer.roles[m] == "obj" and longer.keys[m] not in shorter.bag
                 and verb_senses.can_mean(verb, _governor(longer, m) or "be") for m in longer.content):
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
            if any((w := shorter.words[p]) in RELATIONS and w != longer.words[i] and w not in longer.words
                   and {_relation(shorter, w, end), _relation(longer, longer.words[i], i)} != {"than"}
                   and not same_relation(longer, i, shorter, p) for p in range(start + 1, end)):  # "at/in a bakery"
                return True
    return False


# Relation words that say the same before one kind of word (Quirk et al. 1985, ch. 9, prepositions of time and
# of means): the time of an event ("at/on the weekend", "in/during the winter months": a WordNet time period) and
# the means or medium ("learns Portuguese with/on Duolingo": an instrumentality, or a name: an app, a service).
# Other relations keep their meaning ("sublets from/to Felix", "works at/from a café", "before/after 2pm").

def _relation(t: _Text, word: str, i: int) -> str:
    """The role a relation word gives the word at ``i``: "to" after "prefer" and its object names what is liked
    less, as "over" and "than" do (:func:`.roles._compared`)."""
    return "than" if word == "to" and _compared(t.words, i) else RELATIONS[word]


def changes_a_verb(longer: _Text, extra: set[int]) -> bool:
    """Whether an extra word is an adverb particle (:data:`PARTICLES`) right after a word both texts share that
    can be a verb, making another verb (:func:`verb_senses.particle_keeps_verb`): "go off" is not "go" ("screens go
    off" / "screens go ... on Fridays"), "saving up" is "saving"."""
    for i in extra:
        verb = getAllLemmas(longer.words[i - 1]).get("VERB") if i and longer.words[i] in PARTICLES else None
        if verb and i - 1 not in extra and not longer.breaks[i] \
                and not verb_senses.particle_keeps_verb(verb[0], longer.words[i]):
            return True
    return False

def hyphened_to_shared(longer: _Text, extra: set[int]) -> bool:
    """Whether an extra word is hyphened to a shared one: the shared word is part of a compound that names another
    thing ("Her mother lives in Cork" / "Her mother-in-law ...", "husband" / "ex-husband"), or a prefix of kinship
    written apart from it ("step son", "great aunt", "grand daughter": "stepson", "great-aunt", "granddaughter")."""
    shared = set(longer.content) - extra
    return any(i - 1 in longer.hyphened and i - 1 in shared or i + 1 in shared and (i in longer.hyphened or (
        longer.words[i] in _KIN_PREFIXES and lexicon.names_a_person(longer.keys[i + 1]))) for i in extra)


_KIN_PREFIXES = frozenset(("step", "great", "grand"))


def name_runs_on(longer: _Text, extra: set[int]) -> bool:
    """Whether an extra capitalised word follows a shared model number with no break: the model's name goes on and
    names another model ("Uses a Pixel 8" / "Uses a Pixel 8 Pro", "Canon EOS R6" / "... R6 Mark II"), not a detail;
    after a word, a name may go on to a kind of it ("Apple Watch" / "Apple Watch Series 9")."""
    for i in extra:
        k = i - 1
        while k >= 0 and k not in extra and not longer.breaks[k + 1] and longer.written[k][:1].isupper() | is_number(
                longer.words[k]):
            k -= 1  # back along the name's words and numbers ("iPhone 15 Pro" before "Max")
        if i - k > 2 and longer.names[i] and any(is_number(w) for w in longer.words[k + 1:i]):
            return True
    return False


def compound_head(longer: _Text, extra: set[int]) -> bool:
    """Whether an extra word follows a shared word as the head of a compound ("a new bike helmet": a helmet,
    not a bike): a noun right after it, not a name, a participle, a verb, a unit before its number ("tips the bin
    men £20") or a modifier of a shared word after it ("new front tyres": tyres still; not where WordNet names the
    compound another kind of thing, :func:`kinds.another_kind`: "a water gun" is no gun)."""
    for i in extra:
        if i + 1 < len(longer.words) and i + 1 not in extra and i + 1 in longer.content and not longer.breaks[i + 1] \
                and kinds.another_kind(longer.words[i], longer.keys[i + 1]):
            return True  # "a water gun", "a hot dog": the shared noun made part of another thing
        if i and i - 1 not in extra and not longer.breaks[i] and i - 1 in longer.content \
                and longer.roles[i] == longer.roles[i - 1] and not longer.roles[i - 1].startswith("verb") \
                and not (i + 1 < len(longer.words) and not longer.breaks[i + 1] and (
                    longer.words[i + 1].replace(".", "").isdigit()
                    or i + 1 not in extra and i + 1 in longer.content and longer.roles[i + 1] == longer.roles[i])) \
                and not longer.names[i] and not longer.roles[i].startswith("verb") \
                and longer.words[i] not in SUBORDINATORS and longer.words[i] not in FUNCTION_WORDS \
                and lexicon.is_noun(longer.words[i]) and not _verb_form(longer.words[i])[2] \
                and not longer.words[i].endswith("ing"):
            return True
    return False


def acted_on_by_voice(shorter: _Text, longer: _Text) -> bool:
    """Whether one text is a passive about the owner (:func:`.restated.owner_undergoes`: "Is annoyed by loud music")
    and the other the active of its verb with someone else as the object ("Loud music annoys her neighbours"):
    another one acted on."""
    return any(passive(p) and not passive(q) and owner_undergoes(p) in verb_lemmas(q) and not owner_object(q)
               for p, q in ((shorter, longer), (longer, shorter)))


_DETERMINERS = frozenset(("his", "her", "their"))  # possessive determiners ("my" is a function word: the owner)
_ARTICLES = frozenset(("a", "an", "the", "this", "that", "these", "those"))


def owners_only(shorter: _Text, longer: _Text, extra: set[int], same: dict[str, str]) -> bool:
    """Whether the longer's extra words are only possessive determiners before a noun the shorter has with none, in
    two texts about the owner (:func:`.roles.doers`), about the same persons where the longer names no one else
    ("Accountant: Martin Hale" / "Martin Hale is her accountant"), or opening the longer ("Her son ..."): the
    owner's, as the shorter's bare noun is (or its synonym, ``same``: the shorter's words -> the longer's: "Mom" /
    "His mother")."""
    written_as = {v: k for k, v in same.items()}

    def bare(i: int) -> bool:  # the shorter's noun with no article ("Called mother", not "Borrowed the car"), in
        j = shorter.first.get(written_as.get(longer.keys[i], longer.keys[i]))  # its number
        return j is not None and lexicon.is_noun(shorter.words[j]) and (not j or shorter.words[j - 1] not in _ARTICLES) \
            and (shorter.roles[j][:4] == "verb" or _plural(shorter.words[j]) == _plural(longer.words[i]))  # "Walks
        # dogs": no dog of one's own ("Her walk to the café" / "Walks to the café": a verb, no noun, counts no dogs)

    if not all(longer.words[i] in _DETERMINERS and i + 1 < len(longer.words) and bare(i + 1) for i in extra):
        return False
    if extra == {0} or doers(shorter) == doers(longer) == OWNER_ONLY:
        return True
    return not shorter.verbs and not longer.verbs and not any(  # "X is Y" / "Y is her X": one identity
        _names_someone(longer, i) and longer.keys[i] not in shorter.bag for i in longer.content if i not in extra)


def another_owner(shorter: _Text, longer: _Text, extra: set[int]) -> bool:
    """Whether an extra word names another owner of what follows it: a possessive ("Her sister's husband is a
    pilot" / "Her husband is a pilot", "Walks her friend's dog" / "Walks her dog"), or a person put after a shared
    "her"/"his"/"their", which then is theirs ("Sends her brother money" / "Sends her money")."""
    for i in extra:
        follows = i + 1 < len(longer.words) and i + 1 not in extra and i + 1 in longer.content \
            and not longer.breaks[i + 1]
        if follows and longer.written[i].endswith("'s") and not one_of(shorter, longer.keys[i + 1]):
            return True  # not where the shorter says "a hospital": "St Mary's hospital" says which
        if follows and i and i - 1 not in extra and longer.words[i - 1] in _DETERMINERS \
                and lexicon.names_a_person(longer.keys[i]):
            return True
    return False


def verb_for_copula(shorter: _Text, longer: _Text, extra: set[int]) -> bool:
    """Whether the longer's extra main verb is a copula of another meaning than the shorter's "is" (Quirk et al.
    1985, 16.21: "feel", "seem", "look", "sound", "appear", "become", "grow", "turn", "remain", "stay"), before what
    the two share, where the shorter has no verb of content: "Is a failure" / "Feels like a failure", "Is the cold"
    / "Feels the cold", "Is better" / "Will feel better", "Is lonely" / "Used to feel lonely" ("feels anxious" is
    "is anxious": :mod:`.light`)."""
    if any(shorter.roles[i].startswith("verb") for i in shorter.content):
        return False
    first = min((i for i in longer.content if i not in extra), default=len(longer.words))
    return any(i < first and (longer.roles[i].startswith("verb") or i and longer.words[i - 1] == "to")
               and lexicon.bare(longer.keys[i]) in _COPULAR for i in extra)  # "used to feel": an infinitive


_COPULAR = frozenset("feel seem look sound appear become grow turn remain stay".split())


def predicates_a_fragment(shorter: _Text, longer: _Text, extra: set[int]) -> bool:
    """Whether the longer says the shorter's whole phrase, which has no verb, is in a state: "Boiler leak" / "Boiler
    leak is resolved", "Dinner with Tom" / "Postponed: dinner with Tom" (:mod:`.labels`): every extra word after an
    "is" the shorter lacks, none a noun (a state, not more about a thing: "Dog Rex" / "Dog Rex is a beagle")."""
    if shorter.verbs or not _COPULAS.isdisjoint(shorter.words) or not AUXILIARIES.isdisjoint(shorter.words):
        return False
    copula = next((i for i, w in enumerate(longer.words) if w in _COPULAS), None)
    return copula is not None and copula - 1 in longer.content and copula - 1 not in extra \
        and all(i > copula and not lexicon.is_noun(longer.words[i]) for i in extra)


def one_of(t: _Text, k: str) -> bool:
    """Whether key ``k`` of ``t`` stands after "a" or "an": one of its kind, whichever ("Has a dog", "Is a doctor")."""
    return k in t.indefinite
