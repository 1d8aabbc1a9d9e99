"""The audit's tuning constants: thresholds, block sizes and word-frequency limits (tuned on the demo, never on tests/dedup_eval/)."""

from __future__ import annotations

KINDS = ("exact", "normalized", "near", "paraphrase", "subsumed", "variant")
DUPLICATE_KINDS = ("exact", "normalized", "near", "paraphrase", "subsumed")
DEFAULT_THRESHOLD = 60  # tuned on demo databases with planted hard negatives (see tests/test_dedup.py)
NEAR_FLOOR = 50  # lowest threshold accepted, and the sweep's start
SWEEP = tuple(range(NEAR_FLOOR, 101, 5))
FUZZY_FLOOR = 80  # rare-word blocks keep pairs scoring at least this: a subsumed text scores ~100, one word for
# another on each side ~80 ("speak fluent german" / "fluent in german"); the other kinds share a same-words or cut
# block (round 9: 90 → 80 found 2 more of the training sets' 1,200 duplicates, no hard negative, no slower at 100k)
RARE_KEYS = 3  # probing keys per row (blocks._rare_word_keys): at least its rarest words that some other row shares,
PREFIX_SHARE = 0.3  # and this share of its words, rarest first
RARE_MAX = 50  # a word in more rows than this (per category) is no blocking key
MAX_BLOCK = 200  # rows compared all-pairs at most; larger blocks become windows of this size
MAX_PAIRWISE = 25  # a cut block (one word apart) larger than this is classified by its values: pairs of a block
# grow as its square (100k everyday memories: 4.4M pairs in blocks at 50, 3.0M at 25, the audit 69 s → 57 s in one
# hour; the same duplicates on the 100k demo)
MAX_CHANGED = 3  # content words one changed value may span ("São Paulo", "9 30 pm")
KNOWN_ZIPF = 3.0  # wordfreq Zipf frequency (log10 per billion words) of a known word: ~1 per million
NAME_ZIPF = 2.5  # ... of a known name (capitalised inside a text): wordfreq counts towns and people's names even when
# small ("Crewe" 2.96, "Ryde" 2.58), a misspelling that often is itself a name's spelling ("Micheal" 2.82, "Pittsburg"
# 2.78), rarer ones are typos ("Tayler" 2.21, "Cincinatti" 1.62, "Lodnon" 0)
CORPUS_KNOWN = 3  # a word written in this many memories is the corpus's own word
COLUMNS = ("id", "content", "content_hash", "category")
MAX_CUT_WORDS = 200  # a text with more content words gets no cut or added-phrase keys: their cost grows with
# the square of its length (one 5 MB row took hours); such a text is still grouped by hash and compared in
# its rare-word blocks, where one text's words all in the other's score 100
