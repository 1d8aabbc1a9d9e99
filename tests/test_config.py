import os
import subprocess
import sys

import pytest

import jarvis_memory
from jarvis_memory import ConfigError
from jarvis_memory.store import config


def test_default_is_embedded_file_under_data_whatever_the_cwd(tmp_path, monkeypatch):
    first = config.load()
    monkeypatch.chdir("/")
    assert config.load() == first
    assert first.path == config.project_dir() / "data" / "jarvis.db"
    assert first.url.startswith("file:") and not first.is_remote


def test_dotenv_is_read_and_environment_wins(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("DATABASE_URL=libsql://from-dotenv.example.io\nDATABASE_AUTH_TOKEN=dotenv-token\n")
    settings = config.load()
    assert settings.url == "libsql://from-dotenv.example.io"
    assert settings.auth_token == "dotenv-token"
    monkeypatch.setenv("DATABASE_URL", "https://from-env.example.io")
    assert config.load().url == "https://from-env.example.io"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("libsql://db-user.turso.io", "libsql://db-user.turso.io"),
        ("wss://db.example.io:8443/", "wss://db.example.io:8443/"),
        ("ws://127.0.0.1:8080", "ws://127.0.0.1:8080"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("https://db.example.io", "https://db.example.io"),
        ("libsql://127.0.0.1:8080?tls=0", "libsql://127.0.0.1:8080?tls=0"),
        ("http://[::1]:8080", "http://[::1]:8080"),
    ],
)
def test_remote_urls(url, expected):
    settings = config.parse_url(url)
    assert settings.url == expected and settings.is_remote


def test_relative_file_url_is_resolved_once(tmp_path):
    assert config.parse_url("file:sub/x.db").path == tmp_path / "sub" / "x.db"


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "postgres://h/db", "ws://", "file://otherhost/x.db", "file:", "ws://h:99999",
     "https://h?foo=1", "https://h#frag", "libsql://h?tls=0", "not a url", "file:dir/", "http://[::1"],
)
def test_bad_urls_are_config_errors(bad):
    with pytest.raises(ConfigError):
        config.parse_url(bad)


@pytest.mark.parametrize("url, message", [
    ("file:data/demo.db?foo=1", "unsupported query parameter 'foo' in database URL 'file:data/demo.db?foo=***'"),
    ("sqlite:///data/demo.db", "unsupported database URL 'sqlite:///data/demo.db'"),
    ("data/demo.db", "(for a file, write file:data/demo.db)"),
])
def test_a_bad_url_is_shown_as_written(url, message):
    """A relative file: URL used to be echoed as the root path 'file:///data/demo.db', 'sqlite:///' as 'sqlite:/'."""
    with pytest.raises(ConfigError) as err:
        config.parse_url(url)
    assert message in str(err.value)


def test_a_password_with_a_tab_is_never_shown():
    """urlsplit drops tabs and line breaks: the password must still be found and removed from messages."""
    with pytest.raises(ConfigError) as err:
        config.parse_url("libsql://user:se\tcret@db.turso.io?foo=1")
    assert "cret" not in str(err.value) and "db.turso.io" in str(err.value)


def test_token_is_never_shown():
    secret = "sentinel-SECRET-123"
    settings = config.parse_url(f"libsql://u:{secret}@db.turso.io?authToken={secret}")
    assert settings.auth_token == secret
    for shown in (repr(settings), str(settings), settings.redacted_url, settings.redact(f"x {secret} y")):
        assert secret not in shown
    with pytest.raises(ConfigError) as err:
        config.parse_url(f"postgres://u:{secret}@h/db?authToken={secret}")
    assert secret not in str(err.value)


def test_default_is_resolved_the_same_in_a_subprocess_from_another_cwd():
    code = "from jarvis_memory.store import config; print(config.load().url)"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    out = subprocess.run([sys.executable, "-c", code], cwd="/", env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == config.default_path().as_uri()


@pytest.mark.parametrize("url", ["http://h:1?tls=1", "https://h?tls=0", "wss://h?tls=0", "ws://h:1?tls=1"])
def test_contradictory_tls_is_a_config_error_exit_3(url):
    """The scheme already says whether TLS is used; a ?tls= saying otherwise was only found at the first query."""
    with pytest.raises(ConfigError, match="contradicts itself"):
        config.parse_url(url)
    out = subprocess.run([sys.executable, "-m", "jarvis_memory", "--url", url, "stats"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 3 and "contradicts itself" in out.stderr


@pytest.mark.parametrize("url", ["https://h?tls=1", "ws://h:1?tls=0", "libsql://h?tls=1", "libsql://h:8080?tls=0"])
def test_consistent_tls_is_accepted(url):
    assert config.parse_url(url).url == url


def test_connect_reads_the_settings_once(monkeypatch, tmp_path):
    calls = []
    real_load = config.load
    monkeypatch.setattr(config, "load", lambda *args, **kwargs: calls.append(args) or real_load(*args, **kwargs))
    db = jarvis_memory.connect((tmp_path / "once.db").as_uri())
    assert len(calls) == 1
    assert db.settings.path == tmp_path / "once.db"


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/nope", "wss://db.example.test/v2", "libsql://db.example.test/a/b"])
def test_a_server_url_with_a_path_is_refused(url):
    with pytest.raises(ConfigError, match="has a path"):
        config.parse_url(url)
    root = "/".join(url.split("/")[:3]) + "/"  # the same server without the path is fine
    assert config.parse_url(root).url.startswith(url.split(":")[0])
