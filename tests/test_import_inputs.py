"""Import inputs that used to abort, mislead or slip through (issue 12, cases 6, 7, 8).

One bad line is one rejected line (exit 1, the good rows kept); a CSV whose header
or quoting cannot be trusted is refused before anything is written (exit 3, the
database's bytes unchanged); content length is counted as the TypeScript app counts
it, in UTF-16 code units.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from conftest import cli_env
from jarvis_memory import Database, ValidationError

GOOD = '{"content": "Likes tea", "category": "preference", "source": "user_explicit"}'
GOOD_2 = '{"content": "Lives in Lisbon", "category": "fact", "source": "user_explicit"}'


def run(url, *args, stdin=None):
    cmd = [sys.executable, "-m", "jarvis_memory", *args]
    return subprocess.run(cmd, env=cli_env(url), capture_output=True, text=True, timeout=120, input=stdin)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def url(db_path):
    with Database(db_path.as_uri()) as db:
        db.migrate()
    return db_path.as_uri()


def contents(url):
    with Database(url) as db:
        return [e.content for e in db.memories.list()]


BAD_LINES = {
    "nested_100k": ('{"content": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON nested too deeply"),
    "int_5000_digits": ('{"content": "x", "category": "fact", "source": "user_explicit", "n": ' + "7" * 5000 + "}",
                        "unusable JSON: Exceeds the limit (4300 digits)"),
    "created_at_zero": (GOOD.replace("tea", "coffee")[:-1] + ', "created_at": 0}', "created_at 0 is not in"),
    "created_at_false": (GOOD.replace("tea", "milk")[:-1] + ', "created_at": false}', "created_at False is not in"),
    "created_at_list": (GOOD.replace("tea", "juice")[:-1] + ', "created_at": []}', "created_at [] is not in"),
}


@pytest.mark.parametrize("kind", list(BAD_LINES))
def test_one_bad_json_line_is_one_rejected_line(url, tmp_path, kind):
    line, reason = BAD_LINES[kind]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([GOOD, line, GOOD_2]) + "\n")
    out = run(url, "import", str(source), "--json")
    assert out.returncode == 1, out.stderr
    report = json.loads(out.stdout)
    assert (report["new"], len(report["rejected"]), report["rejected"][0]["line"]) == (2, 1, 2)
    assert reason in report["rejected"][0]["reason"]
    assert contents(url) == ["Likes tea", "Lives in Lisbon"]
    again = run(url, "import", str(source), "--json")  # a re-run finishes too: nothing new
    assert again.returncode == 1 and json.loads(again.stdout)["duplicates"] == 2


def test_log_data_nested_too_deeply_is_a_usage_error(url):
    with Database(url) as db:
        session = db.sessions.start().id
    out = run(url, "log", str(session), "message", "--data", '{"a": ' + "[" * 50_000 + "]" * 50_000 + "}")
    assert out.returncode == 2 and "JSON nested too deeply" in out.stderr and "Traceback" not in out.stderr
    deep: dict = {}
    for _ in range(100_000):
        deep = {"a": deep}
    with Database(url) as db, pytest.raises(ValidationError, match="nested too deeply"):
        db.events.log(session, "message", deep)
    with Database(url) as db:
        assert db.events.list() == []


@pytest.mark.parametrize("text, message", [
    ("content,category,source,content\nA,fact,user_explicit,B\n", "the CSV header repeats content: which column is meant is unclear"),
    ('content,category,source\nA,fact,user_explicit\n"B,fact,user_explicit\nC,fact,user_explicit\n',
     "malformed CSV: the quoted field opened on line 3 is never closed"),
])
def test_a_csv_that_cannot_be_trusted_is_refused_and_nothing_written(url, db_path, tmp_path, text, message):
    source = tmp_path / "in.csv"
    source.write_text(text)
    before = digest(db_path)
    out = run(url, "import", str(source))
    assert out.returncode == 3, out.stderr
    assert out.stderr.strip() == f"error: {message}"
    assert digest(db_path) == before


def test_csv_from_a_pipe(url):
    out = run(url, "import", "-f", "csv", "/dev/stdin", "--json",
              stdin="content,category,source\nLikes tea,preference,user_explicit\nLives in Lisbon,fact,user_explicit\n")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["new"] == 2 and contents(url) == ["Likes tea", "Lives in Lisbon"]


def test_content_length_is_counted_in_utf16_units_as_the_app_counts(url, tmp_path):
    ok = "😀" * 5_000  # 5,000 code points, 10,000 UTF-16 units: at the limit
    too_long = "😀" * 5_001
    with Database(url) as db:
        assert db.memories.store(ok, "fact", "user_explicit")[1] is True
        with pytest.raises(ValidationError, match="10,002 characters as JavaScript counts them"):
            db.memories.store(too_long, "fact", "user_explicit")
        with pytest.raises(ValidationError, match="10,001"):
            db.memories.store("a" * 10_001, "fact", "user_explicit")
    source = tmp_path / "emoji.jsonl"
    source.write_text(json.dumps({"content": "😀" * 10_000, "category": "fact", "source": "user_explicit"}) + "\n")
    out = run(url, "import", str(source), "--json")
    assert out.returncode == 1 and "20,000 characters" in json.loads(out.stdout)["rejected"][0]["reason"]
    assert len(contents(url)) == 1


# -- a UTF-8 byte order mark (issue "What other people's data, habits and tools do to it", case 4) --

BOM_FILES = {
    "jsonl": GOOD + "\n" + GOOD_2 + "\n",
    "csv": "content,category,source\nLikes tea,preference,user_explicit\nLives in Lisbon,fact,user_explicit\n",
}


@pytest.mark.parametrize("piped", [False, True], ids=["file", "pipe"])
@pytest.mark.parametrize("fmt", list(BOM_FILES))
def test_a_file_starting_with_a_bom_imports_every_line(url, tmp_path, fmt, piped):
    """Notepad and Excel's "CSV UTF-8" start a file with EF BB BF; line 1 is data all the same."""
    data = b"\xef\xbb\xbf" + BOM_FILES[fmt].encode()
    if piped:
        out = subprocess.run([sys.executable, "-m", "jarvis_memory", "import", "-f", fmt, "/dev/stdin", "--json"],
                             env=cli_env(url), capture_output=True, input=data, timeout=120)
    else:
        source = tmp_path / f"in.{fmt}"
        source.write_bytes(data)
        out = run(url, "import", str(source), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"read": 2, "new": 2, "duplicates": 0, "chunks": 1, "rejected": []}
    assert contents(url) == ["Likes tea", "Lives in Lisbon"]
