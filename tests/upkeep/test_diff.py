"""registry diff: exact added/removed/changed lists, and workloads whose top pick or cost changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from modelpick.registry.loader import Entry, Registry, Tasks
from modelpick.upkeep.diff import EntryChange, FieldChange, compare_entries, diff
from modelpick.workload import Workload

AS_OF = dt.date(2026, 1, 15)

# Cost-only weighting: among the entries of known quality that fit, the cheapest is the top pick.
VISION = Workload.model_validate({"task": "chat", "input_tokens": 1000, "output_tokens": 200,
                                  "requests_per_day": 1000, "prefer": {"cost": 1},
                                  "requires": {"input_modalities": ["image"]}})
ACME_ONLY = Workload.model_validate({"task": "chat", "input_tokens": 1000, "output_tokens": 200,
                                     "requests_per_day": 1000, "prefer": {"cost": 1},
                                     "requires": {"providers": ["acme"]}})


def edit(entry: Entry, **update: Any) -> Entry:
    return dataclasses.replace(entry, model=entry.model.model_copy(update=update))


def edit_field(entry: Entry, field: str, **update: Any) -> Entry:
    return edit(entry, **{field: getattr(entry.model, field).model_copy(update=update)})


def by_key(entries: list[Entry]) -> dict[str, Entry]:
    return {e.key: e for e in entries}


@pytest.fixture
def old_new(fixture_entry_list: list[Entry]) -> tuple[Registry, Registry]:
    entries = by_key(fixture_entry_list)
    new = dict(entries)
    del new["acme/acme-legacy"]
    new["acme/acme-nova"] = edit(entries["acme/acme-old"], id="acme-nova")

    alpha = entries["acme/acme-alpha"]
    alpha = edit_field(alpha, "pricing", input=Decimal("2.00"))
    alpha = edit(alpha, snapshots=["acme-alpha-2026-01-01", "acme-alpha-2025-06-01"])
    # Not changes: the same features in another order, the same context window re-read elsewhere.
    alpha = edit_field(alpha, "features", values=list(reversed(alpha.model.features.values)))
    alpha = edit_field(alpha, "context_window", source="https://example.invalid/new", read=dt.date(2026, 2, 1),
                       note="re-read")
    new["acme/acme-alpha"] = alpha

    # Shut down earlier: on AS_OF it is retired rather than deprecated.
    new["acme/acme-old"] = edit_field(entries["acme/acme-old"], "lifecycle", shutdown_on=dt.date(2026, 1, 1))

    reasoner = entries["hostco/hostco-reasoner"]
    benchmarks = dict(reasoner.model.benchmarks)
    benchmarks["gpqa_diamond"] = benchmarks["gpqa_diamond"].model_copy(update={"value": 45.0})
    benchmarks["aa_intelligence_index"] = benchmarks["aa_intelligence_index"].model_copy(update={"version": "v3"})
    # Re-measured at the same value: not a change.
    benchmarks["lmarena_text"] = benchmarks["lmarena_text"].model_copy(
        update={"date": dt.date(2026, 1, 2), "source": "https://example.invalid/lmarena", "read": dt.date(2026, 1, 3)})
    new["hostco/hostco-reasoner"] = edit(reasoner, benchmarks=benchmarks)

    new["acme/shared-open"] = edit(entries["acme/shared-open"], family="open")  # unknown before
    hosted = entries["hostco/acme-alpha"]
    new["hostco/acme-alpha"] = edit_field(hosted, "modalities", input=["image", "text"])  # reordered only
    return Registry(fixture_entry_list), Registry(list(new.values()))


def test_added_removed_changed(old_new: tuple[Registry, Registry], tasks: Tasks) -> None:
    result = diff(*old_new, [], tasks, AS_OF, old_label="v1", new_label="v2")
    assert (result.old, result.new, result.as_of) == ("v1", "v2", AS_OF)
    assert result.added == ["acme/acme-nova"]
    assert result.removed == ["acme/acme-legacy"]
    assert result.changed == [
        EntryChange(key="acme/acme-alpha", provider="acme", model="acme-alpha", changes=[
            FieldChange(field="pricing.input", old=Decimal("1.00"), new=Decimal("2.00")),
            FieldChange(field="snapshots", old=["acme-alpha-2025-06-01"],
                        new=["acme-alpha-2025-06-01", "acme-alpha-2026-01-01"]),
        ]),
        EntryChange(key="acme/acme-old", provider="acme", model="acme-old", changes=[
            FieldChange(field="lifecycle.shutdown_on", old=dt.date(2026, 6, 1), new=dt.date(2026, 1, 1)),
            FieldChange(field="lifecycle.status", old="deprecated", new="retired"),
        ]),
        EntryChange(key="acme/shared-open", provider="acme", model="shared-open", changes=[
            FieldChange(field="family", old=None, new="open"),
        ]),
        EntryChange(key="hostco/hostco-reasoner", provider="hostco", model="hostco-reasoner", changes=[
            FieldChange(field="benchmarks.aa_intelligence_index.version", old="AA 2026-07-10 snapshot", new="v3"),
            FieldChange(field="benchmarks.gpqa_diamond", old=35.0, new=45.0),
        ]),
    ]
    assert result.workloads == []
    assert result.summary == {"added": 1, "removed": 1, "changed": 4, "unchanged": 3, "workloads": 0,
                              "top_changed": 0, "cost_changed": 0}


def test_workloads(old_new: tuple[Registry, Registry], tasks: Tasks) -> None:
    result = diff(*old_new, [("vision", VISION), ("acme-only", ACME_ONLY)], tasks, AS_OF)
    vision, acme_only = result.workloads
    # 1,000 requests/day x 30 days. acme/acme-alpha: (1000 x 1.00 + 200 x 4.00) / 1M x 30,000 = $54,
    # then (1000 x 2.00 + 200 x 4.00) / 1M x 30,000 = $84; hostco/acme-alpha: (1000 x 1.20 + 200 x 4.80) / 1M
    # x 30,000 = $64.80. Only those two take images, so the top pick moves to hostco.
    assert vision.model_dump() == {
        "name": "vision", "old_top": "acme/acme-alpha", "new_top": "hostco/acme-alpha", "top_changed": True,
        "old_per_month": Decimal(54), "new_per_month": Decimal("64.8"), "cost_change": 0.2,
        "old_top_new_per_month": Decimal(84), "old_top_new_rank": 2,
    }
    # Among acme's entries acme-alpha stays the cheapest of known quality (acme-think: $228 with its
    # reasoning tokens; acme-old and acme-nova deprecated; shared-open of unknown quality ranks last).
    assert acme_only.model_dump() == {
        "name": "acme-only", "old_top": "acme/acme-alpha", "new_top": "acme/acme-alpha", "top_changed": False,
        "old_per_month": Decimal(54), "new_per_month": Decimal(84), "cost_change": 0.5556,
        "old_top_new_per_month": Decimal(84), "old_top_new_rank": 1,
    }
    assert result.summary == {"added": 1, "removed": 1, "changed": 4, "unchanged": 3, "workloads": 2,
                              "top_changed": 1, "cost_changed": 2}


def test_old_top_removed(fixture_entry_list: list[Entry], tasks: Tasks) -> None:
    new = Registry([e for e in fixture_entry_list if e.key != "acme/acme-alpha"])
    result = diff(Registry(fixture_entry_list), new, [("vision", VISION)], tasks, AS_OF)
    assert result.removed == ["acme/acme-alpha"]
    assert result.workloads[0].model_dump() == {
        "name": "vision", "old_top": "acme/acme-alpha", "new_top": "hostco/acme-alpha", "top_changed": True,
        "old_per_month": Decimal(54), "new_per_month": Decimal("64.8"), "cost_change": 0.2,
        "old_top_new_per_month": None, "old_top_new_rank": None,
    }


def test_nothing_fits(fixture_registry: Registry, tasks: Tasks) -> None:
    impossible = Workload.model_validate({"task": "chat", "requires": {"input_modalities": ["video"]}})
    change = diff(fixture_registry, fixture_registry, [("video", impossible)], tasks, AS_OF).workloads[0]
    assert (change.old_top, change.new_top, change.top_changed, change.old_per_month, change.cost_change,
            change.old_top_new_per_month) == (None, None, False, None, None, None)


def test_same_registry_has_no_changes(fixture_registry: Registry, tasks: Tasks) -> None:
    result = diff(fixture_registry, fixture_registry, [], tasks, AS_OF)
    assert (result.added, result.removed, result.changed) == ([], [], [])
    assert result.summary["unchanged"] == 8


def test_tiers_and_batch_changes(fixture_entry_list: list[Entry]) -> None:
    think = by_key(fixture_entry_list)["acme/acme-think"]
    pricing = think.model.pricing
    tier = pricing.tiers[0].model_copy(update={"output": Decimal("20")})
    changed = edit_field(think, "pricing", tiers=[tier], batch=None, note="re-read", read=dt.date(2026, 3, 1))
    assert compare_entries(think, changed, AS_OF) == [
        FieldChange(field="pricing.batch.input", old=Decimal("1.00"), new=None),
        FieldChange(field="pricing.batch.output", old=Decimal("4.00"), new=None),
        FieldChange(field="pricing.tiers.200000.output", old=Decimal("16.00"), new=Decimal("20")),
    ]


def test_json_output(old_new: tuple[Registry, Registry], tasks: Tasks) -> None:
    data = diff(*old_new, [("vision", VISION)], tasks, AS_OF).model_dump(mode="json")
    assert data["schema_version"] == "1"
    assert data["as_of"] == "2026-01-15"
    alpha, old = data["changed"][0]["changes"], data["changed"][1]["changes"]
    assert alpha[0] == {"field": "pricing.input", "old": 1, "new": 2}  # money: JSON numbers
    assert old[0] == {"field": "lifecycle.shutdown_on", "old": "2026-06-01", "new": "2026-01-01"}
    workload = data["workloads"][0]
    assert (workload["old_per_month"], workload["new_per_month"], workload["old_top_new_per_month"]) == (54, 64.8, 84)


def test_dated_price_lists_are_keyed_by_their_date(make_entry: Any) -> None:
    flat = make_entry("p", "m", pricing={"source": "f", "input": 1, "output": 2})
    dated = make_entry("p", "m", pricing={
        "source": "f", "input": 1, "output": 2, "effective_from": "2026-01-01",
        "history": [{"source": "g", "read": "2025-01-02", "effective_from": "2025-01-01", "input": 3, "output": 6}]})
    assert compare_entries(flat, dated, AS_OF) == [
        FieldChange(field="pricing.effective_from", old=None, new=dt.date(2026, 1, 1)),
        FieldChange(field="pricing.history.2025-01-01.input", old=None, new=Decimal(3)),
        FieldChange(field="pricing.history.2025-01-01.output", old=None, new=Decimal(6)),
    ]
