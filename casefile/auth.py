"""Users, roles, passwords, log-in sessions, API tokens, CSRF tokens and log-in rate limits.

- Passwords are hashed with argon2id (argon2-cffi); a wrong name costs as much time as a
  wrong password, so timing does not tell which names exist.
- A session is a random cookie; the store keeps only its SHA-256, with the user, a CSRF token
  and an expiry. A request that changes something with a session cookie must carry that
  CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``).
- An API token (``Authorization: Bearer cf_...``) is for scripts: no cookie, so no CSRF; the
  store keeps only its SHA-256.
- Log-ins are rate limited per name and per client address (:class:`LoginLimiter`).

Making users and tokens is audited (``user.add``, ``user.token`` ...); log-ins are not changes.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
import threading
import time
import unicodedata
from collections import deque
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .errors import AuthError
from .model import sha256
from .store import Store
from .store.audit import AuditEvent, iter_entries
from .store.view import StoredUser
from .vocab import ROLES

SESSION_HOURS = 12
SESSION_COOKIE = "casefile_session"
TOKEN_PREFIX = "cf_"
MIN_PASSWORD = 10
MAX_PASSWORD = 1000  # the web form's limit too: a password one accepts, the other does
MAX_TOKEN_DAYS = 3650  # an API token lives at most ten years (or never expires: no --days)
_RANK = {role: i for i, role in enumerate(ROLES.values)}  # viewer < analyst < admin
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("a password nobody has")  # for names that do not exist


def may(role: str, needed: str) -> bool:
    """Whether ``role`` includes what ``needed`` may do."""
    return _RANK.get(role, -1) >= _RANK[needed]


def normal_password(password: str) -> str:
    """The form a password is hashed and checked in: Unicode NFC, so that the same characters
    typed in a terminal and in a browser (which may compose accents differently) match."""
    return unicodedata.normalize("NFC", password)


def hash_password(password: str) -> str:
    password = normal_password(password)
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"password too short: use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AuthError(f"password too long: use at most {MAX_PASSWORD} characters")
    return _hasher.hash(password)


def add_user(store: Store, name: str, role: str, password: str, actor: str | None = None) -> None:
    """Create a user who can log in with ``password``."""
    if not _NAME.match(name):
        raise AuthError(
            f"user name {name!r}: 1-64 letters, digits and . _ @ -, starting with a letter or digit"
        )
    if role not in ROLES:
        raise AuthError(f"role {role!r}: use one of {', '.join(ROLES.values)}")
    clash = next((u.name for u in store.view.iter_users() if u.name.lower() == name.lower()), None)
    if clash == name:
        raise AuthError(f"user {name!r} exists already")
    if clash is not None:  # "adm" and "ADM" would be two people the log cannot tell apart
        raise AuthError(f"user {clash!r} exists already (names are unique whatever their case)")
    hashed = hash_password(password)
    with store.writer(actor) as w:
        w.add_user(name, role, hashed)
        w.add_audit(AuditEvent("user.add", "user", name, after={"name": name, "role": role}))


def change_user(
    store: Store,
    name: str,
    actor: str | None = None,
    *,
    role: str | None = None,
    password: str | None = None,
    disabled: bool | None = None,
) -> None:
    """Change a user's role or password, or disable or enable them (their sessions end)."""
    user = store.view.get_user(name)
    if user is None:
        raise AuthError(f"no user {name!r} (`casefile users list` lists them)")
    if role is not None and role not in ROLES:
        raise AuthError(f"role {role!r}: use one of {', '.join(ROLES.values)}")
    hashed = hash_password(password) if password is not None else None
    before = {"role": user.role, "disabled": user.disabled}
    after = {
        "role": role or user.role,
        "disabled": user.disabled if disabled is None else disabled,
    }
    if password is not None:
        after["password"] = "changed"
    with store.writer(actor) as w:
        w.set_user(name, role=role, password_hash=hashed, disabled=disabled)
        w.add_audit(AuditEvent("user.change", "user", name, before=before, after=after))


def issue_token(
    store: Store, name: str, label: str = "", days: int | None = None, actor: str | None = None
) -> str:
    """A new API token for the user ``name``; shown once, only its hash is kept."""
    user = store.view.get_user(name)
    if user is None or user.disabled:
        raise AuthError(f"no active user {name!r}")
    if days is not None and not 1 <= days <= MAX_TOKEN_DAYS:
        raise AuthError(
            f"--days {days}: a token lives 1 to {MAX_TOKEN_DAYS} days (leave it out for a "
            "token that never expires)"
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=days) if days else None
    token_id = sha256(token)
    with store.writer(actor) as w:
        w.add_token(token_id, name, label, expires)
        after = {
            "token": token_id[:12],
            "label": label,
            "expires_at": expires.isoformat() if expires else None,
        }
        w.add_audit(AuditEvent("user.token", "user", name, after=after))
    return token


def list_tokens(store: Store, name: str) -> list[dict[str, Any]]:
    """The API tokens of user ``name``, newest first: id (a prefix of the token's hash,
    enough to revoke it), label, created, expires, revoked. Never the token itself."""
    if store.view.get_user(name) is None:
        raise AuthError(f"no user {name!r} (`casefile users list` lists them)")
    return [t.to_record() for t in store.view.iter_tokens(name)]


