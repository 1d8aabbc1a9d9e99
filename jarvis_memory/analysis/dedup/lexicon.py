"""What a word is, from linguistic resources: its lemma and tense, its American spelling, whether it is a real
word, and whether two words mean the same (synonyms, derived forms) or the opposite (antonyms).

* lemmas and inflections: `lemminflect <https://pypi.org/project/lemminflect/>`_ (its dictionary ships in the wheel);
* British/American spelling: `breame <https://pypi.org/project/breame/>`_ (its lists ship in the wheel);
* synonyms, antonyms, derived forms and the dictionary of real words: Princeton WordNet 3.0 from Debian's
  ``wordnet-base`` (``/usr/share/wordnet``; ``make setup`` installs it where it can), read with nltk's
  ``WordNetCorpusReader``.  No PyPI package ships WordNet's data: nltk's own downloader fetches it at run time.

Without WordNet nothing is a synonym and every word counts as a real word, so a changed word is never taken for a
typo or a synonym: the pair degrades to a variant (review), never to a duplicate.
"""

from __future__ import annotations

import io
import os
import warnings
from functools import lru_cache

from breame.spelling import british_spelling_exists, get_american_spelling
from lemminflect import getAllLemmas, getInflection

WORDNET_ROOT = os.environ.get("JARVIS_WORDNET", "/usr/share/wordnet")
SENSES = 3  # a word's most frequent senses per part of speech (WordNet orders them by frequency): "call" and
# "visit" share a rare sense, "kid" and "child" their first
_INFORMAL = ("informal term", "an informal term")  # how WordNet's glosses open for a colloquial word ("informal terms")
PAST = "\x03past"  # the mark of a past verb form on a word's key: "lived" is not "lives"
_QUANTITIES = frozenset(("more", "most", "less", "least"))  # determiners of quantity, no degree of "much"
PERFECT = "\x03perfect"  # of a perfect that lasts a length of time: "has lived here for 5 years" is neither


@lru_cache(maxsize=1)
def wordnet():
    """nltk's reader over Debian's WordNet 3.0 files, or ``None`` where they are missing (then lexical relations are
    unknown).  Debian's copy lacks the ``lexnames`` file and the version line nltk looks for: both are supplied."""
    if not os.path.isfile(os.path.join(WORDNET_ROOT, "data.noun")):
        return None
    import nltk.data
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    class _Reader(WordNetCorpusReader):
        def open(self, fileid):
            if fileid == "lexnames":  # 45 files, numbered from 00 (lexnames(5WN))
                return io.StringIO("".join(f"{i:02d}\tfile{i:02d}\t0\n" for i in range(45)))
            return super().open(fileid)

        def map_wn(self, version="wordnet"):
            return None  # this is WordNet 3.0 itself: no mapping to another version

    if WORDNET_ROOT not in nltk.data.path:
        nltk.data.path.append(WORDNET_ROOT)  # nltk reads corpora only under its data path
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "multilingual functions are not available": not used
        try:
            return _Reader(WORDNET_ROOT, None)
        except (OSError, ValueError, LookupError, AssertionError):
            return None


@lru_cache(maxsize=200_000)
def american(word: str) -> str:
    """The American spelling of a folded word ("favourite" → "favorite", "travelling" → "traveling", "towards" →
    "toward")."""
    if word in _US_FORMS:
        return _US_FORMS[word]
    return get_american_spelling(word) if len(word) > 2 and british_spelling_exists(word) else word


# Prepositions and adverbs with a chiefly British form (Merriam-Webster's usage notes: "towards", "amongst",
# "whilst"; the -wards adverbs): one word spelled two ways, which breame's list of spellings does not hold
_US_FORMS = {**{w + "wards": w + "ward" for w in ("to", "after", "back", "for", "up", "down", "on", "in", "out")},
             "amongst": "among", "whilst": "while", "amidst": "amid"}


