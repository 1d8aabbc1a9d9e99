"""Where the database is: ``DATABASE_URL`` and ``DATABASE_AUTH_TOKEN``.

The same two variables the TypeScript app reads, from the environment or from a
``.env`` file (the current directory's, then the project's).  The environment
wins over ``.env``.  With no URL the embedded default is a ``file:`` database
in the project's ``data/`` folder, whatever the current directory.

The token is kept out of ``repr``/``str`` and every message: print
``settings.redacted_url`` or ``settings``, never the raw fields.
"""

from __future__ import annotations

import base64
import json
import os
import re
import urllib.parse
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from dotenv import dotenv_values

from ..errors import ConfigError

URL_VAR = "DATABASE_URL"
TOKEN_VAR = "DATABASE_AUTH_TOKEN"
REMOTE_SCHEMES = ("libsql", "ws", "wss", "http", "https")
SCHEMES = ("file",) + REMOTE_SCHEMES

BUSY_TIMEOUT_MS = 30_000  # how long any reader or writer waits for SQLite's lock (one timeout everywhere)

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the jarvis_memory package


def project_dir() -> Path:
    """The checkout this package runs from, or the user's data folder when installed."""
    root = PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file():
        return root
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "jarvis-memory"


def default_path() -> Path:
    """The embedded default database file."""
    return project_dir() / "data" / "jarvis.db"


@dataclass(frozen=True)
class Settings:
    """A validated database location.  ``repr`` never shows the token.

    What is derived from the URL and token is computed once (``cached_property``: frozen fields, and every call
    of the store reads ``path`` and ``redacted_url``; re-parsing the URL each time cost more than the statement).
    """

    url: str
    auth_token: str | None = field(default=None, repr=False, compare=False)

    @cached_property
    def scheme(self) -> str:
        return self.url.split(":", 1)[0]

    @cached_property
    def is_remote(self) -> bool:
        return self.scheme != "file"

    @cached_property
    def path(self) -> Path | None:
        """The database file of a ``file:`` URL."""
        return None if self.is_remote else Path(urllib.parse.unquote(urllib.parse.urlsplit(self.url).path))

    @cached_property
    def redacted_url(self) -> str:
        """The URL with any credentials removed: safe to print and log."""
        return _strip_credentials(self.url)

    @cached_property
    def token_read_only(self) -> bool:
        """Whether the token is a JWT that grants reads only (sqld's and Turso's claim ``"a": "ro"``).

        The claim is read, not verified: verifying is the server's job.  sqld answers a
        write with such a token by closing the WebSocket, so the client refuses it first.
        """
        parts = (self.auth_token or "").split(".")
        if len(parts) != 3:
            return False
        try:
            claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        except ValueError:
            return False
        return isinstance(claims, dict) and claims.get("a") == "ro"

    def __str__(self) -> str:
        """The redacted URL; for a remote one, whether a token is set (never the token)."""
        if not self.is_remote:
            return self.redacted_url
        return f"{self.redacted_url} (token: {'set' if self.auth_token else 'none'})"

    def redact(self, text: str) -> str:
        """``text`` with every occurrence of the token replaced by ``***``."""
        if self.auth_token:
            text = text.replace(self.auth_token, "***")
        return text


def load(url: str | None = None, auth_token: str | None = None, *, env_file: str | Path | None = None) -> Settings:
    """Resolve settings from arguments, then the environment, then ``.env``.

    >>> load("file:/tmp/jarvis.db").url
    'file:///tmp/jarvis.db'
    """
    env, folders = _dotenv(env_file)
    base = None
    if url is None and os.environ.get(URL_VAR):
        url = os.environ[URL_VAR]
    elif url is None and env.get(URL_VAR):
        url, base = env[URL_VAR], folders[URL_VAR]  # a relative file: path means "beside the .env file"
    if auth_token is None:
        auth_token = os.environ.get(TOKEN_VAR) or env.get(TOKEN_VAR) or None
    if url is None:
        return Settings(default_path().as_uri(), auth_token)
    return parse_url(url, auth_token, base=base)


