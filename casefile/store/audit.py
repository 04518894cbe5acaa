"""The audit log: who changed, imported or exported what, when, from what to what, and why.

Entries are appended inside the same transaction as the change they record and are never
changed: triggers refuse UPDATE and DELETE on ``audit_log``. Each entry carries
``hash = HMAC-SHA256(secret, entry + previous hash)``, so

- an edited entry no longer matches its MAC, and without the secret nobody can make a
  matching one (the secret is ``CASEFILE_SECRET``, kept outside the database);
- an inserted or deleted entry breaks the chain at the entry after it;
- cutting the tail, or rewriting the whole chain with the secret, is caught by the *head*:
  the newest entry's number and hash, written after every commit to a file outside the
  database (``CASEFILE_AUDIT_HEAD``).

``verify`` walks the chain and names every entry that was edited, inserted or deleted.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from ..errors import AuditError
from ..model import Analysis, Document, sha256
from . import tables as t

log = logging.getLogger("casefile")

GENESIS = "0" * 64  # the "previous hash" of entry #1
MIN_SECRET = 16  # characters
_RENUMBER_SEARCH = 5  # how far verify looks for the number an entry had before it moved
# A head missing right after an entry was committed is another process about to write it.
HEAD_GRACE_S = 10.0


@dataclass(frozen=True)
class AuditEvent:
    """What happened, as the code that does it describes it; ``append`` makes it an entry."""

    action: str  # e.g. document.import, incident.confirm, case.merge, export, user.add
    object_type: str
    object_id: str
    before: Any = None
    after: Any = None
    reason: str = ""


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str
    before: str  # canonical JSON, exactly as hashed
    after: str
    reason: str
    prev: str
    hash: str

    def to_record(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "before": json.loads(self.before),
            "after": json.loads(self.after),
            "reason": self.reason,
            "prev": self.prev,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class Head:
    """The newest entry as recorded outside the database, and which key wrote it."""

    seq: int
    hash: str
    at: str
    mac: str
    key_id: str | None = None  # heads written before #9 have none


@dataclass
class Problem:
    seq: int | None
    message: str


@dataclass
class VerifyReport:
    entries: int = 0
    last_seq: int = 0
    head_path: Path | None = None
    head: Head | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    wrong_key: bool = False  # the log was written with another secret: nothing can be judged

    @property
    def ok(self) -> bool:
        return not self.problems and not self.wrong_key

    def lines(self, most: int = 50) -> list[str]:
        """What ``casefile audit verify`` prints: problems first, then notes, then a verdict."""
        if self.wrong_key:
            return [
                f"WRONG KEY: none of the {self.entries} entries (nor the head) matches this "
                "secret: CASEFILE_SECRET (or ~/.config/casefile/secret) is not the key this "
                "log was written with. Set the right one and verify again; nothing was judged "
                "forged."
            ]
        out = [p.message for p in self.problems[:most]]
        if len(self.problems) > most:
            out.append(f"... and {len(self.problems) - most} more problems")
        out += self.notes
        if self.ok:
            where = f"head #{self.head.seq} in {self.head_path} matches" if self.head else "no head"
            out.append(f"audit log intact: {self.entries} entries, chain verified, {where}")
        else:
            n = len(self.problems)
            out.append(f"audit log TAMPERED: {n} problems in {self.entries} entries")
        return out


def canonical(value: Any) -> str:
    """The one JSON form that is stored and hashed."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_mac(key: bytes, e: AuditEntry | dict[str, Any], seq: int | None = None) -> str:
    """HMAC of an entry's content and its predecessor's hash (``seq`` overrides its number)."""
    get = e.get if isinstance(e, dict) else lambda k: getattr(e, k)
    body = [
        get("seq") if seq is None else seq,
        get("at"),
        get("actor"),
        get("action"),
        get("object_type"),
        get("object_id"),
        get("before"),
        get("after"),
        get("reason"),
        get("prev"),
    ]
    return hmac.new(key, canonical(body).encode("utf-8"), hashlib.sha256).hexdigest()


def _head_mac(key: bytes, seq: int, hash_: str, at: str) -> str:
    return hmac.new(key, f"head\x1f{seq}\x1f{hash_}\x1f{at}".encode(), hashlib.sha256).hexdigest()


def key_id(key: bytes) -> str:
    """A short public name of a key (an HMAC of a fixed text): tells a wrong key from a forgery
    without revealing the key."""
    return hmac.new(key, b"casefile audit key id", hashlib.sha256).hexdigest()[:16]