@lru_cache(maxsize=200_000)
def key(word: str) -> str:
    """A folded word's lemma, marked :data:`PAST` for a past verb form and with its degree for an adjective's: "kids"
    → "kid", "began" → "begin" + past, "training" → "train"; names, numbers and unknown words as they are."""
    if not word.isalpha():
        return word
    readings = getAllLemmas(word)
    verbs = readings.get("VERB", ())
    if verbs and word != verbs[0] and word in (getInflection(verbs[0], "VBD") or ()):
        return verbs[0] + PAST
    for lemma in readings.get("ADJ", ()) if word not in _QUANTITIES else ():  # a degree is a value: "bigger"
        for tag in ("JJR", "JJS"):  # is no "big", "best" no "good" (Quirk et al. 1985, 7.73)
            if word != lemma and word in (getInflection(lemma, tag) or ()):
                return f"{lemma}\x04{tag}"  # kept by bare(): no tense
    for pos in ("VERB", "NOUN", "ADJ", "ADV"):
        if readings.get(pos):
            return readings[pos][0]
    return word


@lru_cache(maxsize=200_000)
def no_verb(word: str) -> bool:
    """Whether a folded word is no number and lemminflect never reads it as a verb ("café", "Sunday"; not "naps",
    "shop", "9")."""
    return not word[:1].isdigit() and "VERB" not in getAllLemmas(word)


def is_noun(word: str) -> bool:
    """Whether a folded word is mostly a noun: lemminflect reads it as one, or WordNet's sense counts (how often
    each sense was tagged in the SemCor corpus) have it more often a noun than a verb ("vet": 1 / 0, which
    lemminflect knows only as a verb; not "carry": 1 / 157)."""
    if getAllLemmas(word).get("NOUN"):
        return True
    reader = wordnet()
    if reader is None or not word.isalpha():
        return False
    uses = [sum(n.count() for s in reader.synsets(word, pos) for n in s.lemmas() if n.name() == word) for pos in "nv"]
    return uses[0] > uses[1]


@lru_cache(maxsize=65_536)
def is_participle(word: str) -> bool:
    """Whether a folded word is a verb's past participle and not its base form ("left", "had", "gone"; not "come",
    "read"), by lemminflect's inflections."""
    lemmas = getAllLemmas(word).get("VERB", ())
    return any(word in getInflection(x, "VBN") and word not in getInflection(x, "VB") for x in lemmas)


@lru_cache(maxsize=65_536)
def is_adjective(word: str) -> bool:
    """Whether a folded word is an adjective and never a noun in WordNet ("allergic", "tired"; not "red",
    "cooking"); ``False`` without WordNet."""
    reader = wordnet()
    return reader is not None and word.isalpha() and bool(reader.synsets(word, "a")) and not reader.synsets(word, "n")


def past(k: str) -> bool:
    return k.endswith(PAST)


def bare(k: str) -> str:
    """A key (:func:`key`) without its :data:`PAST` or :data:`PERFECT` mark: the lemma, in any tense."""
    return k.partition("\x03")[0]


@lru_cache(maxsize=200_000)
def is_word(word: str) -> bool:
    """Whether a folded word is in the dictionary: a form of a WordNet lemma (not only a name's) or known to
    lemminflect.  Without WordNet every word is (so a changed word is never read as a typo)."""
    reader = wordnet()
    if reader is None or getAllLemmas(word):
        return True
    lemma = reader.morphy(word)  # a common word, not only a name ("Sumer" is no word "sumer")
    return lemma is not None and any(n.name() == lemma for s in reader.synsets(lemma) for n in s.lemmas()) \
        or any(map(is_word, _stems(word)))


# Productive English derivational affixes (Quirk et al. 1985, A Comprehensive Grammar of the English Language,
# Appendix I, word-formation): the negative prefixes and the suffixes of a doctrine or its follower.  A word formed from a real
# word by one ("unintuitive", "maximalist") is real though WordNet lacks it, and wordfreq cannot tell it from a
# typo ("maximalist" 2.06, "teh" 3.04).  Hand-written: the PyPI morphology packages need a trained model
# (Morfessor) or are unmaintained segmenters; a closed class of seven prefixes and three suffixes is the rule.
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")
_SUFFIXES = ("ist", "ism", "al")
_MIN_STEM = 4  # letters of a stem at least: a shorter one is often a word's own start ("unit", "disc")