def parse_url(url: str, auth_token: str | None = None, *, base: Path | None = None) -> Settings:
    """Validate ``url``; an ``authToken`` query parameter moves into the token.

    A relative ``file:`` path is resolved against ``base`` (default: the current directory).
    """
    if not isinstance(url, str) or not url.strip():
        raise ConfigError("the database URL is empty")
    url = url.strip()
    shown = _strip_credentials(url)
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as e:  # e.g. an unclosed IPv6 bracket
        raise ConfigError(f"malformed database URL {shown!r}: {e}") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        hint = f" (for a file, write file:{shown})" if not scheme and not parts.netloc else ""
        raise ConfigError(
            f"unsupported database URL {shown!r}: use one of "
            + ", ".join(f"{s}:" for s in SCHEMES) + hint
        )
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    kept = []
    for key, value in query:
        if key == "authToken":
            if auth_token and value and value != auth_token:
                raise ConfigError(
                    f"database URL {shown!r} carries an authToken and {TOKEN_VAR} holds another one: keep one of them"
                )
            auth_token = auth_token or value or None
        elif key == "tls" and value in ("0", "1") and scheme != "file":
            kept.append((key, value))
        else:
            raise ConfigError(f"unsupported query parameter {key!r} in database URL {shown!r}")
    if parts.fragment:
        raise ConfigError(f"database URL {shown!r} has a fragment")
    if scheme == "file":
        return Settings(_file_url(parts, shown, base), None)
    if not parts.hostname:
        raise ConfigError(f"database URL {shown!r} names no host")
    if parts.path not in ("", "/"):  # libsql-client would drop it silently; sqld and Turso serve at the root
        raise ConfigError(f"database URL {shown!r} has a path ({parts.path}): a libSQL server is addressed by"
                          " scheme, host and port only")
    try:
        port = parts.port
    except ValueError:
        raise ConfigError(f"database URL {shown!r} has an invalid port") from None
    if scheme == "libsql" and ("tls", "0") in kept and port is None:
        raise ConfigError(f"database URL {shown!r}: libsql: with ?tls=0 needs a port")
    tls = dict(kept).get("tls")
    secure = scheme in ("https", "wss")
    if tls is not None and scheme in ("http", "https", "ws", "wss") and (tls == "1") != secure:
        other = scheme[:-1] if secure else scheme + "s"
        raise ConfigError(
            f"database URL {shown!r} contradicts itself: {scheme}: {'always uses' if secure else 'never uses'} TLS"
            f" but it says ?tls={tls}; use {other}: or drop ?tls"
        )
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    netloc = host + (f":{port}" if port else "")
    clean = urllib.parse.urlunsplit((scheme, netloc, parts.path, urllib.parse.urlencode(kept), ""))
    return Settings(clean, auth_token)


def _file_url(parts: urllib.parse.SplitResult, shown: str, base: Path | None) -> str:
    if parts.netloc not in ("", "localhost"):
        raise ConfigError(f"file URL {shown!r} names a host; use file:/absolute/path or file:relative/path")
    if not parts.path or parts.path.endswith("/"):
        raise ConfigError(f"file URL {shown!r} names no file")
    try:
        text = urllib.parse.unquote(parts.path, errors="strict")
        if "\x00" in text:
            raise ConfigError(f"file URL {shown!r} contains a NUL character")
        path = ((base or Path.cwd()) / Path(text).expanduser()).resolve()
        return path.as_uri()
    except (OSError, ValueError, UnicodeError) as e:  # e.g. a path too long to resolve, bytes that are not UTF-8
        raise ConfigError(f"file URL {shown!r} is not a usable path: {e}") from None


def carries_credentials(url: str) -> bool:
    """Whether ``url`` holds a user, password or a query parameter named like a secret (``authToken``,
    ``token``, ``auth_token``, …): what must not be typed on a command line, where ``ps`` shows it."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return "@" in url or bool(_SECRET_NAME.search(url))
    keys = [k for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)]
    return "@" in parts.netloc or any(_SECRET_NAME.search(k) for k in keys)


_SECRET_NAME = re.compile(r"token|auth|secret|passw|jwt|key", re.IGNORECASE)


_URL_STRIPPED = dict.fromkeys(map(ord, "\t\r\n"))  # urllib.parse._UNSAFE_URL_BYTES_TO_REMOVE


def _strip_credentials(url: str) -> str:
    """``url`` without user and password, without ``authToken``, and with every other query value
    but ``tls``'s shown as ``***`` (a near-miss name such as ``?token=`` may hold the token)."""
    url = url.translate(_URL_STRIPPED)  # as urlsplit drops them, so that the netloc is found in the text
    try:
        parts = urllib.parse.urlsplit(url)
        query = [f"{urllib.parse.quote(k)}={urllib.parse.quote(v) if k == 'tls' else '***'}"
                 for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if k != "authToken"]
        # the text as written up to the query ("file:data/x.db" stays relative; urlunsplit would write
        # "file:///data/x.db"), without the user and password
        shown = url.split("#", 1)[0].split("?", 1)[0]
        if "@" in parts.netloc:
            shown = shown.replace(parts.netloc, parts.netloc.rsplit("@", 1)[-1], 1)
        return shown + ("?" + "&".join(query) if query else "")
    except ValueError:
        return "<unparseable URL>"


def _dotenv(env_file: str | Path | None) -> tuple[dict[str, str], dict[str, Path]]:
    """The values of the ``.env`` files, and for each the folder of the file it came from."""
    candidates = [Path(env_file)] if env_file else [project_dir() / ".env", Path.cwd() / ".env"]
    values: dict[str, str] = {}
    folders: dict[str, Path] = {}
    for candidate in candidates:  # later files win: the current directory's over the project's
        if candidate.is_file():
            found = {k: v for k, v in dotenv_values(candidate).items() if v is not None}
            values.update(found)
            folders.update(dict.fromkeys(found, candidate.resolve().parent))
    return values, folders


def no_shm_possible(path: Path) -> bool:
    """A WAL database in a folder this process cannot write, with no -shm file: SQLite cannot open it
    ``mode=ro`` (it needs the -shm).  No process has it open in WAL mode then (it would have made the
    -shm), so it is read ``immutable=1``; a writer starting during the read could go unseen."""
    return not os.access(path.parent, os.W_OK) and not Path(f"{path}-shm").exists()

