"""Lifecycle on a date from every source's claim: precedence and disputes (modelpick.registry.lifecycle)."""

from __future__ import annotations

import datetime as dt

import pytest

from modelpick.registry.lifecycle import standing, status_on
from modelpick.workload import resolve

SAID = "2026-07-01"


def claims(*items):
    return [{"source": s, "read": "2026-12-01", **fields} for s, fields in items]


@pytest.fixture
def entry(make_entry):
    def build(own: dict, *others: tuple[str, dict]):
        life = {"source": "own", "read": "2026-12-01", **own, "claims": claims(*others)}
        return make_entry("acme", "m", lifecycle=life)

    return build


def test_a_providers_word_beats_an_aggregators(entry):
    e = entry({"rank": "provider", "status": "active", "said_on": "2026-01-01"},
              ("litellm", {"shutdown_on": "2026-10-23", "said_on": "2026-12-02"}))
    s = standing(e, dt.date(2026, 12, 6))
    assert (s.status, s.source, s.disputes) == ("active", "own", ("litellm: retired on 2026-10-23",))
    assert s.text == "active (disputed: litellm: retired on 2026-10-23)"


def test_between_aggregators_the_later_claim_wins(entry):
    e = entry({"rank": "aggregator", "said_on": "2026-07-02"},  # models.dev lists it, no flag
              ("litellm", {"shutdown_on": "2026-10-23", "said_on": "2026-12-02"}))
    s = standing(e, dt.date(2026, 12, 6))
    assert (s.status, s.why, s.source) == ("retired", "retired on 2026-10-23", "litellm")
    assert s.disputes == ()  # models.dev listed it in July, before the shutdown: out of date, not a dispute
    # before the shutdown date, both say active: nothing to dispute, the date is still known
    early = standing(e, dt.date(2026, 9, 1))
    assert (early.status, early.disputes, early.shutdowns) == ("active", (), (("litellm", dt.date(2026, 10, 23)),))


def test_an_aggregators_undated_flag_disputes_but_never_decides(entry):
    e = entry({"rank": "aggregator", "said_on": "2026-01-01"},
              ("artificial-analysis", {"status": "deprecated", "said_on": "2026-07-10"}))
    assert status_on(e, dt.date(2026, 6, 1)) == ("active", "active")  # not said yet: no dispute
    assert status_on(e, dt.date(2026, 8, 1)) == (
        "active", "active (disputed: artificial-analysis: deprecated (said 2026-07-10))")


def test_a_providers_undated_flag_decides_from_the_day_it_was_said(entry):
    e = entry({"rank": "aggregator", "said_on": "2026-01-01"},
              ("acme-page", {"rank": "provider", "status": "deprecated", "said_on": "2026-07-10"}))
    assert status_on(e, dt.date(2026, 6, 1)) == ("active", "active on 2026-06-01")
    assert status_on(e, dt.date(2026, 8, 1)) == ("deprecated", "deprecated (said 2026-07-10) (disputed: own: active)")


def test_a_later_claim_of_active_disputes_a_passed_shutdown(entry):
    e = entry({"rank": "aggregator", "said_on": "2026-11-30"},  # still listed, without a flag, after the date
              ("litellm", {"shutdown_on": "2026-10-23", "said_on": "2026-12-02"}))
    assert standing(e, dt.date(2026, 12, 6)).disputes == ("own: active",)


def test_agreeing_claims_are_not_a_dispute(entry):
    e = entry({"rank": "provider", "deprecated_on": "2026-01-01", "shutdown_on": "2026-06-01", "said_on": SAID},
              ("litellm", {"shutdown_on": "2026-06-01", "said_on": "2026-12-02"}))
    s = standing(e, dt.date(2026, 12, 6))
    assert (s.status, s.disputes) == ("retired", ())


def test_no_lifecycle_is_active(make_entry):
    assert status_on(make_entry("acme", "m"), dt.date(2026, 1, 1)) == ("active", "no lifecycle data")


def test_recommend_says_a_passed_shutdown_in_the_row(entry, tasks, make_workload):
    from modelpick import ranking
    from modelpick.registry.loader import Registry

    e = entry({"rank": "provider", "status": "active", "said_on": "2026-01-01"},
              ("litellm", {"shutdown_on": "2026-10-23", "said_on": "2026-12-02"}))
    rec = ranking.recommend(Registry([e]), resolve(make_workload(), tasks, dt.date(2026, 12, 6)))
    assert rec.ranking[0].warnings == ["litellm gives a shutdown date of 2026-10-23, passed; own says active"]


def test_a_shutdown_date_given_twice_is_said_once(entry):
    e = entry({"rank": "aggregator", "shutdown_on": "2027-01-14", "said_on": "2026-12-02"},
              ("litellm", {"shutdown_on": "2027-01-14", "said_on": "2026-12-02"}),
              ("models.dev", {"shutdown_on": "2026-12-20", "said_on": "2026-07-02"}))
    assert standing(e, dt.date(2026, 12, 6)).shutdowns == (("models.dev", dt.date(2026, 12, 20)),
                                                          ("own", dt.date(2027, 1, 14)))


def test_an_entry_shutting_down_within_30_days_ranks_after_the_rest(make_entry, tasks, make_workload):
    from modelpick import ranking
    from modelpick.registry.loader import Registry

    bench = {"ifbench": 60, "livebench_language": 60, "lmarena_text": 1300}
    leaving = make_entry("acme", "leaving", input=0.1, output=0.1, benchmarks=bench, lifecycle={
        "source": "f", "read": "2026-12-01", "rank": "provider", "shutdown_on": "2026-12-20"})
    staying = make_entry("acme", "staying", input=1, output=1, benchmarks=bench)
    ctx = resolve(make_workload(), tasks, dt.date(2026, 12, 6))
    rec = ranking.recommend(Registry([leaving, staying]), ctx)
    assert [r.model for r in rec.ranking] == ["staying", "leaving"]
    assert rec.ranking[0].score < rec.ranking[1].score  # the cheaper one scores higher, yet ranks after
    assert rec.ranking[1].warnings == ["shuts down on 2026-12-20"]
    later = resolve(make_workload(), tasks, dt.date(2026, 11, 1))  # 49 days ahead: ranked on its score
    assert [r.model for r in ranking.recommend(Registry([leaving, staying]), later).ranking] == ["leaving", "staying"]


@pytest.mark.parametrize(("name", "snapshots", "aliases", "pinned"), [
    ("m-2026-01-01", ["m-2026-01-01"], [], True),  # a dated snapshot
    ("acme/m-2026-01-01", ["m-2026-01-01"], [], True),
    ("m", ["m-2026-01-01"], [], False),  # the id of an entry with snapshots floats
    ("mm", ["m-2026-01-01"], ["mm"], False),
    ("m", [], [], True),  # no snapshots: the id is all there is
    ("short", [], ["short"], True),  # ... and so is an alias (check and scan used to disagree here)
    ("m-latest", [], ["m-latest"], False),  # floats by its name
])
def test_one_definition_of_pinned_for_check_and_scan(make_entry, name, snapshots, aliases, pinned):
    from modelpick.registry.lifecycle import is_pinned

    assert is_pinned(name, make_entry("acme", "m", snapshots=snapshots, aliases=aliases)) is pinned