def imported(doc: Document) -> AuditEvent:
    """The entry of a document's import: what was stored, and the hash of its bytes."""
    after = {
        "name": doc.ref,
        "sha256": sha256(doc.original),
        "bytes": len(doc.original),
        "media_type": doc.media_type,
        "source_path": doc.source_path,
        "publisher": doc.publisher,
        "published": doc.published,
        "url": doc.url,
    }
    return AuditEvent("document.import", "document", doc.id, after=after)


def analysed(analysis: Analysis) -> AuditEvent:
    """The entry of an analysis that replaced a document's machine-extracted facts."""
    after = {
        "extractor": analysis.extractor,
        "incidents": len(analysis.incidents),
        "statistics": len(analysis.statistics),
        "statements": len(analysis.statements),
    }
    return AuditEvent("document.analyze", "document", analysis.document.id, after=after)


# -- where the secret and the head live


def config_dir() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "casefile"


def state_dir() -> Path:
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "casefile"


def load_secret() -> bytes:
    """``CASEFILE_SECRET``; where unset, the key in ``~/.config/casefile/secret``, made on
    first use (readable by its owner only) so that a first ingest needs no setup."""
    value = os.environ.get("CASEFILE_SECRET")
    if value is not None:
        if len(value) < MIN_SECRET:
            raise AuditError(
                f"CASEFILE_SECRET is too short ({len(value)} characters): use at least "
                f"{MIN_SECRET} random ones, e.g. `python -c 'import secrets; "
                f"print(secrets.token_hex(32))'`"
            )
        return value.encode("utf-8")
    path = config_dir() / "secret"
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32) + "\n")
            log.warning(
                "made the audit log's secret key %s; keep a copy: without it the log "
                "cannot be verified (or set CASEFILE_SECRET)",
                path,
            )
        return path.read_text(encoding="utf-8").strip().encode("utf-8")
    except FileExistsError:  # another process made it first
        return path.read_text(encoding="utf-8").strip().encode("utf-8")
    except OSError as e:
        raise AuditError(
            f"{path}: cannot read or make the audit secret ({e.strerror}); set CASEFILE_SECRET"
        ) from None


def head_path_for(url: str) -> Path:
    """``CASEFILE_AUDIT_HEAD``; else beside a SQLite file (``casefile.db.audit-head``); else a
    file per database under ``~/.local/state/casefile/audit-heads/``."""
    env = os.environ.get("CASEFILE_AUDIT_HEAD")
    if env:
        return Path(env)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///") :] + ".audit-head")
    return state_dir() / "audit-heads" / (hashlib.sha256(url.encode()).hexdigest()[:16] + ".head")


# -- the log