def _stems(word: str) -> list[str]:
    """The words ``word`` is formed from by one affix of the class: "unintuitive" → ["intuitive"]."""
    return [stem for stem in ([word[len(p):] for p in NEGATIVE_PREFIXES if word.startswith(p)]
                              + [word[: -len(s)] for s in _SUFFIXES if word.endswith(s)]) if len(stem) >= _MIN_STEM]


@lru_cache(maxsize=200_000)
def _lemmas(k: str) -> tuple:
    """WordNet's lemmas for a key: ``(synsets, antonyms, derived)`` as sets of synsets / lemma names."""
    reader = wordnet()
    lemma = bare(k)
    if reader is None or not lemma.isalpha():
        return frozenset(), frozenset(), frozenset()
    synsets = frozenset(s for pos in "nvar" for s in reader.synsets(lemma, pos)[:SENSES])
    # an informal word for a person is the word it is an informal term for (WordNet's gloss: "mum", "dad";
    # "stepfather" is no father): that synset's hypernym, among the word's two most frequent senses
    synsets |= {h for s in reader.synsets(lemma, "n")[:2] if s.definition().startswith(_INFORMAL)
                for h in s.hypernyms() if h.lexname() in _PERSON_FILES}  # of a person: "kale" is no "money" here
    antonyms, derived = set(), set()
    for s in synsets:
        for lem in s.lemmas():
            if lem.name().lower() == lemma:
                antonyms.update(a.name().lower() for a in lem.antonyms())
                derived.update(d.name().lower() for d in lem.derivationally_related_forms())
    return synsets, frozenset(antonyms), frozenset(derived)


# The distributive determiners "each morning" / "every morning" (Quirk et al. 1985, A Comprehensive Grammar of the
# English Language, 5.17): WordNet has no determiners, so no synset joins them
_DISTRIBUTIVES = frozenset(("each", "every"))


@lru_cache(maxsize=1_000_000)
def same_meaning(x: str, y: str) -> bool:
    """Whether two keys (:func:`key`) say the same: one WordNet synset holds both lemmas, or one is derived
    from the other ("allergic"/"allergy", "owner"/"own"), in the same tense and neither the other's antonym."""
    if x == y or {x, y} == _DISTRIBUTIVES:
        return True
    if x.partition("\x03")[2] != y.partition("\x03")[2] or opposite(x, y):  # another tense (PAST, PERFECT)
        return False
    (sx, _, dx), (sy, _, dy) = _lemmas(x), _lemmas(y)
    bare_x, bare_y = bare(x), bare(y)  # WordNet's derivations are not always listed both ways ("ally" lists
    # "alliance", "alliance" no "ally"): either way counts, so that the verdict of a pair is that of its reverse
    return bool(sx & sy) or ((bare_y in dx or bare_x in dy) and _one_stem(bare_x, bare_y)) \
        or bool(_adjective_heads(x)[0] & _adjective_heads(y)[1] or _adjective_heads(y)[0] & _adjective_heads(x)[1])


@lru_cache(maxsize=200_000)
def _adjective_heads(k: str) -> tuple[frozenset, frozenset]:
    """``(heads of k as an adjective, heads k names as a noun)``.  WordNet groups adjectives in clusters around a
    head ("scared" is similar to "afraid"), and links a noun that is an attribute to the heads that are its values
    ("fear": "afraid", "unafraid"); a noun names the value its own adjective lies by ("fear, fearfulness" →
    "fearful", similar to "afraid"), so "is afraid of" / "has a fear of" say the same, "unafraid" does not, nor
    two values of one attribute or two adjectives of one cluster ("red" / "blue", "agoraphobic" / "xenophobic").
    Among the :data:`SENSES` most frequent senses; empty without WordNet."""
    reader = wordnet()
    lemma = bare(k)
    if reader is None or not lemma.isalpha():
        return frozenset(), frozenset()

    def heads(synset) -> set:
        return {synset} if synset.pos() == "a" else set(synset.similar_tos())

    as_adjective = {h for s in reader.synsets(lemma, "a")[:SENSES] for h in heads(s)}
    named = set()
    for s in reader.synsets(lemma, "n")[:SENSES]:
        derived = {h for n in s.lemmas() for d in n.derivationally_related_forms() if d.synset().pos() in "as"
                   for h in heads(d.synset())}
        named |= derived & set(s.attributes())
    return frozenset(as_adjective), frozenset(named)


