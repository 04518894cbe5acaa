"""The review queue and bulk review (#10): the next unreviewed incident, the most certain
first, then the earliest; several incidents confirmed or rejected with one reason."""

from __future__ import annotations

import pytest

from casefile.errors import NotFoundError, ReviewError
from casefile.review import judge, judge_many, next_unreviewed
from casefile.store import IncidentQuery, Store
from casefile.store.audit import iter_entries

Stocked = tuple[Store, dict[str, str]]
POKROVSK = "Six POWs shot near Pokrovsk."
HROZA = "Missile strike on a cafe in Hroza."
TORTURE, KILLING = "Detainees beaten in Bucha.", "Civilians shot in Bucha."
KURSK = "Nine POWs shot in Kursk Oblast."


def test_the_queue_takes_the_most_certain_then_the_earliest(stocked: Stocked) -> None:
    store, ids = stocked  # every stocked incident is "reported"
    judge(store, "ana", "incident", ids[KURSK], "edit", "Video verified.", "certainty", "confirmed")
    judge(store, "ana", "incident", ids[HROZA], "edit", "Denied.", "certainty", "disputed")
    order = []
    while (found := next_unreviewed(store)) is not None:
        order.append(found.incident.summary)
        judge(store, "ana", "incident", found.id, "confirm", "Checked.")
    bucha = sorted([TORTURE, KILLING], key=lambda s: ids[s])  # same month: by id
    assert order == [KURSK, *bucha, POKROVSK, HROZA]


def test_the_queue_keeps_the_filters(stocked: Stocked) -> None:
    store, ids = stocked
    found = next_unreviewed(store, IncidentQuery(place="hroza"))
    assert found is not None and found.id == ids[HROZA]
    judge(store, "ana", "incident", ids[HROZA], "reject", "A duplicate.")
    assert next_unreviewed(store, IncidentQuery(place="hroza")) is None


def test_bulk_reject_with_one_reason(stocked: Stocked) -> None:
    store, ids = stocked
    chosen = [ids[TORTURE], ids[KILLING], ids[TORTURE]]  # twice: judged once
    done = judge_many(store, "ana", chosen, "reject", "Same event as the UN report.")
    assert [d.id for d in done] == chosen[:2] and {d.status for d in done} == {"rejected"}
    judged = list(store.view.iter_judgements("incident", chosen[:2]))
    assert [j.reason for j in judged] == ["Same event as the UN report."] * 2
    rejected = store.view.page_incidents(IncidentQuery(status=["rejected"])).items
    assert sorted(i.id for i in rejected) == sorted(chosen[:2])
    assert [e.action for e in iter_entries(store.engine)][-2:] == ["incident.reject"] * 2


@pytest.mark.parametrize(
    ("chosen", "action", "reason", "error", "message"),
    [
        ([POKROVSK, "no-such-incident"], "confirm", "x", NotFoundError, "no-such-incident"),
        ([POKROVSK], "edit", "x", ReviewError, "in bulk, use one of confirm, reject, reopen"),
        ([POKROVSK], "confirm", " ", ReviewError, "reason"),
        ([], "confirm", "x", ReviewError, "no incidents chosen"),
    ],
)
def test_bulk_checks_everything_first(
    stocked: Stocked, chosen: list[str], action: str, reason: str, error: type, message: str
) -> None:
    store, ids = stocked
    with pytest.raises(error, match=message):
        judge_many(store, "ana", [ids.get(c, c) for c in chosen], action, reason)
    assert store.view.count_incidents(IncidentQuery(status=["unreviewed"])) == 5
