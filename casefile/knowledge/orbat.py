"""The order of battle: which unit a name means, and which unit commanded it on a given day.

The built-in knowledge base is ``data/units.yaml`` (one record per formation, format described
at the top of that file). It is read and checked once per process; user files in the same
format are merged on top with :meth:`Orbat.load`, a user record replacing the built-in record
of the same canonical name.

    kb = Orbat.default()
    kb.resolve("30th MRB").name                    # '30th Motorized Rifle Brigade'
    [u.name for u in kb.ancestors("30th MRB")]     # ['2nd Combined Arms Army',
                                                   #  'Central Military District']
    kb.parent("6th CAA", on="2023-05-01").parent   # 'Western Military District'

A unit may have several subordinations over time (``parents``, oldest first). The one valid on
a date is the relation whose ``start``..``end`` holds that date; where several hold, the one
with the latest start wins, and among equal starts the one listed last. With no date, the
current one (no ``end``) is meant.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from casefile.errors import KnowledgeError

__all__ = ["AFFILIATIONS", "BUILTIN_UNITS", "ECHELONS", "Orbat", "Relation", "UnitRecord", "key"]

BUILTIN_UNITS = Path(__file__).parent / "data" / "units.yaml"
ECHELONS = (
    "district",
    "fleet",
    "army",
    "corps",
    "division",
    "brigade",
    "regiment",
    "battalion",
    "detachment",
    "group",
)
AFFILIATIONS = ("Russia", "Ukraine", "DPRK")
UNVERIFIED = "unverified"

_FIELDS = ("name", "aliases", "type", "echelon", "affiliation", "parents", "note")
_PARENT_FIELDS = ("name", "start", "end", "source")
_TYPE = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Fuzzy matching is a last resort for misspellings; 88 lets "Wagner Grup" and
# "Motorised Rifel" through but not a different type of unit.
_FUZZY_CUTOFF = 88
_REVISIONS = itertools.count(1)
_ECHELON_WORDS = frozenset(
    [
        "district",
        "fleet",
        "flotilla",
        "army",
        "corps",
        "division",
        "brigade",
        "regiment",
        "battalion",
        "detachment",
        "group",
        "grouping",
        "округ",
        "флот",
        "армия",
        "корпус",
        "дивизия",
        "бригада",
        "полк",
        "батальон",
    ]
)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader (ten times faster than pure Python), dates kept as text.

    YAML would turn ``2024-03-01`` into a date and fail outright on ``2024-13-01``; as text,
    the record check can say which record and field hold a bad date.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Relation:
    """One subordination of a unit: ``parent`` commanded it from ``start`` to ``end``.

    Dates are partial ISO dates (``2024``, ``2024-03``, ``2024-03-01``) or None where unknown.
    ``source`` names a public reference, or is ``"unverified"``.
    """

    parent: str
    start: str | None = None
    end: str | None = None
    source: str = UNVERIFIED

    @property
    def verified(self) -> bool:
        """Whether a specific public reference backs this relation."""
        return self.source != UNVERIFIED

    def valid_on(self, on: str | None) -> bool:
        """Whether the relation holds on ``on`` (a partial date means its first day).

        With ``on`` None: whether it still holds (has no end).
        """
        if on is None:
            return self.end is None
        day = _first_day(on)
        return (self.start is None or _first_day(self.start) <= day) and (
            self.end is None or day <= _last_day(self.end)
        )


@dataclass(frozen=True)
class UnitRecord:
    """One formation of the knowledge base."""

    name: str
    aliases: tuple[str, ...]
    type: str
    echelon: str
    affiliation: str
    parents: tuple[Relation, ...]
    source_file: str
    note: str = ""

    def parent_on(self, on: str | None = None) -> Relation | None:
        """The subordination valid on ``on``: the latest start wins, ties go to the last listed."""
        best: Relation | None = None
        for relation in self.parents:
            if relation.valid_on(on) and (
                best is None or _first_day(relation.start) >= _first_day(best.start)
            ):
                best = relation
        return best


def key(text: str) -> str:
    """The lookup key of a name: case, quotes, punctuation, brackets and a leading "the" ignored.

    >>> key("the Russian General Staff’s Main Directorate [GRU]")
    'russian general staffs main directorate'
    """
    text = text.translate(_KEY_CHARS)
    text = _BRACKETS.sub(" ", text).replace("'", "")
    text = _NON_WORD.sub(" ", text.casefold()).strip()
    return text[4:] if text.startswith("the ") else text


_KEY_CHARS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "ё": "е", "Ё": "Е"})
_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_NON_WORD = re.compile(r"[\W_]+")


class Orbat:
    """The order of battle: records by canonical name, with alias lookup and dated hierarchy.

    ``revision`` changes whenever the records do, for caches built from them.
    """

    revision: int

    def __init__(self, records: Iterable[UnitRecord] = ()) -> None:
        self._records: dict[str, UnitRecord] = {r.name: r for r in records}
        self._reindex()

    @classmethod
    def default(cls) -> Orbat:
        """A new Orbat holding the built-in knowledge base.

        The file is read and checked once per process; each call returns its own copy, so
        loading user files into it changes nobody else's.
        """
        return _builtin().copy()

    def copy(self) -> Orbat:
        """An independent Orbat with the same records (records are immutable and shared)."""
        clone = Orbat.__new__(Orbat)
        clone._records = dict(self._records)
        clone._keys = dict(self._keys)
        clone._fuzzy = {n: list(c) for n, c in self._fuzzy.items()}
        clone.revision = next(_REVISIONS)
        return clone

    def load(self, path: str | Path, text: str | None = None) -> int:
        """Merge a user unit file into this Orbat and return how many records it held.

        The whole file is checked before anything is merged: a malformed record raises
        KnowledgeError naming the file, the record (index and name) and the field, and leaves
        this Orbat as it was. A record replaces the one of the same canonical name.
        ``text`` is the file's content where it is not read from ``path`` (a unit file kept
        in the store); ``path`` then only names it, in errors and in ``source_file``.
        """
        path = Path(path)
        raws = _read(path) if text is None else _parse(path, text)
        records = [_record(raw, i, path) for i, raw in enumerate(raws, start=1)]
        merged = dict(self._records)
        seen: dict[str, int] = {}
        for i, record in enumerate(records, start=1):
            if record.name in seen:
                raise _error(path, i, record.name, "name", f"repeats record {seen[record.name]}")
            seen[record.name] = i
            merged[record.name] = record
        for i, record in enumerate(records, start=1):
            for relation in record.parents:
                if relation.parent == record.name:
                    raise _error(path, i, record.name, "parents", "a unit cannot be its own parent")
                if relation.parent not in merged:
                    guess = self.resolve(relation.parent)
                    hint = f"did you mean {guess.name!r}?" if guess else "add a record for it"
                    raise _error(
                        path,
                        i,
                        record.name,
                        "parents",
                        f"unknown parent {relation.parent!r}; parents are canonical names "
                        f"of units in the knowledge base or this file ({hint})",
                    )
        self._records = merged
        self._reindex()
        return len(records)

    def get(self, name: str) -> UnitRecord | None:
        """The record with exactly this canonical name, or None."""
        return self._records.get(name)

    def resolve(self, name: str, *, fuzzy: bool = True) -> UnitRecord | None:
        """The record a mention means, in any known spelling, or None.

        1. the mention as written: a canonical name or an alias ("Pskov Division", "PMC Wagner");
        2. its canonical form ("30th Guards MRB" -> "30th Motorized Rifle Brigade");
        3. the same number in another airborne type ("217th Airborne Regiment" is the
           217th Parachute Regiment);
        4. where the mention has no canonical form (a misspelling), the closest name with the
           same numbers and the same unit noun, if it is close enough.
        A well-formed name that is not in the knowledge base is never matched to another unit.
        """
        from casefile.resolve.units import normalise_unit  # the canonicaliser imports this module

        found = self._keys.get(key(name))
        if found:
            return self._records[found]
        form = normalise_unit(name)
        if form is not None:
            for candidate in (form, *_airborne_variants(form)):
                found = self._keys.get(key(candidate))
                if found:
                    return self._records[found]
            return None
        return self._closest(name) if fuzzy else None

    def parent(self, name: str, on: str | dt.date | None = None) -> Relation | None:
        """The subordination of a unit valid on ``on`` (ISO date; None means now), or None.

        None also where the unit is unknown or has no parent then.
        """
        record = self.resolve(name)
        return record.parent_on(_check_date(on)) if record else None

    def ancestors(self, name: str, on: str | dt.date | None = None) -> list[UnitRecord]:
        """The chain of command above a unit on ``on``, innermost first."""
        day = _check_date(on)
        record = self.resolve(name)
        chain: list[UnitRecord] = []
        seen = {record.name} if record else set()
        while record is not None:
            relation = record.parent_on(day)
            record = self._records.get(relation.parent) if relation else None
            if record is None or record.name in seen:  # a cycle in user data stops the walk
                break
            seen.add(record.name)
            chain.append(record)
        return chain

    def children(self, name: str, on: str | dt.date | None = None) -> list[UnitRecord]:
        """The units directly under a unit on ``on``, in file order."""
        day = _check_date(on)
        record = self.resolve(name)
        if record is None:
            return []
        return [
            unit
            for unit in self._records.values()
            if (relation := unit.parent_on(day)) and relation.parent == record.name
        ]

    def descendants(self, name: str, on: str | dt.date | None = None) -> list[UnitRecord]:
        """Every unit under a unit on ``on``, breadth first (children, then theirs, ...)."""
        day = _check_date(on)
        below: dict[str, list[UnitRecord]] = {}
        for unit in self._records.values():
            relation = unit.parent_on(day)
            if relation:
                below.setdefault(relation.parent, []).append(unit)
        record = self.resolve(name)
        if record is None:
            return []
        found: list[UnitRecord] = []
        seen = {record.name}
        queue = [record.name]
        while queue:
            for unit in below.get(queue.pop(0), []):
                if unit.name not in seen:
                    seen.add(unit.name)
                    found.append(unit)
                    queue.append(unit.name)
        return found

    def __iter__(self) -> Iterator[UnitRecord]:
        return iter(self._records.values())

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.resolve(name, fuzzy=False) is not None

    def __repr__(self) -> str:
        return f"<Orbat {len(self)} units>"

    # -- helpers ------------------------------------------------------------------------

    def _reindex(self) -> None:
        """Rebuild the lookup tables; canonical names win over aliases, later files over earlier."""
        keys: dict[str, str] = {}
        for record in self._records.values():
            for alias in record.aliases:
                keys[key(alias)] = record.name
        for record in self._records.values():
            keys[key(record.name)] = record.name
        self._keys = keys
        fuzzy: dict[frozenset[str], list[tuple[str, frozenset[str]]]] = {}
        for k in keys:
            fuzzy.setdefault(_numbers(k), []).append((k, _echelon_words(k)))
        self._fuzzy = fuzzy
        self.revision = next(_REVISIONS)

    def _closest(self, mention: str) -> UnitRecord | None:
        """The conservative fuzzy fallback: same numbers, same unit noun, near-identical text."""
        k = key(mention)
        if len(k) < 4:
            return None
        nouns = _echelon_words(k)
        choices = [
            c for c, words in self._fuzzy.get(_numbers(k), []) if not nouns or words == nouns
        ]
        best = process.extractOne(k, choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        return self._records[self._keys[best[0]]] if best else None


@cache
def _builtin() -> Orbat:
    orbat = Orbat()
    orbat.load(BUILTIN_UNITS)
    return orbat


def _read(path: Path) -> list[Any]:
    """The list of raw records in a unit file (a YAML list, or a mapping with a ``units`` list)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read the unit file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    return _parse(path, text)