# English derivational endings (and a stem's own final letters: "allerg-y", "diabet-es"; the Greek "-is" of an act:
# "diagnos-e"/"diagnos-is"), with the stem-final
# alternations of Latinate derivation, -nt / -nce / -ncy ("intoleran-t"/"intoleran-ce", "fluen-t"/"fluen-cy")
# and -de / -sion ("deci-de"/"deci-sion"): a WordNet derivation counts only as one stem with two of these
# ("allergy"/"allergic", "own"/"owner"), not "mole"/"molar"
_ENDINGS = ("", "e", "y", "es", "er", "or", "ic", "ist", "ian", "ion", "ation", "ment", "ance", "ence", "al", "ive",
            "t", "ce", "cy", "de", "sion", "is", "ship",
            # the patient of a verb ("employ-ee") and an act ("rel-iance"); not the endings of a state one is put
            # in, which the rules taking a verb for its noun would read as the verb's doing ("Has a pilot
            # certification" / "Certifies pilots", "Is against marriage" / "Is married", "Is under pressure" /
            # "Presses": an attack's), nor -m / -tic ("drama" / "dramatic")
            "ee", "iance")


def _one_stem(x: str, y: str) -> bool:
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    # the stem may end in the "e" of an ending: "bake-r" / "bake" is "bak-er" / "bak-e"
    return n >= 3 and any(x[m:] in _ENDINGS and y[m:] in _ENDINGS for m in (n, n - 1))


def opposite(x: str, y: str) -> bool:
    """Whether WordNet lists the two keys' lemmas as antonyms ("extrovert"/"introvert", "enable"/"disable"), or one
    is the other with a negative prefix (:data:`NEGATIVE_PREFIXES`: "unintuitive"/"intuitive")."""
    bare_x, bare_y = bare(x), bare(y)
    return bare_y in _lemmas(x)[1] or bare_x in _lemmas(y)[1] \
        or any(longer == p + shorter for p in NEGATIVE_PREFIXES for longer, shorter in ((bare_x, bare_y), (bare_y, bare_x)))


# WordNet's lexicographer files of nouns that name something done (lexnames(5WN): 04 noun.act, 09 noun.cognition,
# 10 noun.communication, 11 noun.event, 22 noun.process), by name and by number (Debian's copy has no lexnames file)
_DOINGS = {"noun.act": 4, "noun.cognition": 9, "noun.communication": 10, "noun.event": 11, "noun.process": 22}
_DOING_FILES = frozenset(_DOINGS) | {f"file{n:02d}" for n in _DOINGS.values()}


# lexicographer files by name and number (lexnames(5WN)): 18 noun.person, 08 noun.body, 14 noun.group, 23 noun.quantity
_PERSON_FILES, _BODY_FILES = frozenset(("noun.person", "file18")), frozenset(("noun.body", "file08"))
_QUANTITY_FILES = frozenset(("noun.quantity", "file23"))
_GROUP_FILES = frozenset(("noun.group", "file14"))


@lru_cache(maxsize=200_000)
def _family(k: str) -> frozenset[str]:
    """The derivationally related forms of every lemma in ``k``'s :data:`SENSES` most frequent synsets: WordNet links
    a derivation to one lemma of a synset ("dependency" → "depend", not "dependence", its synonym)."""
    reader = wordnet()
    if reader is None or not k.isalpha():
        return frozenset()
    return frozenset(d.name().lower() for pos in "nvar" for s in reader.synsets(k, pos)[:SENSES]
                     for n in s.lemmas() for d in n.derivationally_related_forms())


