"""The CLI reads what analysts decided: `casefile incidents` and `units show` print the values
in force, the review status and the machine's value beside an edited field (#10)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable

import pytest

from casefile.review import judge
from casefile.store import Store

pytestmark = pytest.mark.slow

Cli = Callable[..., subprocess.CompletedProcess[str]]
BUCHA = "Detainees beaten in Bucha."
IRPIN = {"name": "Irpin", "country": "UA", "admin1": "Kyiv Oblast", "lat": 50.52, "lon": 30.25}


@pytest.fixture
def reviewed(stocked: tuple[Store, dict[str, str]]) -> tuple[Store, str]:
    """The stock, with the Bucha torture incident re-dated, re-placed and confirmed."""
    store, ids = stocked
    target = ids[BUCHA]
    judge(store, "ana", "incident", target, "edit", "Dated by a witness.", "date",
          {"start": "2022-03-14", "end": "2022-03-14"})  # fmt: skip
    judge(store, "ana", "incident", target, "edit", "Geolocated.", "place", IRPIN)
    judge(store, "ana", "incident", target, "confirm", "Checked both sources.")
    return store, target


def test_incidents_show_the_analysts_values_and_status(reviewed, cli: Cli) -> None:
    store, target = reviewed
    r = cli("--db", store.url, "incidents", "--format", "json", "--type", "torture")
    assert r.returncode == 0, r.stderr
    [row] = json.loads(r.stdout)
    assert row["id"] == target and row["status"] == "confirmed"
    assert row["date"] == {"start": "2022-03-14", "end": "2022-03-14"}
    assert row["place"]["name"] == "Irpin"
    assert (
        row["machine"]["place"]["name"] == "Bucha" and row["machine"]["date"]["start"] == "2022-03"
    )
    assert row["edited"] == ["date", "place"] and row["reviewed_by"] == "ana"

    r = cli("--db", store.url, "incidents", "--format", "csv", "--status", "confirmed")
    [line] = list(csv.DictReader(io.StringIO(r.stdout)))
    assert (line["place"], line["date_start"], line["status"]) == (
        "Irpin",
        "2022-03-14",
        "confirmed",
    )
    assert json.loads(line["machine"])["place"]["name"] == "Bucha"

    table = cli("--db", store.url, "incidents", "--place", "irpin").stdout
    assert "Irpin" in table and "confirmed" in table and "(machine: Bucha" in table
    assert "2022-03-14" in table and "(machine: 2022-03)" in table
    # the filters read the values in force too
    assert "0 incidents" in cli("--db", store.url, "incidents", "--place", "bucha", "--type",
                                "torture").stdout  # fmt: skip


def test_units_show_lists_the_analysts_values(reviewed, cli: Cli) -> None:
    store, target = reviewed
    r = cli("--db", store.url, "units", "show", "64th Motorized Rifle Brigade", "--format", "json")
    assert r.returncode == 0, r.stderr
    listed = {i["id"]: i for i in json.loads(r.stdout)["incidents"]["list"]}
    assert listed[target]["place"]["name"] == "Irpin" and listed[target]["status"] == "confirmed"
    assert listed[target]["machine"]["place"]["name"] == "Bucha"
    text = cli("--db", store.url, "units", "show", "64th Motorized Rifle Brigade").stdout
    assert "2022-03-14 Torture, Irpin" in text and "confirmed" in text