class AuditLog:
    """Appends entries inside a caller's transaction; records the head after commit; verifies."""

    def __init__(self, head_path: Path, secret: bytes | None = None) -> None:
        self.head_path = head_path
        self._secret = secret

    @property
    def key(self) -> bytes:
        if self._secret is None:
            self._secret = load_secret()
        return self._secret

    def append(self, conn: Connection, actor: str, event: AuditEvent) -> AuditEntry:
        """Add one entry after the newest, in ``conn``'s transaction. A writer checks first,
        once, that the head covers the log as it stood (``refusal``)."""
        return self.append_many(conn, actor, [event])[0]

    def append_many(
        self, conn: Connection, actor: str, events: list[AuditEvent]
    ) -> list[AuditEntry]:
        """Add entries after the newest, in order, in ``conn``'s transaction: as many
        ``append`` calls would, in three statements (a batch of analyses writes one each)."""
        if not events:
            return []
        key = self.key  # before taking the lock: a missing secret fails without writing
        # 1. take the append lock (a write), so the newest entry cannot change under us
        lock = t.audit_lock
        more = lock.c.appends + len(events)
        conn.execute(update(lock).where(lock.c.id == 1).values(appends=more))
        # 2. the newest entry
        a = t.audit_log
        last = conn.execute(select(a.c.seq, a.c.hash).order_by(a.c.seq.desc()).limit(1)).first()
        seq, prev = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS)
        # 3. never silently start a new head over history, nor write past a cut log
        # 4. the new entries, each chained to the one before
        rows: list[dict[str, Any]] = []
        for event in events:
            row: dict[str, Any] = {
                "seq": seq,
                "at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
                "actor": actor,
                "action": event.action,
                "object_type": event.object_type,
                "object_id": event.object_id,
                "before": canonical(event.before),
                "after": canonical(event.after),
                "reason": event.reason,
                "prev": prev,
            }
            row["hash"] = entry_mac(key, row)
            rows.append(row)
            seq, prev = seq + 1, row["hash"]
        conn.execute(insert(a), rows)
        return [AuditEntry(**row) for row in rows]

    def refusal(self, conn: Connection) -> AuditError | None:
        """Why nothing may be appended now, or None: the head is missing while the log (or
        the audited data) holds history, or the head records more entries than the log has.
        Writing on would make a new head that hides what happened. Asked at the start of a
        transaction, before it writes anything."""
        # The head first, then the log: a head is written only after its entry committed, so
        # the log read after it holds that entry unless entries were deleted (the other order
        # would see another process's commit and head land in between).
        # Likewise audited rows before the log: they commit with their entries.
        try:
            head = self.read_head()
        except AuditError as e:  # an unreadable head stops audited writes, not log-ins
            return e
        has_rows = head is None and self.head_was_written() and _holds_audited_rows(conn)
        a = t.audit_log
        last = conn.execute(select(a.c.seq, a.c.at).order_by(a.c.seq.desc()).limit(1)).first()
        last_seq = int(last[0]) if last else 0
        if head is None and last is not None and _within(str(last[1]), HEAD_GRACE_S):
            return None  # another process has just committed and is recording the head
        if head is None and last_seq == 0 and has_rows:
            return AuditError(
                f"the audit log is empty and its head {self.head_path} is missing, but the "
                "database holds documents, analyses or judgements: the log was emptied, or "
                "this database predates it. Run `casefile audit verify`; to start the log "
                "here knowingly, run `casefile audit adopt-head`"
            )
        if head is None and last_seq > 0:
            return AuditError(
                f"the audit head {self.head_path} is missing, but the log holds {last_seq} "
                "entries: it is not made again silently (that would hide a cut log). Run "
                "`casefile audit verify`; if the log is intact and the head was lost, set "
                "CASEFILE_AUDIT_HEAD to the head's copy, or run `casefile audit adopt-head`"
            )
        if head is not None and head.seq > last_seq:
            return AuditError(
                f"the audit log ends at #{last_seq} but its head {self.head_path} records "
                f"#{head.seq}: entries were deleted. Nothing more is written until this is "
                "looked into (`casefile audit verify`)"
            )
        return None

    def adopt_head(self, engine: Engine) -> AuditEntry | None:
        """Record the log's newest entry as the head (after a lost head file), only where
        the chain verifies; the entry adopted, or None for an empty log."""
        report = self.verify(engine, require_head=False, require_log=False)
        if not report.ok:
            raise AuditError(
                "the audit log does not verify, so its newest entry is not adopted as head:\n"
                + "\n".join(report.lines())
            )
        last = list(iter_entries(engine, newest_first=True, limit=1))
        entry = last[0] if last else GENESIS_ENTRY  # an empty log: a head at #0
        self._write_head(entry)
        return last[0] if last else None

    def record_head(self, entry: AuditEntry) -> None:
        """Write ``entry`` as the head, unless the file already holds a newer one."""
        path = self.head_path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(str(path) + ".lock", "a") as lockfile:
                fcntl.flock(lockfile, fcntl.LOCK_EX)
                current = self.read_head()
                if current is not None and current.seq >= entry.seq:
                    return
                self._write_head(entry)
        except OSError as e:
            raise AuditError(
                f"{path}: the audit head could not be written ({e.strerror}); the "
                "change was stored, but set CASEFILE_AUDIT_HEAD to a writable "
                "file"
            ) from None

    def _write_head(self, entry: AuditEntry) -> None:
        path = self.head_path
        path.parent.mkdir(parents=True, exist_ok=True)
        mac = _head_mac(self.key, entry.seq, entry.hash, entry.at)
        data = {
            "seq": entry.seq,
            "hash": entry.hash,
            "at": entry.at,
            "mac": mac,
            "key_id": key_id(self.key),
        }
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data) + "\n", encoding="utf-8")
        os.replace(tmp, path)
        try:  # remember, outside the database and the head's folder, that a head existed
            marker = self._written_marker()
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            log.warning("could not record that the audit head %s was written", path)

    def head_was_written(self) -> bool:
        """Whether this head was ever written from this account (a marker in casefile's state
        folder): then an empty log without a head is a log emptied, not a log not begun."""
        return self._written_marker().exists()

    def _written_marker(self) -> Path:
        key = hashlib.sha256(str(self.head_path.absolute()).encode()).hexdigest()[:16]
        return state_dir() / "audit-heads-written" / key

    def read_head(self) -> Head | None:
        try:
            data = json.loads(self.head_path.read_text(encoding="utf-8"))
            kid = data.get("key_id")
            return Head(
                int(data["seq"]),
                str(data["hash"]),
                str(data["at"]),
                str(data["mac"]),
                str(kid) if kid else None,
            )
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise AuditError(f"{self.head_path}: not a readable audit head ({e})") from None

    def verify(
        self, engine: Engine, require_head: bool = True, require_log: bool = True
    ) -> VerifyReport:
        """Check every entry's MAC and link, and the head; name each entry that was edited,
        inserted or deleted; tell a wrong key from forgery."""
        report = VerifyReport(head_path=self.head_path)
        key = self.key
        head = report.head = self.read_head()
        if head is not None and head.key_id is not None and head.key_id != key_id(key):
            report.wrong_key = True  # the head names the key that wrote it: not this one
            report.entries = sum(1 for _ in iter_entries(engine))
            return report
        if head is not None and not hmac.compare_digest(
            head.mac, _head_mac(key, head.seq, head.hash, head.at)
        ):
            report.problems.append(
                Problem(None, f"head file {self.head_path}: forged or written with another secret")
            )
        head_hash_in_log: str | None = None
        # 1. walk the chain: the previous entry, whether its MAC held, and the one before it
        prev: AuditEntry | None = None
        prev_ok = True
        before_prev: AuditEntry | None = None
        macs_ok = 0
        last_at = ""
        for e in iter_entries(engine):
            report.entries += 1
            report.last_seq = e.seq
            last_at = e.at
            if head is not None and e.seq == head.seq:
                head_hash_in_log = e.hash
            expected = prev.seq + 1 if prev else 1
            mac_ok = hmac.compare_digest(e.hash, entry_mac(key, e))
            macs_ok += mac_ok
            was = None if mac_ok else _original_seq(key, e)
            if was is not None:
                report.problems.append(
                    Problem(
                        e.seq,
                        f"entry #{e.seq}: renumbered (it was "
                        f"#{was}): entries were inserted or deleted "
                        "before it",
                    )
                )
            elif not mac_ok:
                report.problems.append(
                    Problem(
                        e.seq,
                        f"entry #{e.seq}: edited or forged (its content does not match its MAC)",
                    )
                )
            elif e.seq != expected:
                report.problems.append(Problem(expected, _missing(expected, e.seq - 1)))
            # the link to the entry before, for an entry whose own content holds
            if (mac_ok or was is not None) and prev is not None and e.prev != prev.hash:
                if not prev_ok and before_prev is not None and e.prev == before_prev.hash:
                    report.problems[-1 if was is None else -2] = Problem(
                        prev.seq,
                        f"entry #{prev.seq}: inserted (the entry after it chains to "
                        f"#{before_prev.seq})",
                    )
                elif mac_ok and e.seq == expected:
                    report.problems.append(
                        Problem(
                            e.seq,
                            f"entry #{e.seq}: the entry it chains "
                            "to is gone: entries before it were deleted "
                            "or rewritten",
                        )
                    )
            elif mac_ok and prev is None and e.prev != GENESIS:
                report.problems.append(
                    Problem(
                        e.seq,
                        f"entry #{e.seq}: the first entries were "
                        "deleted (it chains to an entry that is gone)",
                    )
                )
            before_prev, prev, prev_ok = prev, e, mac_ok
        if report.entries and not macs_ok and (head is None or report.problems):
            # not one entry matches: a wrong key, not every entry forged
            report.wrong_key = True
            return report
        # 2. the head outside the database: a cut tail or a rewritten chain shows here
        if head is None:
            if report.entries and require_head:
                report.problems.append(
                    Problem(
                        None,
                        f"no audit head at {self.head_path} while the log holds "
                        f"{report.entries} entries: the head was deleted or is kept elsewhere "
                        "(set CASEFILE_AUDIT_HEAD to it); a cut tail cannot be ruled out",
                    )
                )
        elif head.seq > report.last_seq:
            report.problems.append(
                Problem(
                    report.last_seq + 1,
                    (
                        f"the log ends at #{report.last_seq} but the head records #{head.seq} "
                        f"({head.at}): {_missing(report.last_seq + 1, head.seq)}"
                    ),
                )
            )
        elif head_hash_in_log is not None and head_hash_in_log != head.hash:
            report.problems.append(
                Problem(
                    head.seq,
                    f"entry #{head.seq}: differs from the head "
                    "recorded outside the database: the chain was "
                    "rewritten",
                )
            )
        elif head.seq < report.last_seq:
            report.problems.append(
                Problem(
                    head.seq + 1,
                    f"the head records #{head.seq} ({head.at}) but the log goes on to "
                    f"#{report.last_seq}: an older head was put back (hiding a cut and "
                    "rewritten tail), or a process stopped between a commit and writing the "
                    "head; the next write records a newer head if the log is genuine",
                )
            )
        # 3. what the database holds that is newer than the log: a cut tail, even where the
        #    head was put back or deleted with it
        if require_log or report.entries:
            report.problems += _unlogged_changes(engine, last_at, head)
        return report


