"""A memory's text as the audit reads it: normalised, tokenised (hedges, fillers and negations marked), and the vocabulary that says whether a word is a known word or a typo."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from . import (clauses, contractions, endings, labels, lexicon, membership, negation, numbers, recurrence, reported,
               roles, times)
from .light import light_verbs
from .reported import HEDGES
from .symbols import VALUE
from .tuning import CORPUS_KNOWN, KNOWN_ZIPF, MAX_BLOCK, MAX_CUT_WORDS, NAME_ZIPF

# Words whose change leaves a memory's statement as it was.  Hand-written because the
# stop-word lists of NLP libraries (NLTK, spaCy, scikit-learn) hold negations, pronouns,
# quantifiers and prepositions ("not", "she", "before", "without") that change a fact.
MAXIMIZERS = frozenset("absolutely completely totally utterly".split())  # a verb holds fully (Quirk et al. 1985, 8.104)
FILLER = frozenset("really very just actually basically quite definitely honestly literally simply truly certainly"
                   " also too so pretty any".split()) | MAXIMIZERS  # a maximizer counts under a negation ("not fully")
FUNCTION_WORDS = FILLER | frozenset(
    "a an the of and that which who whom this these those there it its to is are be been being"
    " has have got do does all them other user users currently how will"  # "will": the future the present says
    # the memory's owner ("I swim", "The user swims" and "Swims" are one subject in a personal store)
    " i me my myself mine".split())  # past forms (was, had) do count
NEGATIONS = frozenset("not no never nobody nothing none neither nor cannot stop stops stopped quit quits skip skips"
                      " skipped cease ceased".split())
NEGATION_SCOPE = 4  # words after a negation that it negates (up to punctuation; fillers not counted)
ADVERBS = FILLER | frozenset(("currently", "all", "both"))  # may stand between an auxiliary and its verb
# Words that start a phrase of its own: an added phrase starting with one is new
# information about the same statement ("lost her job *at* ...", "*last* month").
PHRASE_STARTS = frozenset(
    "at in on with for from after before since until during while when because but or and to by near about"
    " around every each last next this yesterday today tomorrow ago recently now as according except especially"
    " mostly usually where which who whose so then once twice unless if though although including plus also"
    " most".split())
# Closed-class words that lemminflect's dictionary lacks as well ("the", "for", "cannot"): no name opening a memory
_NO_NAMES = FUNCTION_WORDS | NEGATIONS | HEDGES | PHRASE_STARTS
# Words that carry a value like a number does (a changed one is a likely conflict).
VALUE_WORDS = frozenset(
    "january february march april may june july august september october november december monday tuesday"
    " wednesday thursday friday saturday sunday am pm noon midnight morning mornings afternoon afternoons"
    " spring summer autumn winter"
    " evening evenings night nights tonight today tomorrow yesterday weekend weekends weekday weekdays daily"
    " weekly monthly yearly hourly nightly fortnightly quarterly".split())
_ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th"))
# A letter a number goes with as its unit ("5k", "3h", "1990s", "50p", "20c"), not a suffix ("Pixel 8a", "flat 3b")
_UNIT_LETTERS = frozenset("kmhsgxlptcw")
_LETTER_A = "a."  # a capital "A" inside a sentence ("Rev A", "hepatitis A"): the letter, no article
_DIGITS = re.compile(r"\d+")
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})  # German written without umlauts


_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b|(?<=s)['’](?=\s)")  # "Anna's" is the name "Anna", "twins'" "twins"
# ... but a pronoun's "'s" is "is", or "has" before a participle, and a noun's where none follows (.contractions)
_OWNED = ("'s", "s'")  # how a possessive's word is shown (:func:`_tokens`)
_SHORTHAND = re.compile(r"(?i)\bw/(o\b)?")  # "w/" is "with", "w/o" "without": a note's shorthand, in no lexicon
_PER = re.compile(r"(?i)(?<=\d)\s?/\s?(?=(?:hour|night|day|week|month|year)\b)")  # "$1,200/month": "per month"
# An arrow between steps says "then" ("home → gym → office"; " > " between words, not before a number): a sequence
_ARROW = re.compile(r"\s*(?:→|➔|➜|⟶|⇒|->|=>)\s*|\s+>\s+(?!\d)")
# ... and a comparison sign before a number its words ("> 30" / "< 30" are "over 30" / "under 30")
_COMPARISON = re.compile(r"\s*([<>≤≥])\s*(?=\d)")
_COMPARED = {">": " over ", "<": " under ", "≥": " at least ", "≤": " at most "}
_ARROW_SIGNS = frozenset("<>→➔➜⟶⇒≤≥")  # what _ARROW or _COMPARISON may match
# "no." before a number, or "no" before "is"/"was", is the noun "number" (Latin "numero"): "No. 5 bus"
_NUMERO = re.compile(r"\b[Nn][Oo]\.(?=\s*\d)|(?<=\w )[Nn][Oo]\.?(?=\s+(?:is|was|are|were)\b)")
# A number with its sign and its ':', '.' or decimal ',' parts is one word ("7:30", "0.05", "-18", "2,5", ".5": its
# parts keep their order and leading zeros, as symbols.py keeps a number's marks).  A value written with symbols
# (symbols.VALUE: "C++", an e-mail address) is one token.  The last: any other symbol, kept only if a currency sign
# (Unicode category Sc: "€", "$"), which is a value like a number's unit
_TOKEN = re.compile(VALUE.pattern + r"|(?:(?<![\w.])[-\u2212+]|(?<=[^\W\d_])\+)?(?:\d+(?:[.:]\d+|,\d{1,2}(?!\d))*"
                    r"|(?<![\w.])\.\d+)|[^\W\d_]+|[.,;:!?()\[\]—–]|[^\w\s]")
_BREAKS = frozenset(".,;:!?()[]—–")


@dataclass(frozen=True, slots=True)
class _Text:
    """A memory as folded words (accents, case, contractions and number words undone)."""

    words: tuple[str, ...]  # "two" and "2nd" as "2", American spelling ("favourite" as "favorite")
    keys: tuple[str, ...]  # each word's lemma, marked when a past verb form (lexicon.key): what is compared
    spelled: tuple[str, ...]  # as written (folded), for the typo test: "foour" is a typo of "four", not of "4"
    breaks: tuple[bool, ...]  # punctuation before the word
    names: tuple[bool, ...]  # capitalised inside the text, or opening it and no common word (roles.uncommon)
    negations: int
    negated: tuple[str, ...]  # content words a negation applies to ("not" + up to NEGATION_SCOPE words)
    content: tuple[int, ...]  # positions of content words (not function words, not negations)
    bag: dict[str, int]  # content word keys -> how often
    first: dict[str, int]  # content word key -> its first position
    written: tuple[str, ...]  # each word as the memory writes it ("Zoë", "10"), to show a value to a reader
    roles: tuple[str, ...]  # each word's role (roles.of): who does what to whom
    verbs: frozenset[str]  # the keys of the words read as verbs
    hyphened: frozenset[int]  # positions of words joined to the next by a hyphen ("mother-in-law"), "7" in "A7R"
    gender: str | None  # "f" or "m": of the pronoun that stands for the owner (roles.owner_gender)
    indefinite: frozenset[str]  # content keys within three words after "a"/"an": one of a kind, whichever

    @property
    def size(self) -> int:  # how many content words
        return len(self.content)

    @property
    def whole(self) -> _Text:
        """The text itself, parsed (a :class:`_Long` is parsed again)."""
        return self

    @property
    def runs(self) -> tuple[tuple[str, ...], bytes]:
        """The content words' keys in order, and for each whether the next content word follows it directly."""
        c = self.content
        return tuple(self.keys[i] for i in c), bytes(c[k + 1] == c[k] + 1 for k in range(len(c) - 1))