def _parse(path: Path, text: str) -> list[Any]:
    """The list of raw records in the text of the unit file ``path``."""
    try:
        data = yaml.load(text, Loader=_Loader)  # a safe loader: plain data only
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML ({exc})") from exc
    if data is None:
        return []
    if isinstance(data, dict) and set(data) == {"units"}:
        data = data["units"]
    if not isinstance(data, list):
        raise KnowledgeError(
            f"{path}: a unit file is a YAML list of records (or a mapping with a 'units' list), "
            f"not a {type(data).__name__}"
        )
    return data


def _error(path: Path, index: int, name: str | None, field: str, problem: str) -> KnowledgeError:
    who = f"record {index} ({name!r})" if name else f"record {index} (no name)"
    return KnowledgeError(f"{path}: {who}: field '{field}': {problem}")


def _record(raw: Any, index: int, path: Path) -> UnitRecord:
    """Check one raw record and build it; every problem names the field."""
    if not isinstance(raw, dict):
        raise KnowledgeError(
            f"{path}: record {index}: must be a mapping with {', '.join(_FIELDS)}, "
            f"not a {type(raw).__name__}"
        )
    name = raw.get("name")
    shown = name if isinstance(name, str) and name.strip() else None

    def fail(field: str, problem: str) -> KnowledgeError:
        return _error(path, index, shown, field, problem)

    for field in raw:
        if field not in _FIELDS:
            raise fail(str(field), f"unknown field; the fields are {', '.join(_FIELDS)}")
    if shown is None:
        raise fail(
            "name", "missing or empty; give the canonical name, e.g. '30th Motorized Rifle Brigade'"
        )
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise fail("aliases", "must be a list of non-empty strings")
    unit_type = raw.get("type")
    if not isinstance(unit_type, str) or not _TYPE.match(unit_type):
        raise fail("type", "missing or not a lower-case word such as motorized_rifle")
    echelon = raw.get("echelon")
    if echelon not in ECHELONS:
        raise fail("echelon", f"{echelon!r} is not one of {', '.join(ECHELONS)}")
    affiliation = raw.get("affiliation")
    if affiliation not in AFFILIATIONS:
        raise fail("affiliation", f"{affiliation!r} is not one of {', '.join(AFFILIATIONS)}")
    note = raw.get("note") or ""
    if not isinstance(note, str):
        raise fail("note", "must be text")
    parents = raw.get("parents") or []
    if not isinstance(parents, list):
        raise fail("parents", "must be a list of {name, start, end, source} mappings")
    relations = []
    for j, item in enumerate(parents, start=1):
        where = f"parents[{j}]"
        if not isinstance(item, dict):
            raise fail(where, "must be a mapping with name, start, end, source")
        for field in item:
            if field not in _PARENT_FIELDS:
                raise fail(f"{where}.{field}", f"unknown field; use {', '.join(_PARENT_FIELDS)}")
        parent = item.get("name")
        if not isinstance(parent, str) or not parent.strip():
            raise fail(f"{where}.name", "missing; give the parent's canonical name")
        start = _date(item.get("start"), lambda p, w=where: fail(f"{w}.start", p))
        end = _date(item.get("end"), lambda p, w=where: fail(f"{w}.end", p))
        if start and end and _first_day(start) > _last_day(end):
            raise fail(f"{where}.end", f"{end} is before the start {start}")
        source = item.get("source", UNVERIFIED)
        if not isinstance(source, str) or not source.strip():
            raise fail(f"{where}.source", f"name a public reference, or write {UNVERIFIED!r}")
        relations.append(Relation(parent.strip(), start, end, source.strip()))
    return UnitRecord(
        name=shown.strip(),
        aliases=tuple(a.strip() for a in aliases),
        type=unit_type,
        echelon=echelon,
        affiliation=affiliation,
        parents=tuple(relations),
        source_file=str(path),
        note=note.strip(),
    )


