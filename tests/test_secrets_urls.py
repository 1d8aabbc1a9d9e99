"""A token never shows, whatever the URL looks like (issue 12, case 15)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import cli_env
from jarvis_memory.store import config
from jarvis_memory.errors import ConfigError

SECRET = "sentinel-near-miss-7c1e"


def run(*args, env_url=None, token=None):
    cmd = [sys.executable, "-m", "jarvis_memory", *args]
    return subprocess.run(cmd, env=cli_env(env_url, token), capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", ["authtoken", "token", "auth_token", "AUTHTOKEN", "jwt", "anything"])
@pytest.mark.parametrize("base", ["libsql://db.example.com", "https://db.example.com", "file:jarvis.db"])
def test_a_near_miss_parameter_is_refused_without_showing_its_value(base, name):
    with pytest.raises(ConfigError) as err:
        config.parse_url(f"{base}?{name}={SECRET}")
    assert SECRET not in str(err.value)
    assert f"{name}=***" in str(err.value)


@pytest.mark.parametrize("name", ["authtoken", "token", "auth_token"])
def test_the_command_says_so_exit_3_and_never_prints_it(tmp_path, name):
    out = run("stats", env_url=f"libsql://db.example.com?{name}={SECRET}")
    assert out.returncode == 3, out.stderr
    assert out.stderr.strip() == (f"error: unsupported query parameter {name!r} in database URL "
                                  f"'libsql://db.example.com?{name}=***'")
    assert SECRET not in out.stdout + out.stderr


@pytest.mark.parametrize("url", [f"file:x.db?authToken={SECRET}", f"libsql://db.example.com?authToken={SECRET}",
                                 f"https://user:{SECRET}@db.example.com", f"ws://db.example.com?token={SECRET}"])
def test_a_token_on_the_command_line_is_refused_before_anything_runs(tmp_path, url):
    out = run("--url", url, "remember", "x y", "-c", "fact")
    assert out.returncode == 3, out.stderr
    assert "--url must not carry a token or password" in out.stderr and "DATABASE_AUTH_TOKEN" in out.stderr
    assert SECRET not in out.stdout + out.stderr
    assert list(tmp_path.iterdir()) == []  # the cwd: no database made


def test_the_token_in_database_url_still_works_and_a_conflict_is_refused():
    settings = config.parse_url(f"libsql://db.example.com?authToken={SECRET}")
    assert settings.auth_token == SECRET and SECRET not in settings.redacted_url
    assert config.parse_url(f"libsql://db.example.com?authToken={SECRET}", SECRET).auth_token == SECRET
    with pytest.raises(ConfigError, match="carries an authToken and DATABASE_AUTH_TOKEN holds another one") as err:
        config.parse_url(f"libsql://db.example.com?authToken={SECRET}", "another-token")
    assert SECRET not in str(err.value) and "another-token" not in str(err.value)


def test_a_conflict_from_the_environment_exits_3(tmp_path):
    out = run("stats", env_url=f"libsql://db.example.com?authToken={SECRET}", token="another-token")
    assert out.returncode == 3 and "keep one of them" in out.stderr
    assert SECRET not in out.stderr and "another-token" not in out.stderr


def test_tls_stays_readable_in_messages():
    assert config.parse_url("libsql://db.example.com:8080?tls=0").redacted_url == "libsql://db.example.com:8080?tls=0"