def _words(raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A memory's folded words and each as written, as :func:`_text` reads them (no lemmas, no roles): enough to
    show what a member of a review group says that the others do not."""
    tokens = _tokens(raw)
    return tuple(t[0] for t in tokens), tuple(t[4] for t in tokens)


def _tokens(raw: str) -> list[tuple[str, str, bool, bool, str, bool]]:
    text = unicodedata.normalize("NFKC", raw).replace(" - ", " — ")  # a spaced hyphen is a dash, a break
    if "o." in text or "O." in text or "o i" in text or "o w" in text or "o a" in text:  # what _NUMERO may match
        text = _NUMERO.sub("number", text)
    if not _ARROW_SIGNS.isdisjoint(text):
        text = _ARROW.sub(" then ", _COMPARISON.sub(lambda m: _COMPARED[m[1]], text))
    text = numbers.in_digits(text)
    text = negation.plain(contractions.expanded(text))
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub("\x00", text).replace("'", "").replace("’", "")
    owned = set()  # where a possessive's "'s" ended a word: it is shown ("sister's"), and names an owner
    if "\x00" in text:
        parts = text.split("\x00")
        owned = {sum(map(len, parts[:k + 1])) for k in range(len(parts) - 1)}
        text = "".join(parts)
    if "/" in text:
        text = _PER.sub(" per ", _SHORTHAND.sub(lambda m: "without " if m[1] else "with ", text))
    # (word, spelled, break before, name, as written, joined to the next by a hyphen: "left-handed")
    tokens: list[tuple[str, str, bool, bool, str, bool]] = []
    brk = True
    label = None  # where a note's label ends ("Accountant: Martin Hale"): the words before its colon
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in _BREAKS:
            if label is None:  # only the first break may end a label; -1: none
                ends = token == ":" or token in "—–" and text[match.start() - 1:match.start()] == " "  # or "order - "
                label = len(tokens) if ends and not brk and len(tokens) <= labels.MAX_LABEL \
                    and text[match.end():match.end() + 1].isspace() else -1
            brk = True
            continue
        if not token[0].isalnum() and not token[1:2].isdigit():  # a sign or "." opening a number is part of it
            if unicodedata.category(token) != "Sc":
                continue  # "&", "#", "-": no word
            # a currency sign is its currency's name, read from the sign's Unicode name ("EURO SIGN": "€600" /
            # "600 euros"), so "€600" / "$600" differ in a value
            spelled = unicodedata.name(token, "currency").removesuffix(" SIGN").split()[-1].lower()
            tokens.append((spelled, spelled, brk, False, _shared(token), False))
            brk = False
            continue
        spelled = _fold(token)
        if spelled in _ORDINAL_SUFFIXES and tokens and tokens[-1][0].isdigit() and not brk:
            continue  # "4th" is 4
        # joined to the next word by a hyphen, or a number of a model code to its letters ("A7R", "265S": "A7" with
        # "R" added is another model, as "ex-husband" is no husband with "ex" added; not "5km", "1990s")
        after = text[match.end():match.end() + 1]
        suffix = token.isdigit() and after.isalpha() and after.lower() not in _UNIT_LETTERS \
            and not text[match.end() + 1:match.end() + 2].isalpha()  # "Pixel 8a", "12b Baker Street": one value
        joined = after == "-" or token[0].isdigit() and after.isalpha() and (
            after.isupper() or text[match.start() - 1:match.start()].isalpha() or suffix) or after.isdigit()  # "B2"
        letter = token in ("A", "a") and text[match.start() - 1:match.start()].isdigit()  # "8a": no article
        word = _LETTER_A if token == "A" and tokens and not brk or letter \
            else lexicon.american(numbers.WORDS.get(spelled, spelled))
        if spelled in ("till", "til") and not (tokens and (tokens[-1][0] in roles.DETERMINERS or token[0].isupper()
                                                           or tokens[-1][0] in roles.RELATIONS
                                                           or lexicon.no_verb(tokens[-1][0]))):
            word = "until"  # the older word "until" was made from (Merriam-Webster); not "the till", "at till 3",
            # "waits for Till" (a name), "the café till" (after a word that is no verb)
        tokens.append((word, spelled, brk, token[0].isupper() and not token.isupper() and (
            bool(tokens) or word not in _NO_NAMES and roles.uncommon(word)),
            _shared(token + ("'" if token[-1] == "s" else "'s") if match.end() in owned else token), joined))
        brk = False
    if label is not None and label > 0:
        tokens = labels.as_subject(tokens, label, HEDGES)
    if times.MAY_HOLD.search(text):
        tokens = times.read(tokens)
    tokens = clauses.fronted(reported.said(reported.unhedged(numbers.spoken(clauses.plain_connectives(tokens)))))
    return recurrence.every(endings.read(roles.uncleft(membership.read(tokens))))


def _text(raw: str) -> _Text:
    tokens = _tokens(raw)
    words = tuple(t[0] for t in tokens)
    breaks = tuple(t[2] for t in tokens)
    compound = tuple(t[5] or (i > 0 and tokens[i - 1][5]) or t[4][-2:] in _OWNED  # "left-handed", and a possessive
                     for i, t in enumerate(tokens))  # with its noun ("Twins' birthday"): no verb
    persons = tuple(t[3] and t[0] not in VALUE_WORDS for t in tokens)  # names, not "Saturday"
    word_roles = roles.of(words, breaks, persons, ADVERBS, compound)
    words = roles.owner_named(words, persons, word_roles)
    keys, light = light_verbs(words, _keys(words, word_roles), word_roles, FUNCTION_WORDS)
    # a passive's "by" and "was" mark who acts and when ("... was disliked by Victor"); a light verb's noun the doing
    negated = not NEGATIONS.isdisjoint(words)  # "Hasn't completely recovered" is no "Hasn't recovered"
    content = tuple(i for i, w in enumerate(words) if (w not in FUNCTION_WORDS or w == "this" and _deictic(words, i)
                                                         or w == "been" and _visited(words, i) or w == "will"
                                                         and persons[i] or w in MAXIMIZERS and negated)
                    and w not in NEGATIONS and not _emphatic(words, word_roles, i)
                    and word_roles[i] not in (roles.AGENT, roles.PASSIVE, roles.CAUSATIVE) and i not in light
                    and not (w == "am" and not (i and is_number(words[i - 1])))  # "I am", not "9 am"
                    and not (keys[i] == "get" and i + 1 < len(words) and roles.participle(words[i + 1])))
    # a get-passive's "get" anywhere ("before getting married"), as roles.of marks one opening a clause
    negated = []
    for i, w in enumerate(words):
        if w in NEGATIONS and i and word_roles[i - 1] == roles.PASSIVE:  # "The gym membership was cancelled":
            negated += [keys[j] for j in range(i - 1) if word_roles[j] == "obj"]  # a passive ends its subject
        elif w in NEGATIONS:
            scope = i + 1 + NEGATION_SCOPE
            for j in range(i + 1, len(words)):
                if breaks[j] or j >= scope or word_roles[i].startswith("verb") and words[j] in roles.RELATIONS \
                        or words[j] in _DEICTIC and _deictic(words, j):
                    break  # a verb of ending ends what it acts on: "Cancelled the gym membership in May"; a time
                    # is no part of what is negated: "Has no money left this month"
                if words[j] == "that":  # a that-clause is negated whole: "It is not true that she owns a car"
                    scope = len(words)
                elif words[j] in FILLER:
                    scope += 1  # a filler takes no place in the scope: "don't really like X much" / "don't like X much"
                negated.append(keys[j])
    first: dict[str, int] = {}
    for i in reversed(content):
        first[keys[i]] = i
    return _Text(words, keys, tuple(t[1] for t in tokens), breaks, tuple(t[3] for t in tokens),
                 sum(w in NEGATIONS for w in words), tuple(sorted(negated)), content,
                 dict(Counter(keys[i] for i in content)), first, tuple(t[4] for t in tokens), word_roles,
                 frozenset(k for k, r in zip(keys, word_roles) if r.startswith("verb")),
                 frozenset(i for i, t in enumerate(tokens) if t[5]),
                 roles.owner_gender(words, tuple(t[4] for t in tokens)),
                 frozenset(keys[i] for i in content if "a" in words[max(0, i - 3):i] or "an" in words[max(0, i - 3):i])
                 if "a" in words or "an" in words else _NONE)


_NONE: frozenset[int] = frozenset()
_reparsed = lru_cache(maxsize=MAX_BLOCK)(_text)  # a window of texts at a time (blocks.py): each parsed once a window


class _Long:
    """A text of more than ``MAX_CUT_WORDS`` content words, as the audit holds it: its ``bag``, ``size`` and
    :attr:`_Text.runs` (all the blocking reads, and all a comparison reads of two texts that differ in more than a few
    words), and where its text is (``source[at]``: the frame's own column), parsed again for the rest (:attr:`whole`).
    A whole :class:`_Text` holds each word in seven tuples, about 30 times its text: 200 MB of 10,000-character
    memories took 12 GB (issue 23)."""

    __slots__ = ("source", "at", "bag", "size", "runs")

    def __init__(self, source: Sequence[str], at: int, parsed: _Text):
        self.source, self.at, self.bag, self.size, self.runs = source, at, parsed.bag, parsed.size, parsed.runs

    @property
    def whole(self) -> _Text:
        return _reparsed(self.source[self.at])


def _parse(source: Sequence[str], rows: list[int],
           held_whole: Callable[[int], None]) -> tuple[list[_Text | _Long], _Vocabulary]:
    """The texts ``source[row]`` of ``rows``, each parsed once, in order (a long one kept as a :class:`_Long`, which
    reads its text from ``source`` again: a column of the frame, not a copy), and the vocabulary of them all.
    ``held_whole(characters)`` is told of each text kept whole (``budget.Budget.held_whole``: it may refuse)."""
    texts: list[_Text | _Long] = []
    vocabulary = _Vocabulary([])
    for row in rows:
        raw = source[row]
        t = _text(raw)
        vocabulary.df.update(set(t.words))
        if t.size <= MAX_CUT_WORDS:
            held_whole(len(raw))
            texts.append(t)
        else:
            texts.append(_Long(source, row, t))
    return texts, vocabulary


_BE = frozenset("is are am be been being get gets".split())  # present passives: "is preferred", "gets paid"
_HAVE = frozenset(("has", "have"))
_NOT_PRESENT_PERFECT = frozenset("had will would could should might must may can to".split())  # before "been"


# A reflexive pronoun not right after its verb or a preposition is emphatic ("unless she writes in French herself"):
# it adds nothing; after the verb it is its object ("Taught herself Spanish" is not "Taught Spanish"), after a
# preposition its complement ("Lives by herself", "Keeps it to herself"; Quirk et al. 1985, 6.23-6.24)
_EMPHATIC = frozenset(("herself", "himself", "themselves", "themself"))
_GOVERNING = clauses.PREPOSITIONS | {"to", "about", "of"}


def _emphatic(words: tuple[str, ...], word_roles: tuple[str, ...], i: int) -> bool:
    return words[i] in _EMPHATIC and i > 0 and not word_roles[i - 1].startswith("verb") \
        and words[i - 1] not in _GOVERNING


_DEICTIC = frozenset(("this", "next", "last", "every"))


def _visited(words: tuple[str, ...], i: int) -> bool:
    """Whether "been" at ``i`` is a perfect's own verb ("Has been to Japan", not "Is in Japan"; not with "since")."""
    return 0 < i < len(words) - 1 and words[i - 1] in _HAVE | {"had"} and "since" not in words and not any(
        w == "for" and is_number(n) for w, n in zip(words, words[1:])) and not lexicon.is_participle(words[i + 1]) \
        and not words[i + 1].endswith("ing")  # "for 11 years": it holds now


def _deictic(words: tuple[str, ...], i: int) -> bool:
    """Whether the word at ``i`` ("this") names a time as "next" and "last" do: "this week" is not "next week"."""
    return i + 1 < len(words) and (words[i + 1] in VALUE_WORDS or lexicon.key(words[i + 1]) in recurrence.UNITS)


def _keys(words: tuple[str, ...], word_roles: tuple[str, ...]) -> tuple[str, ...]:
    """Each word's key: its lemma (:func:`lexicon.key`), the word itself for a time word ("am" in "9 am" is no
    form of "be"); a past form is a past tense only where it is a verb of the clause (:func:`roles.of`), not after a
    present "be" (a passive: "coffee is preferred"), a present perfect with "since" (it holds now: "has played since
    2010" / "plays"), a noun ("a turtle named Shelly"); a perfect progressive is the perfect ("has been teaching" /
    "has taught"), one lasting "for" a length neither past nor present (lexicon.PERFECT: "has taught for 17
    years").  ``before``: the last word that is not an adverb ("is really obsessed")."""
    keys, before, perfect, since = [], "", False, "since" in words
    lasting = any(w == "for" and is_number(n) and lexicon.key(u) in recurrence.UNITS for w, n, u in zip(
        words, words[1:], words[2:]))  # "for 17 years": a perfect that lasts, not the past ("Taught for 17 years")
    for w, role in zip(words, word_roles):
        k = w if w in VALUE_WORDS else lexicon.key(w)
        if not since and role.startswith("verb") and (perfect and before == "been" and w.endswith("ing")
                                                       or lasting and before in _HAVE and lexicon.past(k)):
            keys.append(lexicon.bare(k) + (lexicon.PERFECT if lasting else lexicon.PAST))
        else:
            keys.append(lexicon.bare(k) if before in _BE or not role.startswith("verb") or since and before in _HAVE
                        else k)
        if w not in ADVERBS:
            perfect, before = w == "been" and before not in _NOT_PRESENT_PERFECT, w  # "he's been": "'s" is read off
    return tuple(keys)


def is_number(word: str) -> bool:
    """Whether a folded word is a number ("7", "7:30", "0.05"): a word opens with digits only if it is one."""
    return word[:1].isdigit()


_shared = lru_cache(maxsize=200_000)(str)  # one str object for a token written again: a third of a _Text's memory


@lru_cache(maxsize=200_000)
def _fold(token: str) -> str:
    """Casefolded, umlauts transliterated, accents removed, numbers without leading zeros: "Zoë", "09" → "zoe", "9"."""
    if token[0].isdigit():
        whole = _DIGITS.match(token).group()  # int() makes "٣" "3"; past 4,300 digits it refuses
        return (str(int(whole)) if len(whole) <= 1000 else whole.lstrip("0")) + token[len(whole):]
    return "".join(c for c in unicodedata.normalize("NFKD", token.casefold().translate(_TRANSLITERATION))
                   if not unicodedata.combining(c))


def form(t: _Text, i: int) -> str:
    """Word ``i`` of ``t`` as the typo test (:class:`_Vocabulary`) reads it: folded, in capitals where written in
    capitals ("CTO": an acronym), capitalised where a name inside the text ("Crewe"), else lower case."""
    written = t.written[i]
    if len(written) > 1 and written.isupper():
        return t.spelled[i].upper()
    return t.spelled[i].capitalize() if t.names[i] else t.spelled[i]


class _Vocabulary:
    """Which words are real: in the dictionary (:func:`lexicon.is_word`: "lute", "tuba", "unintuitive"), common in
    wordfreq's English list (names: "jose"; a name written as one, :func:`form`, from ``NAME_ZIPF``: "Crewe"), an
    acronym (:func:`form`: "CTO", "CPO"; each letter stands for a word, so one letter changed is another word), or
    written in ``CORPUS_KNOWN`` memories of the frame (its own names and jargon).  Words as :func:`form` gives
    them; lower case (blocks.py) reads as neither a name nor an acronym."""

    def __init__(self, texts: list[_Text]):
        self.df = Counter(w for t in texts for w in set(t.words))
        self._known: dict[str, bool] = {}
        self._typos: dict[tuple[str, str], bool] = {}

    def known(self, word: str) -> bool:
        if word not in self._known:
            folded = word.casefold()
            self._known[word] = (len(word) > 1 and word.isupper()) or self.df[folded] >= CORPUS_KNOWN \
                or zipf_frequency(folded, "en") >= (NAME_ZIPF if word[:1].isupper() else KNOWN_ZIPF) \
                or lexicon.is_word(folded)
        return self._known[word]

    def typo(self, x: str, y: str) -> bool:
        """Whether ``y`` is ``x`` mistyped (or the reverse): a small edit, and not two real words."""
        if x != y and (x, y) not in self._typos:
            self._typos[x, y] = self._typo(x, y)
        return x == y or self._typos[x, y]

    def _typo(self, x: str, y: str) -> bool:
        fx, fy = x.casefold(), y.casefold()
        if abs(len(x) - len(y)) > 2 or not (fx.isalnum() and fy.isalnum()) or is_number(x) or is_number(y) \
                or min(len(x), len(y)) < 3 or (fx in VALUE_WORDS and fy in VALUE_WORDS):
            return False
        if OSA.distance(fx, fy, score_cutoff=2) > (2 if min(len(x), len(y)) >= 8 else 1):
            return False
        return not (self.known(x) and self.known(y)) and not lexicon.opposite(fx, fy)