def revoke_token(store: Store, token_id: str, actor: str | None = None) -> str:
    """Revoke the token whose id (hash) starts with ``token_id`` (at least 8 characters, as
    ``list_tokens`` shows them); the user it belonged to."""
    if len(token_id) < 8:
        raise AuthError(f"token id {token_id!r}: give at least 8 characters of it")
    found = [t for t in store.view.iter_tokens() if t.id.startswith(token_id.lower())]
    if not found:
        raise AuthError(f"no token {token_id!r} (`casefile users tokens NAME` lists them)")
    if len(found) > 1:
        raise AuthError(f"token id {token_id!r} is ambiguous: give more of it")
    token = found[0]
    if token.revoked_at is not None:
        raise AuthError(f"token {token.id[:12]} was revoked already ({token.revoked_at})")
    with store.writer(actor) as w:
        w.revoke_tokens(token_id=token.id)
        w.add_audit(
            AuditEvent(
                "user.token.revoke",
                "user",
                token.user_name,
                after={"token": token.id[:12], "label": token.label},
            )
        )
    return token.user_name


def unlock_user(store: Store, name: str, actor: str | None = None) -> None:
    """Lift the log-in lockout of ``name`` (after too many failed tries): recorded in the
    audit log, which every server's LoginLimiter consults (see ``LoginLimiter.lifted``)."""
    if store.view.get_user(name) is None:
        raise AuthError(f"no user {name!r} (`casefile users list` lists them)")
    with store.writer(actor) as w:
        w.add_audit(AuditEvent("user.unlock", "user", name, after={"locked": False}))


def unlocked_at(store: Store, name: str) -> float | None:
    """When ``name``'s lockout was last lifted (a Unix time), or None."""
    for e in iter_entries(store.engine, newest_first=True, object_type="user", object_id=name):
        if e.action == "user.unlock":
            return dt.datetime.fromisoformat(e.at).timestamp()
    return None


@dataclass
class Login:
    """A new session: the cookie value (given to the browser, never stored) and its CSRF."""

    token: str
    csrf: str
    user: StoredUser
    expires_at: dt.datetime


def log_in(store: Store, name: str, password: str, hours: int = SESSION_HOURS) -> Login:
    """Check a name and password and open a session; AuthError (one message for every
    failure, so it does not tell which names exist)."""
    user = store.view.get_user(name) if _NAME.match(name or "") else None
    hashed = user.password_hash if user is not None else _DUMMY_HASH
    ok: bool
    try:
        ok = _hasher.verify(hashed, normal_password(password))
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None or user.disabled:
        raise AuthError("wrong name or password")
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)
    with store.writer(f"user:{name}") as w:
        if _hasher.check_needs_rehash(hashed):
            w.set_user(name, password_hash=_hasher.hash(normal_password(password)), rehash=True)
        w.add_session(sha256(token), name, csrf, expires)
    return Login(token, csrf, user, expires)


def log_out(store: Store, token: str) -> None:
    with store.writer() as w:
        w.delete_session(sha256(token))


@dataclass
class Principal:
    """Who makes a request, and how: by session (with its CSRF token) or by API token."""

    user: StoredUser
    via: str  # "session" or "token"
    csrf: str | None = None

    @property
    def actor(self) -> str:
        """The name the audit log and judgements give."""
        return self.user.name


def session_user(store: Store, token: str) -> Principal:
    found = store.view.get_session(sha256(token))
    if found is None:
        raise AuthError("not logged in (or logged out): log in again")
    if found.expires_at is not None and found.expires_at <= dt.datetime.now(dt.UTC):
        raise AuthError("session expired: log in again")
    if found.user.disabled:
        raise AuthError(f"user {found.user.name!r} is disabled")
    return Principal(found.user, "session", found.csrf)


def token_user(store: Store, token: str) -> Principal:
    found = store.view.get_token(sha256(token))
    if found is None or found.revoked:
        raise AuthError("unknown or revoked API token")
    if found.expires_at is not None and found.expires_at <= dt.datetime.now(dt.UTC):
        raise AuthError("API token expired: issue a new one with `casefile users token`")
    if found.user.disabled:
        raise AuthError(f"user {found.user.name!r} is disabled")
    return Principal(found.user, "token")


def csrf_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))


class LoginLimiter:
    """At most ``per_name`` failed log-ins per name and ``per_address`` per client address in
    ``window`` seconds; then every try is refused until the oldest failure ages out."""

    def __init__(self, per_name: int = 5, per_address: int = 20, window: float = 300) -> None:
        self.per_name, self.per_address, self.window = per_name, per_address, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def lift(self, name: str, at: float | None = None) -> None:
        """Forget ``name``'s failures up to ``at`` (default: now): an administrator unlocked
        it. Failures from a client address still count against that address."""
        at = time.time() if at is None else at
        with self._lock:
            q = self._failures.get(f"n:{name.lower()}")
            while q and q[0] <= at:
                q.popleft()

    def retry_after(self, name: str, address: str) -> int:
        """Seconds until a try is allowed (0: now)."""
        now = time.time()
        waits = [0.0]
        with self._lock:
            for key, most in (
                (f"n:{name.lower()}", self.per_name),
                (f"a:{address}", self.per_address),
            ):
                q = self._failures.get(key)
                while q and q[0] <= now - self.window:
                    q.popleft()
                if q and len(q) >= most:
                    waits.append(q[0] + self.window - now)
        return int(max(waits) + 0.999)

    def failed(self, name: str, address: str) -> None:
        now = time.time()
        with self._lock:
            for key in (f"n:{name.lower()}", f"a:{address}"):
                self._failures.setdefault(key, deque()).append(now)
            if len(self._failures) > 100_000:  # bounded memory under a flood of names
                self._failures.clear()