def actions(engine: Engine) -> list[str]:
    """The actions the log holds ("document.import", "incident.confirm" ...), sorted: the
    audit page's choice of filter (one pass over the log, as an administrator opens it)."""
    a = t.audit_log
    with engine.connect() as c:
        return sorted(str(x) for x in c.execute(select(a.c.action).distinct()).scalars())


def iter_entries(
    engine: Engine,
    after: int = 0,
    limit: int | None = None,
    newest_first: bool = False,
    object_type: str | None = None,
    object_id: str | None = None,
    actor: str | None = None,
    before: int | None = None,
    action: str | None = None,
) -> Iterator[AuditEntry]:
    """Entries in order of their number (newest first on request), optionally for one object,
    one actor or one action ("incident.confirm")."""
    a = t.audit_log
    q = select(a)
    if after:
        q = q.where(a.c.seq > after)
    if before:
        q = q.where(a.c.seq < before)
    if object_type:
        q = q.where(a.c.object_type == object_type)
    if object_id:
        q = q.where(a.c.object_id == object_id)
    if actor:
        q = q.where(a.c.actor == actor)
    if action:
        q = q.where(a.c.action == action)
    q = q.order_by(a.c.seq.desc() if newest_first else a.c.seq)
    if limit is not None:
        q = q.limit(limit)
    with engine.connect() as c:
        for row in c.execute(q).mappings():
            yield AuditEntry(**{k: row[k] for k in AuditEntry.__dataclass_fields__})


