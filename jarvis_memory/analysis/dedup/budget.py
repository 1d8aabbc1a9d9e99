"""Whether the audit of a frame fits in memory: its need estimated from the sizes of the texts, against what the
machine has available (or ``$JARVIS_MEMORY_DEDUP_MB``), refused before the audit starts rather than run until the
machine runs out (issue 23: 200 MB of memories took 12 GB; about 400 MB would have used up 24 GB)."""

from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd

from ...errors import ConfigError, MemoryLimitError

LIMIT_VAR = "JARVIS_MEMORY_DEDUP_MB"  # the most memory the audit may take, in MB (default: what is available)
# What the audit takes at its peak on top of the loaded frame (peak RSS less the RSS once loaded), measured with
# benchmarks/bench_dedup_memory.py and rounded up: 1.6 GB for 200 MB of 10,000-character memories (20,074), 487 MB
# for 50 MB (5,019), 400 MB for 5 MB of 1,000-character ones (5,189), 425 MB for 4.1 MB of 150-character ones (31,372).
FIXED_BYTES = 300 * 2**20  # the dictionaries (WordNet, lemminflect, wordfreq; ~190 MB) and the caches of words
ROW_BYTES = 4 * 2**10  # each memory, whatever its length (its pairs, blocks, review rows)
WHOLE_CHAR_BYTES = 48  # each character of a text held whole (text._Text, ~20; its cut and added-phrase keys)
LONG_CHAR_BYTES = 8  # each character of a longer text, held as its bag and runs (text._Long), its norm and shape
LONG_CHARS = 2_000  # a text this long has more than MAX_CUT_WORDS content words (~1,300 characters of English)


def needed(lengths: np.ndarray) -> int:
    """The bytes the audit of texts of ``lengths`` characters takes at its peak, about (rounded up)."""
    lengths = np.asarray(lengths, dtype=np.int64)
    long = lengths > LONG_CHARS
    return int(FIXED_BYTES + ROW_BYTES * len(lengths) + WHOLE_CHAR_BYTES * int(lengths[~long].sum())
               + LONG_CHAR_BYTES * int(lengths[long].sum()))


def limit() -> tuple[int, str]:
    """``(bytes, what)``: the memory the audit may take, ``$JARVIS_MEMORY_DEDUP_MB`` (a whole number of MB, at least
    1; ConfigError otherwise) if set, else what the system has available (psutil: MemAvailable on Linux; a container's
    own memory limit is not seen), and how a message names that figure."""
    raw = os.environ.get(LIMIT_VAR, "").strip()
    if not raw:
        import psutil

        available = psutil.virtual_memory().available
        return available, f"only {_size(available)} is available"
    if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < 1:
        raise ConfigError(f"${LIMIT_VAR} must be a whole number of MB from 1 to 999,999,999; got {raw!r}")
    return int(raw) * 2**20, f"${LIMIT_VAR} allows {int(raw):,} MB"


class Budget:
    """The audit's estimated need (bytes) against :func:`limit`, refined while the texts are parsed: the lengths alone
    take a text of more than ``LONG_CHARS`` characters for a long one (``text._Long``), but one of few content words
    (Chinese, whose words run to the next punctuation; a very long word) is held whole, at ``WHOLE_CHAR_BYTES``."""

    def __init__(self, lengths: np.ndarray):
        self.count, self.chars, self.need = len(lengths), int(lengths.sum()), needed(lengths)
        self.allowed, self.what = limit()
        self._refuse("about")

    def held_whole(self, chars: int) -> None:
        """A text of ``chars`` characters is held whole: MemoryLimitError once the need so far is more than allowed."""
        if chars > LONG_CHARS:
            self.need += (WHOLE_CHAR_BYTES - LONG_CHAR_BYTES) * chars
            self._refuse("at least")

    def _refuse(self, about: str) -> None:
        if self.need <= self.allowed:
            return
        if self.allowed <= FIXED_BYTES:  # what an audit takes however few memories it reads: a shorter period cannot help
            way = (f", less than the {_size(FIXED_BYTES)} any audit takes however short its period (its dictionaries "
                   f"and caches): " + (f"set ${LIMIT_VAR} to at least {-(-self.need // 2**20):,} MB"
                                       if self.what.startswith("$") else "make more memory available"))
        else:
            way = (": audit fewer at a time (a shorter period, `jarvis-memory report dedup_audit --since ... --until "
                   "...`; in your own code, one category or period of the frame) or make more memory available"
                   + ("" if self.what.startswith("$") else f" (${LIMIT_VAR} sets the limit, in MB)"))
        raise MemoryLimitError(f"the dedup audit of {self.count:,} memories ({_size(self.chars)} of text) would need "
                               f"{about} {_size(self.need)} of memory, and {self.what}{way}")


def check(content: pd.Series) -> Budget:
    """Refuse the audit of the texts ``content`` (a Series of str) if it would need more memory than :func:`limit`:
    MemoryLimitError saying how much it needs and how to proceed (a shorter period, or, when the limit is below what
    any audit takes, :data:`FIXED_BYTES`, a higher limit); ConfigError for a malformed ``$JARVIS_MEMORY_DEDUP_MB``.
    The :class:`Budget` returned refines the need while the texts are parsed (``text._parse``)."""
    return Budget(content.str.len().to_numpy(dtype=np.int64))


def _size(n: int) -> str:
    return f"{n / 2**30:,.1f} GB" if n >= 2**30 else f"{max(n / 2**20, 0.1):,.1f} MB"