def _date(value: Any, fail: Any) -> str | None:
    """A partial ISO date as text (YAML reads an unquoted year as an int)."""
    if value is None:
        return None
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if isinstance(text, str) and _valid_date(text):
        return text
    raise fail(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, or null")


def _valid_date(text: str) -> bool:
    match = _DATE.match(text)
    if not match:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _check_date(on: str | dt.date | None) -> str | None:
    if on is None:
        return None
    if isinstance(on, dt.date):
        return on.isoformat()
    if isinstance(on, str) and _valid_date(on):
        return on
    raise ValueError(f"not an ISO date: {on!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


def _first_day(date: str | None) -> str:
    """Sortable first day of a partial date; None (unknown start) sorts first."""
    if date is None:
        return "0000-00-00"
    return date + "-01-01"[len(date) - 4 :]


def _last_day(date: str) -> str:
    """Sortable last day of a partial date ("2024-02" -> "2024-02-31", fine for comparing)."""
    return date + "-12-31"[len(date) - 4 :]


def _numbers(k: str) -> frozenset[str]:
    return frozenset(re.findall(r"\d+", k))


def _echelon_words(k: str) -> frozenset[str]:
    return frozenset(k.split()) & _ECHELON_WORDS


_AIRBORNE = ("Air Assault", "Airborne", "Parachute")
_AIRBORNE_NAME = re.compile(r"^(\S+) (Air Assault|Airborne|Parachute) (Division|Brigade|Regiment)$")


def _airborne_variants(name: str) -> list[str]:
    """The same unit under the other VDV types; sources mix airborne, air assault, parachute."""
    match = _AIRBORNE_NAME.match(name)
    if not match:
        return []
    number, kind, noun = match.groups()
    return [f"{number} {other} {noun}" for other in _AIRBORNE if other != kind]