@lru_cache(maxsize=20_000)
def names_a_person(word: str) -> bool:
    """Whether a key's most frequent WordNet sense, of any part of speech (by its SemCor count, then WordNet's
    order), is a person ("teacher", "daughter"; not "surgery", nor "heavy", a noun for an actor in a rare sense), or
    where no sense of it was counted, one of its two first noun senses an informal term for one ("mum"; not "cat",
    a feline by its count).  ``False`` without WordNet."""
    reader = wordnet()
    senses = reader.synsets(word, "n")[:2] if reader is not None and word.isalpha() else ()
    return _usual_file(word, None) in _PERSON_FILES or not any(
        n.count() for s in senses for n in s.lemmas() if n.name() == word) and any(
        s.lexname() in _PERSON_FILES and s.definition().startswith(_INFORMAL) for s in senses)


@lru_cache(maxsize=4096)
def names_a_body_part(word: str) -> bool:
    """Whether a key's most frequent WordNet noun sense is a part of the body ("wrist", "knee")."""
    return _usual_file(word, "n") in _BODY_FILES


@lru_cache(maxsize=4096)
def names_a_measure(word: str) -> bool:
    """Whether any WordNet noun sense of a key is a quantity it holds or measures (noun.quantity: "glass" as
    glassful, "cup", "box", "pint"): "a glass of wine" is an amount of wine, no "wine glass"."""
    reader = wordnet()
    return reader is not None and word.isalpha() and any(
        s.lexname() in _QUANTITY_FILES for s in reader.synsets(word, "n"))


def names_a_group(word: str) -> bool:
    """Whether a key's (or WordNet collocation's: "chamber_of_commerce") most frequent noun sense is a group."""
    return _usual_file(word, "n") in _GROUP_FILES


def _usual_file(word: str, pos: str | None) -> str | None:
    """The lexicographer file of a word's most frequent WordNet sense (of part of speech ``pos``, or of any)."""
    reader = wordnet()
    senses = reader.synsets(word, pos) if reader is not None and word.replace("_", "").isalpha() else []
    if not senses:
        return None
    uses = [sum(n.count() for n in s.lemmas() if n.name() == word) for s in senses]
    return senses[max(range(len(senses)), key=lambda k: (uses[k], -k))].lexname()


@lru_cache(maxsize=200_000)
def derived(x: str, y: str) -> bool:
    """Whether one of two lemmas is formed from the other on one stem: a WordNet derivationally related form
    (:func:`_one_stem`: "promote"/"promotion", "teach"/"teacher"), or an adverb from the adjective it pertains to
    (WordNet's pertainyms: "heavily"/"heavy").  ``False`` without WordNet."""
    if (y in _family(x) or x in _family(y)) and _one_stem(x, y):
        return True
    reader = wordnet()
    return reader is not None and any(
        p.name() == other for word, other in ((x, y), (y, x)) if word.isalpha() and _ly(word, other)
        for pos in "ra" for s in reader.synsets(word, pos)[:SENSES] for n in s.lemmas() if n.name() == word for p in n.pertainyms())


def _ly(word: str, base: str) -> bool:
    """Whether ``word`` is ``base`` with the suffix -ly, in its spellings (Quirk et al. 1985, Appendix I.33):
    "heavy"/"heavily", "gentle"/"gently", "basic"/"basically", "month"/"monthly"; not "mole"/"molar"."""
    return word in (base + "ly", base[:-1] + "ily", base[:-1] + "y", base + "ally")


@lru_cache(maxsize=20_000)
def verb_of(noun: str) -> str | None:
    """The verb a noun key names the doing of: in WordNet its most frequent sense is an act, a thought, a message,
    an event or a process, derived from a verb of one stem with it (:func:`_one_stem`): "decision" → "decide",
    "visit" → "visit", "meditation" → "meditate"; not "bus" (a thing) nor "job" (no such derivation); or ``None``."""
    reader = wordnet()
    if reader is None or not noun.isalpha():
        return None
    for synset in reader.synsets(noun, "n")[:1]:
        if synset.lexname() not in _DOING_FILES:
            return None
        for lemma in synset.lemmas():
            if lemma.name() == noun:
                for form in lemma.derivationally_related_forms():
                    if form.synset().pos() == "v" and _one_stem(noun, form.name()):
                        return form.name()
    return None
