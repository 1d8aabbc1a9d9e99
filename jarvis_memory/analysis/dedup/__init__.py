"""The dedup audit: duplicates and variants among memory entries (contract C).

The unique index on ``content_hash`` only stops repeats of the same trimmed,
lower-cased text, and only when the writer stored a correct hash.  This package
finds what slips through, on the loader's ``ds.memories`` frame, and gives every
flagged pair of memories one kind, whatever their categories (the category is the writer's label, not part of
the statement: "Runs 5k" filed as a fact and "Runs 5k on Tuesdays" as a pattern are still compared):

* **exact**: equal *recomputed* hash (possible only through NULL or wrong stored hashes);
* **normalized**: equal after :func:`normalize_strong` (Unicode form, case, punctuation, spacing);
* **near**: the same statement with a typo, filler words ("really", "just") or its words reordered;
* **paraphrase**: the same content words in other function words ("two of them are" / "two are");
  numbers as digits ("two" / "2", "fourth" / "4th"); a changed tense ("lives" / "lived") is a variant;
* **subsumed**: one memory says everything the other says, and more, added as a phrase
  of its own ("Lost her job" / "Lost her job last month");
* **variant** -- never a duplicate: the same statement with one value changed (another
  person, place, food, time, number: "meetings at 9am" / "at 10am"), a real word
  replaced by another ("hiking" / "biking", "cat" / "car"), or negated ("is allergic" /
  "is not allergic").  Variants of one statement form one *review group*.

Is a changed word a typo?  Only if the two words are one edit apart (two for words of 8+
letters) and at least one of them is *unknown*: in no dictionary (:mod:`.lexicon`), rarer than ``KNOWN_ZIPF`` on the
`wordfreq <https://pypi.org/project/wordfreq/>`_ Zipf scale (English; the data ships
in the package, nothing is downloaded) and written in fewer than ``CORPUS_KNOWN``
memories of the audited frame (the corpus's own names and jargon); an acronym in capitals, a name from
``NAME_ZIPF`` and a word formed from a real word by a productive affix are known (:class:`.text._Vocabulary`).
Two correctly spelled words ("cat"/"car", "Dana"/"Dina" when both are used) are a variant.

Pairs are never searched over all n²/2.  Candidate pairs come from blocks: rows
sharing a word, one of them among its ``RARE_KEYS`` rarest shared words (prefix filtering: a
text whose words are all in another's meets it on its rarest word; scored by ``rapidfuzz.process.cdist``
without tense marks, kept from ``FUZZY_FLOOR``); rows with the same set of
content words (reordered, paraphrased, negated); and rows equal once one content word,
or two adjacent ones, are cut out ("prefers meetings at _").  A cut block larger than
``MAX_PAIRWISE`` rows (one sentence with many values) is classified as a whole, by its values (one
value written two ways: folded alike, or a word of it one typo from the other's), instead of pair by
pair.  The blocks read each content word as its concept (a synonym or derived form of another word of
the frame stands for both: :func:`.concepts.concepts`).  Clusters are
connected components (``scipy.sparse.csgraph.connected_components``) of the duplicate pairs, which never join
two variants (a pair that would is dropped, strongest pairs first: :func:`.audit._unchained`); a review group is
one memory and its variants (a greedy star cover: no chain).

The checks share one cached analysis of the last frame seen, so a notebook can
call them one after another at the cost of one.  A frame whose audit would need more memory than the machine has
available (or ``$JARVIS_MEMORY_DEDUP_MB``) is refused before it starts (:mod:`.budget`: ``MemoryLimitError``).

Optional, with the ``[semantic]`` extra and a model named: :mod:`.semantic` lists pairs the rules did not
flag that a language model reads as the same statement in other words, as ``possible_duplicate`` (never a
duplicate: a suggestion for review).  Without it nothing of it is imported or run.

Modules: :mod:`.text` (tokens, the vocabulary), :mod:`.compare` (one pair's verdict), :mod:`.blocks`
(candidate pairs), :mod:`.audit` (the shared analysis), :mod:`.checks` (what notebooks call),
:mod:`.evaluation` (precision and recall), :mod:`.tuning` (the constants), :mod:`.lexicon` (what a word is:
lemmas, spellings, synonyms, the dictionary), :mod:`.roles` (who does what to whom), :mod:`.order` (who changed places),
:mod:`.semantic` (the optional stage), :mod:`.budget` (the memory an audit needs), :mod:`.owner` (the owner's own
names, ``$JARVIS_MEMORY_OWNER``).
"""

from . import owner, semantic
from .checks import (
    CHANGE_ORDER,
    breakdown,
    candidates,
    clusters,
    exact_groups,
    hash_integrity,
    near_duplicates,
    normalized_groups,
    review_queue,
    threshold_sweep,
)
from .evaluation import (
    DEMO_DUPLICATE_KINDS,
    DEMO_NEGATIVE_KINDS,
    evaluate,
    evaluate_pairs,
    per_kind,
    read_eval_set,
    truth_path,
)
from .symbols import normalize_strong
from .tuning import DEFAULT_THRESHOLD, DUPLICATE_KINDS, KINDS, MAX_PAIRWISE, NEAR_FLOOR, SWEEP

__all__ = [
    "CHANGE_ORDER", "DEFAULT_THRESHOLD", "DEMO_DUPLICATE_KINDS", "DEMO_NEGATIVE_KINDS", "DUPLICATE_KINDS", "KINDS",
    "MAX_PAIRWISE", "NEAR_FLOOR", "SWEEP", "breakdown", "candidates", "clusters", "evaluate", "evaluate_pairs",
    "exact_groups", "hash_integrity", "near_duplicates", "normalize_strong", "normalized_groups", "owner", "per_kind",
    "read_eval_set", "review_queue", "semantic", "threshold_sweep", "truth_path",
]
