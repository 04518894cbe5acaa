"""Accounts against #9: tokens listed and revoked, revoked by a password change or a
disable, bounded lifetimes; names unique whatever their case; a lockout an administrator
lifts; the same passwords on the command line and in the browser."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from subprocess import CompletedProcess
from typing import Any

import pytest

from casefile.auth import (
    add_user,
    change_user,
    issue_token,
    list_tokens,
    revoke_token,
    token_user,
    unlock_user,
)
from casefile.errors import AuthError
from casefile.store import Store

API = "/api/v1"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def store(tmp_path: Any) -> Store:
    s = Store(str(tmp_path / "a.db"))
    add_user(s, "ana", "analyst", PASSWORD)
    return s


def test_tokens_are_listed_and_revoked(store: Store) -> None:
    first = issue_token(store, "ana", "script one", days=30)
    issue_token(store, "ana", "script two")
    listed = list_tokens(store, "ana")
    assert [t["label"] for t in listed] == ["script two", "script one"]
    assert all(t["live"] for t in listed) and listed[1]["expires_at"] is not None
    one = listed[1]["id"]
    assert revoke_token(store, one) == "ana"
    with pytest.raises(AuthError, match="unknown or revoked"):
        token_user(store, first)
    with pytest.raises(AuthError, match="revoked already"):
        revoke_token(store, one)
    assert [t["live"] for t in list_tokens(store, "ana")] == [True, False]


@pytest.mark.parametrize(
    "change", [{"password": "another long password"}, {"disabled": True}], ids=["password", "off"]
)
def test_a_password_change_or_disable_revokes_every_token(
    store: Store, change: dict[str, Any]
) -> None:
    token = issue_token(store, "ana", "script")
    change_user(store, "ana", **change)
    change_user(store, "ana", disabled=False)  # enabling again does not bring tokens back
    with pytest.raises(AuthError, match="unknown or revoked"):
        token_user(store, token)


@pytest.mark.parametrize("days", [0, -1, 3651])
def test_token_lifetimes_are_positive_and_bounded(store: Store, days: int) -> None:
    with pytest.raises(AuthError, match="1 to 3650 days"):
        issue_token(store, "ana", "x", days=days)
    assert list_tokens(store, "ana") == []


def test_names_are_unique_whatever_their_case(store: Store) -> None:
    with pytest.raises(AuthError, match=r"'ana' exists already \(names are unique"):
        add_user(store, "ANA", "admin", PASSWORD)


@pytest.mark.slow
def test_token_commands(cli: Callable[..., CompletedProcess[str]]) -> None:
    assert (
        cli("users", "add", "ana", "--password-stdin", stdin=b"a long password\n").returncode == 0
    )
    assert cli("users", "token", "ana", "--days", "0").returncode == 2
    token = cli("users", "token", "ana", "--label", "nightly").stdout.strip()
    listed = cli("users", "tokens", "ana", "--format", "json")
    assert "nightly" in listed.stdout and token not in listed.stdout
    token_id = listed.stdout.split('"id": "')[1].split('"')[0]
    got = cli("users", "revoke-token", token_id)
    assert got.returncode == 0 and got.stdout.startswith(f"revoked token {token_id} of ana")
    assert cli("users", "unlock", "ana").stdout.startswith("unlocked ana")


def _try_login(served: Any, name: str, password: str) -> int:
    c = served.client
    csrf = c.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    r = c.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": csrf},
        follow_redirects=False,
    )
    return int(r.status_code)


def test_an_admin_lifts_a_lockout(served: Any) -> None:
    for n in range(5):
        assert _try_login(served, "ana", f"guess {n}") == 401
    assert _try_login(served, "ana", PASSWORD) == 429  # locked out, the right password too
    r = served.client.post(f"{API}/users/ana/unlock", headers=served.bearer("adam"))
    assert r.status_code == 200
    assert _try_login(served, "ana", PASSWORD) == 303
    # the command line's unlock (another process) is seen by the server through the log
    for n in range(5):
        _try_login(served, "vic", f"guess {n}")
    assert _try_login(served, "vic", PASSWORD) == 429
    unlock_user(served.store, "vic")
    assert _try_login(served, "vic", PASSWORD) == 303


def test_the_browser_takes_the_password_the_command_line_set(served: Any) -> None:
    composed = "café crème brûlée"  # set from a terminal, precomposed
    add_user(served.store, "zoe", "viewer", unicodedata.normalize("NFC", composed))
    decomposed = unicodedata.normalize("NFD", composed)  # as some browsers send it
    assert decomposed != composed
    assert _try_login(served, "zoe", decomposed) == 303
    with pytest.raises(AuthError, match="too long"):
        add_user(served.store, "yan", "viewer", "x" * 1001)  # the form would refuse it
