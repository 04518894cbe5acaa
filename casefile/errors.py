"""One exception tree for casefile.

    CasefileError              anything casefile raises on purpose
    ├── InputError             bad input: names the file (and line) and the problem
    │   ├── IngestError        a file that cannot be ingested (empty, binary, too large ...)
    │   └── RecordError        a malformed JSONL line or data-file record
    ├── ConfigError            a setting or pipeline that cannot be built
    ├── BudgetError            one document's extraction ran past its time budget
    ├── StageError             a stage failed on one document (its own bug or a hostile text)
    ├── KnowledgeError         a malformed knowledge file (units, gazetteer); names record and field
    ├── StoreError             the database cannot be opened or migrated
    ├── AuditError             the audit log's secret or head is missing, or cannot be written
    ├── AuthError              a log-in or token that does not hold; a server with no users
    └── ReviewError            a judgement that cannot apply: names the target, field and why
        ├── NotFoundError      no such document, incident, case or unit
        └── ConflictError      the target changed since the analyst saw it (HTTP 409)

The CLI catches CasefileError at one boundary and prints its message, never a traceback.
"""

from __future__ import annotations

from typing import Any


class CasefileError(Exception):
    """Base of every error casefile raises on purpose; its message is meant for users."""


class InputError(CasefileError):
    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source, self.problem, self.hint = source, problem, hint
        super().__init__(f"{source}: {problem}" + (f" ({hint})" if hint else ""))


class IngestError(InputError):
    """A file or stream that cannot become a Document."""


class RecordError(InputError):
    """A malformed record: a JSONL line, a YAML entry."""


class ConfigError(CasefileError):
    """A setting, stage name or pipeline order that does not work."""


class BudgetError(CasefileError):
    """One document's extraction ran out of its time budget; the others go on."""


class StageError(CasefileError):
    """A stage raised on one document: named with the stage, so the others go on."""


class KnowledgeError(CasefileError):
    """A malformed knowledge-base file: the message names the record and the field."""


class StoreError(CasefileError):
    """The database could not be opened, migrated or written."""


class AuditError(CasefileError):
    """The audit log cannot be written or checked: its secret or its head is missing or bad."""


class AuthError(CasefileError):
    """Authentication failed, or the server cannot start safely (no users, public host)."""


class ReviewError(CasefileError):
    """An analyst's judgement, new incident, merge or split that cannot apply as given."""


class NotFoundError(ReviewError):
    """No document, incident, case or unit with the given id or name."""


class ConflictError(ReviewError):
    """A judgement made on a value that has changed since: another analyst was first. Carries
    the target as it stands now, so the analyst can look again."""

    def __init__(self, message: str, current: dict[str, Any]) -> None:
        super().__init__(message)
        self.current = current
