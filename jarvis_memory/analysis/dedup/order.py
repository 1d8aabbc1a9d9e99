"""Which participants changed places between two texts: roles exchanged or moved (who does what to whom, read by
:func:`.roles.of`), a side of "is" changed, runs of words exchanged in one frame.  Each answer is a variant of
change ``order`` (:mod:`.compare`), never a duplicate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lemminflect import getAllLemmas, getInflection

from . import lexicon
from .clauses import SUBORDINATORS
from .recurrence import RATES, WEEKDAYS
from .roles import AGENT, AUXILIARIES, CAUSATIVE, OWNER, OWNER_ONLY, PASSIVE, RELATIONS, _names_someone, doers, stranded
from .times import MONTHS

if TYPE_CHECKING:
    from .text import _Text


def changed_roles(a: _Text, b: _Text, same: dict[str, str], typos: set[str]) -> tuple[list[str], list[str]] | None:
    """Participants of ``a`` and ``b`` in other roles, as ``([words of a], [words of b])``, or ``None``: two that
    exchanged roles ("Nadia owes the user" / "The user owes Nadia": subject and object; "trains over planes" /
    "planes over trains"), or one that moves between the subject and the object of a verb ("X's boss called her")
    or, in a clause whose other subject stays, a relation ("Vanessa is taller than her mother" / "Vanessa's mother
    is taller than her"), or the doer of an action's noun that the other text's verb acts on ("Her mother's visit" /
    "Visited her mother": :func:`_doer_acted_on`).  The owner is the subject a text with a verb and none leaves unwritten ("Earns more than
    wife" / "Wife earns more than the user").  Any other one word read in another role (a misparse, a moved
    phrase, a word after a misspelt relation word) does not count.
    ``same`` maps a word of ``a`` to the word of ``b`` that stands for it (a typo, a synonym); a misspelt word
    (``typos``) has no known role, and numbers and rates are left out ("at 9 on Mondays", "once a month" say the same
    wherever they stand)."""
    from .text import is_number

    def verbs(t: _Text) -> bool:
        return any(r.startswith("verb") for r in t.roles)

    def clause(t: _Text) -> int | None:  # where its verb (or "is") stands
        return next((i for i, (w, r) in enumerate(zip(t.words, t.roles)) if w in AUXILIARIES or r.startswith("verb")),
                    None)

    def a_noun(k: str, other: str) -> bool:
        """A participant (a name, a noun, the owner) in a clause in both texts, after the verb where it is no
        subject: a phrase before the verb ("In Bern the user's mother Zainab has ...") has no reliable end."""
        if k != "\x04owner" and not _names_someone(a, a.first[k]):
            return False
        for t, (role, i) in ((a, places_a[k]), (b, places_b[other])):
            verb = clause(t)
            if verb is None or (role != "subj" and i < verb):
                return False
        return True

    def kept_subject(k: str) -> bool:  # another word is the subject of both: one sentence, not a reshaped one
        return any(r == "subj" and w != k and roles_b.get(same.get(w, w)) == "subj" for w, r in roles_a.items())

    turned = _owner_acted_on(a, b) or _owner_acted_on(b, a)[::-1]
    if turned:
        return turned
    if not verbs(a) and not verbs(b) and any(w in _COPULAS for w in a.words) and any(w in _COPULAS for w in b.words):
        across = _across_the_copula(a, b, same)
        if across is not None:
            return across if across[0] or across[1] else None
    if verbs(a) != verbs(b):  # an action as a noun and as a verb: "Her mother's visit" / "Visited her mother"
        found = _doer_acted_on(a, b, same) if verbs(b) else _doer_acted_on(b, a, {v: k for k, v in same.items()})
        if found:
            return ([found[0]], [found[1]]) if verbs(b) else ([found[1]], [found[0]])
    moved = {}  # (role in a, role in b) -> (word of a, word of b)
    places_a, places_b = _participants(a), _participants(b)
    roles_a, roles_b = ({k: role for k, (role, _) in p.items()} for p in (places_a, places_b))
    for k, role in roles_a.items():
        other = same.get(k, k)
        other_role = roles_b.get(other)
        if not other_role or k in typos or is_number(k) or k in RATES or not role or role == other_role:
            continue
        moved.setdefault((role, other_role), (k, other))
        swapped = moved.get((other_role, role))
        pair = {role, other_role}
        if pair == {"subj", "obj"} and verbs(a) and verbs(b) \
                or "subj" in pair and not any(r == "obj" or r.startswith("verb") for r in pair) and not typos and a_noun(k, other) and kept_subject(k):
            return [k] if k in a.first else [], [other] if other in b.first else []
        if swapped:
            return [w for w in (k, swapped[0]) if w in a.first], [w for w in (other, swapped[1]) if w in b.first]
    return None


_STATE_PREPOSITIONS = frozenset((w,) for w in "about in with of at to for on".split())  # "is worried about"


def _owner_acted_on(passive: _Text, active: _Text) -> tuple[list[str], list[str]]:
    """The verb the owner undergoes in ``passive`` (a passive with no subject written: "Gets paid £20 an hour") and
    does in ``active`` ("Pays £20 an hour"), as ``([its key], [its key])``, or ``()`` if there is none."""
    at = next((i for i, r in enumerate(passive.roles) if r == PASSIVE), None)
    if at is None or AGENT in passive.roles or "obj" in passive.roles[:at] or PASSIVE in active.roles \
            or CAUSATIVE in active.roles or doers(active) != OWNER_ONLY:
        return ()
    at = next((i for i in range(at + 1, len(passive.words)) if passive.roles[i].startswith("verb")), None)
    verb = passive.keys[at] if at is not None else None
    i = active.first.get(verb)
    if i is None or not active.roles[i].startswith("verb") or active.words[i] == passive.words[at] \
            or passive.words[at + 1:at + 2] in _STATE_PREPOSITIONS:
        return ()  # a participle opening a note is a passive too ("Diagnosed with asthma"), one before a preposition
        # a state ("Is worried about costs" / "Worries about costs")
    return [verb], [verb]


def _doer_acted_on(noun: _Text, verb: _Text, same: dict[str, str]) -> tuple[str, str] | None:
    """The person that stands right before an action's noun in a text with no verb ("Her mother's visit was in
    March": the subjective genitive, its doer, Quirk et al. 1985, 17.41) and is the object of that action's verb
    in the other ("Visited her mother in March"), as ``(its word in noun, its word in verb)``, or ``None``.  ``same``
    maps a word of ``noun`` to the word of ``verb`` that stands for it."""
    for j, r in enumerate(verb.roles):
        if not r.startswith("verb"):
            continue
        i = next((i for i, k in enumerate(noun.keys) if same.get(k, k) == verb.keys[j]), None)
        if i is None or lexicon.names_a_person(noun.keys[i]):
            continue  # "fluent Spanish speaker": a doer's noun, its object before it
        k = noun.keys[i - 1] if i else ""
        at = verb.first.get(same.get(k, k))
        if at is not None and at > j and verb.roles[at] == "obj" and k in doers(noun):
            return k, same.get(k, k)
    return None


_COPULAS = frozenset("is are am was were be been being has have had".split())
_BE = _COPULAS - {"being"}  # what may open a note's passive: "Is married", "Has been married"


def _across_the_copula(a: _Text, b: _Text, same: dict[str, str]) -> tuple[list[str], list[str]] | None:
    """Two texts with no verb but "is" or "has" (:data:`_COPULAS`): the participants (subject and object, not a
    relation's words) one places on the other side of it, as :func:`changed_roles` gives them; ``([], [])`` when
    the two sides changed places whole, the same statement ("Sam is my partner" / "My partner is Sam"); ``None``
    when no participant changed side (other roles may have changed).  A word that changes side alone changes who
    is what ("My manager is Kate" / "I am Kate's manager", "Jamal is the user's contact" / "Is Jamal's contact")."""
    def sides(t: _Text, as_b: dict[str, str]) -> dict[str, bool]:  # participant -> before the copula
        copula = next((i for i, w in enumerate(t.words) if w in _COPULAS), len(t.words))
        found = {as_b.get(k, k): i < copula for k, i in t.first.items() if t.roles[i] in ("subj", "obj")}
        for k, i in _sequence(t):
            if k == "\x04owner":
                found[k] = i < copula
        return found

    side_a, side_b = sides(a, same), sides(b, {})
    shared = side_a.keys() & side_b.keys()
    moved = [k for k in shared if side_a[k] != side_b[k]]
    if not moved:
        return None
    if len(moved) == len(shared):
        return [], []  # the two sides exchanged whole: the same statement
    back = {v: k for k, v in same.items()}
    return [back.get(k, k) for k in moved if back.get(k, k) in a.first], [k for k in moved if k in b.first]


def _participants(t: _Text) -> dict[str, tuple[str, int]]:
    """Each content word's role and where it first stands, and the owner's (``"\x04owner"``): where "I", "me",
    "my" or "the user" first stands, or the subject of a text with a verb and no subject of its own ("Swims"), the
    object if that verb is a passive ("Is married")."""
    found = {k: (t.roles[i], i) for k, i in t.first.items()}
    owner = next(((t.roles[i], i) for i, w in enumerate(t.words) if w in OWNER and t.roles[i]), None)
    if owner is None and any(r.startswith("verb") for r in t.roles):
        at = t.roles.index(PASSIVE) if PASSIVE in t.roles else len(t.words)  # "Is married", "Has been married
        # for 18 years", "Was proposed to by Sam": the owner undergoes it (as the object, or after the preposition
        # left); "Is worried about costs" is a state, its owner the subject
        left = stranded(t.words, t.breaks, at + 1)
        state = t.words[at + 2:at + 3] in _STATE_PREPOSITIONS - {("for",)}  # "for" may start a duration
        if all(w in _BE for w in t.words[:at + 1]) and (left or not state):  # not "Gets paid" (_owner_acted_on)
            owner = (left or "obj", -1)
        elif "subj" not in t.roles:
            owner = ("subj", -1)
    if owner:
        found["\x04owner"] = owner
    return found


def swapped_in_place(a: _Text, b: _Text, same: dict[str, str]) -> tuple[list[int], list[int]] | None:
    """Two runs of content words (or the owner: "me", "I") that changed places, each taking the other's words
    around it ("an older brother Sam and a younger brother Tim" / "... Tim ... Sam", "school run first, then the
    gym" / "the gym first, then school run", "Sam texts me" / "I text Sam"), as their words' positions
    ``([positions in a], [positions in b])`` at the first place, or ``None``: the texts' words are not one
    exchange apart, nothing but "and"/"or" stands between the two (a list: "Mondays and Thursdays"; a moved
    phrase: "At 7 walks the dog" / "Walks the dog at 7") unless both are numbers side by side, the parts of one
    value ("03/11" / "11/03"), or a circumstance moved past a participant.  ``same`` maps a word of ``a`` to the
    word of ``b`` that stands for it (a typo, a synonym)."""
    from .text import VALUE_WORDS, is_number

    def circumstance(start: int, stop: int) -> bool:  # a phrase opening with a relation word ("on Mondays", "every
        # weekday"; not the first part of a compound: "in-laws"), or a time or a number ("9 am"): it moves past the
        # rest freely, a participant does not
        keys = words_a[start:stop]
        return keys[0] in RELATIONS and seq_a[start][1] not in a.hyphened \
            or all(is_number(k) or k in VALUE_WORDS for k in keys)

    def adjacent(p: int, x: int, y: int) -> bool:
        """Two runs side by side that exchanged places: the parts of one number ("03/11"), or the owner and
        another participant with a word between them in one text ("Jamal is the user's contact" / "Is Jamal's
        contact") next to a word both keep in place (no moved phrase: "Sam is my partner" / "My partner is Sam")."""
        i, j = seq_a[p + x - 1][1], seq_a[p + x][1]  # a's last word of the first run, first of the second
        if all(map(is_number, words_a[p:p + x + y])):  # the parts of one number, or two numbers each in its own
            # relation that stayed in place: "from 9 to 5" / "from 5 to 9" (in a list, "9 or 10", the order says nothing)
            return j == i + 1 or any(w in RELATIONS and w not in ("and", "or") for w in a.words[i + 1:j])
        if x == y == 1 and not (a.names[i] or a.names[j] or a.breaks[j] or a.written[i].endswith(("'s", "\u2019s"))) \
                and all(_plain_noun(a, k) for k in (i, j)) and (j == i + 1 or a.words[i + 1:j] == ("of",)
                                                               and lexicon.names_a_measure(a.keys[i])):
            return True  # a compound's nouns exchanged: another head ("milk chocolate" / "chocolate milk"), or an
            # amount for a kind ("a glass of wine" / "a wine glass")
        runs = (seq_a[p:p + x], seq_a[p + x:p + x + y])
        if p == 0 and p + x + y == len(words_a) or not any(
                [k for k, _ in run] == ["\x04owner"]
                and all(k != "\x04owner" and _names_someone(a, at) for k, at in other)
                for run, other in (runs, runs[::-1])):
            return False
        between = [t.words[seq[p + k - 1][1] + 1:seq[p + k][1]] for t, seq, k in ((a, seq_a, x), (b, seq_b, y))]
        ends = [seq_a[p + x + y - 1][1], seq_b[p + x + y - 1][1]]  # where the second run ends in each
        if x == y == 1 and any(w[:1] == ("of",) and set(w) <= {"of", "the"}
                               and not (e + 1 < len(t.words) and t.roles[e + 1] == t.roles[e] and e + 1 in t.content)
                               for w, t, e in zip(between, (a, b), ends)):
            return False  # the of-genitive for the possessive: "The niece of the user" / "The user's niece"; not
            # when the phrase goes on: "The teacher of the user's son"
        return any(w not in ("and", "or") for words in between for w in words)

    if AGENT in a.roles or AGENT in b.roles:
        return None  # a passive's "by" names who acts: its order is its roles' (changed_roles reads them)
    seq_a, seq_b = _sequence(a), _sequence(b)
    words_a, words_b = [same.get(k, k) for k, _ in seq_a], [k for k, _ in seq_b]
    if len(words_a) != len(words_b) or sorted(words_a) != sorted(words_b) or words_a == words_b:
        return None
    p = next(i for i, (x, y) in enumerate(zip(words_a, words_b)) if x != y)
    end = len(words_a) - next(i for i, (x, y) in enumerate(zip(words_a[::-1], words_b[::-1])) if x != y)
    mid_a, mid_b, n = words_a[p:end], words_b[p:end], end - p
    for x in range(1, n):
        for y in range(1, n - x + 1):
            if mid_a[:x] != mid_b[n - x:] or mid_a[n - y:] != mid_b[:y] or mid_a[x:n - y] != mid_b[y:n - x]:
                continue
            at = seq_a[p + x - 1][1]
            if x + y == n and seq_a[p + x][1] == at + 1 and (at in a.hyphened or all(
                    s >= 0 and a.names[s] for _, s in seq_a[p:end])):  # one code's or name's parts side by side:
                return [s for _, s in seq_a[p:p + x]], [s for _, s in seq_b[p:p + y]]  # "B2" / "2B", "Ann Lee" / "Lee Ann"
            if x + y == n and not adjacent(p, x, y):
                continue  # nothing between: a moved phrase or a list
            if circumstance(p, p + x) != circumstance(end - y, end):
                continue  # a circumstance moved: "X is at 9 every day" / "Every day at 9 there is X"
            first, second = (a.words[seq_a[k][1] - 1] if seq_a[k][1] > 0 else "" for k in (p, p + n - y))
            if circumstance(p, p + x) and first == second and first in RELATIONS \
                    and all(w in RELATIONS for w in mid_a[x:n - y]):
                continue  # two circumstances side by side after one relation word: the phrases moved whole ("in
                # May in 3:58"); with a word between that stays, the values changed places ("in May and Oslo in June")
            return [s for _, s in seq_a[p:p + x]], [s for _, s in seq_b[p:p + y]]
    return None


def _third_person(word: str) -> bool:
    """Whether a folded word may be a verb's "-s" form: one of its noun lemmas inflected so ("texts", "rings")."""
    return any(word in (getInflection(n, "VBZ") or ()) for n in getAllLemmas(word).get("NOUN", ()))


def _plain_noun(t: _Text, i: int) -> bool:
    """Whether word ``i`` of ``t`` is read as a noun only: no verb there, no "-ing" form, no adverb ("long")."""
    return lexicon.is_noun(t.words[i]) and not t.roles[i].startswith("verb") and not t.words[i].endswith("ing") \
        and "ADV" not in getAllLemmas(t.words[i])


IMPLICIT = -1  # the position of the owner a text leaves unwritten (:func:`_sequence`)


def shown(t: _Text, positions: list[int]) -> str:
    """The words at ``positions`` as ``t`` writes them ("the user" for the unwritten owner)."""
    return " ".join("the user" if i == IMPLICIT else t.written[i] for i in positions)


def _sequence(t: _Text) -> list[tuple[str, int]]:
    """``t``'s content words and the words naming its owner (:data:`OWNER`), in order: ``(key, position)``, the
    owner's key being ``"\x04owner"``; the owner as the unwritten subject of a text opening with its verb or "is"
    first, at position :data:`IMPLICIT`."""
    content = set(t.content)
    found = [("\x04owner" if w in OWNER else t.keys[i], i) for i, w in enumerate(t.words)
             if i in content or (w in OWNER and t.roles[i])]
    if "subj" not in t.roles and t.words and (t.words[0] in AUXILIARIES or t.roles[0].startswith("verb")) \
            and all(w not in OWNER for w in t.words):
        found.insert(0, ("\x04owner", IMPLICIT))  # "Is Jamal's contact", "Swims": the owner is the subject
    return found


def swapped_clauses(a: _Text, b: _Text) -> tuple[str, str] | None:
    """Two clauses joined by one "and", "then" or one subordinator, each with its verb, in the other order: events
    in another order ("Got married and had a baby" / "Had a baby and got married", "Rings, then texts"), a
    condition made the main clause ("I stay with Tom when I am in Leeds" / "I am in Leeds when I stay with Tom"),
    as each text's first clause as written, or ``None``; not a list of things ("a cat and a dog": no verbs).  A
    text still opening with its subordinator (:func:`.clauses.fronted` found no end to the clause) against one with
    it inside is taken for two clauses in another order unless one cut of its words, the clause moved last, is the
    other text."""
    for x, y in ((a, b), (b, a)):  # "When Tom is away Anna walks ...": which words are the clause is unknown
        if x.words[:1] and x.words[0] in SUBORDINATORS and y.words[:1] != x.words[:1] and x.words[0] in y.words[1:] \
                and not any(x.words[k:] + x.words[:k] == y.words for k in range(2, len(x.words) - 1)):
            return " ".join(a.written), " ".join(b.written)
    halves_a, halves_b = _clauses(a), _clauses(b)
    if halves_a is None or halves_b is None or halves_a[0][0] == halves_a[1][0] or halves_a[2] != halves_b[2] \
            or (halves_a[0][0], halves_a[1][0]) != (halves_b[1][0], halves_b[0][0]):
        return None
    return halves_a[0][1], halves_b[0][1]


def _clauses(t: _Text) -> tuple[tuple[tuple[str, ...], str], tuple[tuple[str, ...], str], str] | None:
    """The two clauses of ``t`` around its one "and", "(and) then" or subordinator (:data:`.clauses.SUBORDINATORS`),
    as (their keys sorted, the first as written) and the word that joins them, if each has a verb or an auxiliary
    (the first: or opens with a word that may be one)."""
    joins = [i for i, w in enumerate(t.words) if w == "and" and t.words[i + 1:i + 2] != ("then",)
             or w in SUBORDINATORS or w == "then" and i and (t.breaks[i] or t.words[i - 1] == "and")]  # ", then"
    if len(joins) != 1:
        return None
    halves = (range(joins[0]), range(joins[0] + 1, len(t.words)))
    verbs = [any(t.roles[i].startswith("verb") or t.words[i] in AUXILIARIES for i in h) for h in halves]
    if not verbs[1] or not (verbs[0] or _third_person(t.words[0])):  # a note's first word: "Texts the quote, then"
        return None
    content = set(t.content)
    return (*((tuple(sorted(t.keys[i] for i in h if i in content or t.words[i] in AUXILIARIES)),
               " ".join(t.written[i] for i in h)) for h in halves), t.words[joins[0]])


# Prepositions that join a noun to what a modifier before it says: "the lab reports for BIOL 2020" are "the BIOL 2020
# lab reports", "a museum in Munich" "a Munich museum" (Quirk et al. 1985, 17.104-17.107: a postmodifying phrase and
# the premodifying noun it may become); not "over", "to", "than", "with", "by": orders or roles
POSTMODIFYING = frozenset(("in", "for", "at", "from", "on"))
_DETERMINERS = frozenset(("the", "a", "an"))
_TIMES = RATES | WEEKDAYS | frozenset(MONTHS)  # what says when, not which thing ("in June")


def premodified(t: _Text, other: _Text) -> str | None:
    """``t`` with its first phrase after a noun said before it as ``other`` says it there (up to three content words
    after :data:`POSTMODIFYING`, an article left out, moved before the run of up to three nouns it follows, which
    ``other`` writes as one run of words): "Marks the lab reports for BIOL 2020" → "marks the biol 2020 lab reports";
    else ``None`` ("Sublets a room from Felix" is not "... a Felix room")."""
    for p in range(1, len(t.words) - 1):
        if t.words[p] not in POSTMODIFYING or p - 1 not in t.content or not lexicon.is_noun(t.words[p - 1]) \
                or t.roles[p - 1].startswith("verb"):
            continue
        start = p + 1 + (t.words[p + 1] in _DETERMINERS)
        end = start
        while end < min(start + 3, len(t.words)) and end in t.content and not t.breaks[end] \
                and not t.roles[end].startswith("verb"):
            end += 1
        if end == start or end < len(t.words) and end in t.content and not t.breaks[end]:
            return None  # no phrase, or one of more than three words
        activity = t.words[p - 1].endswith("ing")  # "gardening on the balcony": where the activity is, either way
        if not (activity or any(t.names[k] or t.words[k][:1].isdigit() for k in range(start, end))) \
                or any(t.written[k].endswith(("'s", "’s")) or lexicon.key(t.words[k]) in _TIMES for k in range(start, end)):
            return None  # a classifier names one thing ("BIOL 2020", "London"); "on the train", "at work", "in June",
            # "at Tom's" after a thing say where or when the verb is ("Reads the paper on the train")
        head = p - 1
        while head > max(0, p - 3) and head - 1 in t.content and lexicon.is_noun(t.words[head - 1]) \
                and not t.breaks[head]:
            head -= 1
        words, phrase = t.words, (*t.words[start:end], *t.words[head:p])
        if not any(other.words[i:i + len(phrase)] == phrase for i in range(len(other.words))):
            return None
        return " ".join((*words[:head], *phrase, *words[end:]))
    return None