GENESIS_ENTRY = AuditEntry(0, "", "", "", "", "", "null", "null", "", GENESIS, GENESIS)


def _holds_audited_rows(conn: Connection) -> bool:
    return any(
        conn.execute(select(table.c[column]).limit(1)).first() is not None
        for table, column, _ in AUDITED_TIMES
    )


# Tables whose rows are written with an audit entry in the same transaction, and the column
# holding when: no row can be newer than the log's newest entry.
AUDITED_TIMES = (
    (t.documents, "ingested_at", "documents imported"),
    (t.analyses, "analysed_at", "analyses stored"),
    (t.judgements, "at", "judgements made"),
)


def _unlogged_changes(engine: Engine, last_at: str, head: Head | None) -> list[Problem]:
    """Rows written after the log's newest entry (``last_at``; "" for an empty log, where a
    head adopted at #0 dates the start)."""
    if not last_at and head is not None and head.seq == 0:
        return []  # the log was started knowingly over older data (adopt_head)
    since = _utc(last_at) if last_at else None
    problems = []
    with engine.connect() as c:
        for table, column, what in AUDITED_TIMES:
            col = table.c[column]
            q = select(func.count(), func.max(col)).select_from(table)
            if since is not None:
                # compared in Python too: SQLite keeps these as text without a zone
                q = q.where(col > since.replace(tzinfo=None) if _naive(engine) else col > since)
            n, newest = c.execute(q).one()
            if n and newest is not None and (since is None or _utc(newest) > since):
                where = (
                    f"after the log's newest entry ({last_at})"
                    if last_at
                    else "yet the log is empty"
                )
                problems.append(
                    Problem(
                        None,
                        f"{n} {what} {where}: the log's tail was cut (its entries deleted)",
                    )
                )
    return problems


def _within(at: str, seconds: float) -> bool:
    try:
        return (dt.datetime.now(dt.UTC) - _utc(at)).total_seconds() < seconds
    except ValueError:
        return False


def _naive(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _utc(value: str | dt.datetime) -> dt.datetime:
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _original_seq(key: bytes, e: AuditEntry) -> int | None:
    for delta in range(1, _RENUMBER_SEARCH + 1):
        for seq in (e.seq - delta, e.seq + delta):
            if seq > 0 and hmac.compare_digest(e.hash, entry_mac(key, e, seq)):
                return seq
    return None


def _missing(first: int, last: int) -> str:
    which = f"entry #{first} is" if first == last else f"entries #{first}..#{last} are"
    return f"{which} missing (deleted)"
