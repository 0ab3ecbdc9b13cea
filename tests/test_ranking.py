"""Ranking: resolving a workload, benchmark normalisation, order, exclusions, compare, and Registry.get."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal

import pytest

from modelpick import ranking
from modelpick.errors import AmbiguousModelError, UnknownModelError, UnknownTaskError
from modelpick.registry.loader import Registry
from modelpick.workload import resolve

AS_OF = dt.date(2026, 1, 1)
CHAT_UNKNOWN = ("quality unknown: no chat benchmark (lmarena_text, multichallenge, aa_intelligence_index, "
                "livebench_language, ifbench) on record; ranked after known-quality entries")
OLD_EXCLUDED = ("deprecated since 2025-06-01, shuts down 2026-06-01 "
                "(as of 2026-01-01; include_deprecated allows it); replacement: acme-alpha")
LEGACY_EXCLUDED = "retired on 2025-01-01 (as of 2026-01-01); replacement: acme-old"


@pytest.fixture
def ctx(tasks, make_workload):
    """ctx(task="chat", **workload) -> a resolved ranking Context at AS_OF."""

    def go(**workload):
        return resolve(make_workload(**workload), tasks, AS_OF)

    return go


def order(rec) -> list[str]:
    return [f"{r.provider}/{r.model}" for r in rec.ranking]


# --- resolve ----------------------------------------------------------------------------------------------


def test_resolve_fills_tokens_from_task_example_with_notes(ctx):
    c = ctx(task="coding")
    assert (c.task_id, c.input_tokens, c.output_tokens) == ("coding", 12_000, 1_500)
    assert c.notes == ["input_tokens not given: 12,000 (typical for coding)",
                       "output_tokens not given: 1,500 (typical for coding)"]
    assert c.weights == {"quality": 0.65, "cost": 0.25, "speed": 0.1}  # the task's balance


def test_resolve_keeps_given_tokens_without_notes(ctx):
    c = ctx(task="coding", input_tokens=10, output_tokens=0)
    assert (c.input_tokens, c.output_tokens, c.notes) == (10, 0, [])


def test_resolve_notes_only_the_missing_count(ctx):
    c = ctx(task="chat", output_tokens=5)
    assert (c.input_tokens, c.output_tokens) == (1_500, 5)
    assert c.notes == ["input_tokens not given: 1,500 (typical for chat)"]


@pytest.mark.parametrize(
    ("prefer", "weights"),
    [
        ("balanced", {"quality": 0.5, "cost": 0.3, "speed": 0.2}),  # chat's balance
        ("cost", {"quality": 0.2, "cost": 0.7, "speed": 0.1}),
        ("quality", {"quality": 0.7, "cost": 0.2, "speed": 0.1}),
        ("speed", {"quality": 0.2, "cost": 0.2, "speed": 0.6}),
        ({"quality": 2, "cost": 1, "speed": 1}, {"quality": 0.5, "cost": 0.25, "speed": 0.25}),
        ({"cost": 3}, {"quality": 0.0, "cost": 1.0, "speed": 0.0}),
        ({"quality": 1, "cost": 1, "speed": 1}, {"quality": 0.3333, "cost": 0.3333, "speed": 0.3333}),
    ],
)
def test_resolve_weights(ctx, prefer, weights):
    assert ctx(task="chat", prefer=prefer).weights == weights


def test_resolve_unknown_task(ctx):
    with pytest.raises(UnknownTaskError, match=r"^unknown task 'chta' \(did you mean 'chat'\?\)"):
        ctx(task="chta")


# --- quality on fixed scales -------------------------------------------------------------------------------
# chat weighs lmarena_text 3, multichallenge 1, aa_intelligence_index 2, livebench_language 1, ifbench 1 (8 in
# all). lmarena_text's fixed points are 957.2 (quality 0) and 1492.0 (quality 1); the others are 0-100 %.
SNAPSHOT = "AA 2026-07-10 snapshot"


def chat_quality(ctx, entry):
    return ranking.quality(entry, ctx(task="chat"))


def test_quality_is_the_weighted_mean_on_fixed_scales(ctx, make_entry):
    q = chat_quality(ctx, make_entry("acme", "q", benchmarks={"lmarena_text": 1492.0, "ifbench": 40}))
    # (3 x 1.0 + 1 x 0.40) / 4 = 0.85 ; they cover 4 of 8 weight: not thin (the threshold is 0.5)
    assert (q.value, q.unadjusted, q.coverage, q.thin) == (pytest.approx(0.85), pytest.approx(0.85), 0.5, False)
    assert q.basis == {"lmarena_text": 1492.0, "ifbench": 40.0}


def test_values_beyond_the_reference_points_are_clipped(ctx, make_entry):
    high = chat_quality(ctx, make_entry("acme", "h", benchmarks={"lmarena_text": 1600, "ifbench": 100}))
    low = chat_quality(ctx, make_entry("acme", "l", benchmarks={"lmarena_text": 900, "ifbench": 0}))
    assert (high.unadjusted, low.unadjusted) == (1.0, 0.0)


def test_thin_evidence_is_scaled_down_for_ranking(ctx, make_entry):
    q = chat_quality(ctx, make_entry("acme", "t", benchmarks={"ifbench": 60, "livebench_language": 80}))
    # (0.6 + 0.8) / 2 = 0.7 on 2 of 8 weight (0.25 < 0.5): ranked as 0.7 x 0.25 / 0.5 = 0.35
    assert (q.unadjusted, q.coverage, q.thin) == (pytest.approx(0.7), 0.25, True)
    assert q.value == pytest.approx(0.35)


def test_only_the_scales_version_counts(ctx, fixture_registry):
    think = fixture_registry.get("acme/acme-think")
    assert think.model.benchmarks["aa_intelligence_index"].version == "v1"  # main value 30 is on v1
    q = chat_quality(ctx, think)
    assert q.basis == {"lmarena_text": 1250.0, "aa_intelligence_index": 50.0}  # 50 from `others`, on SNAPSHOT


def test_scores_measured_at_the_assumed_effort_win(ctx, fixture_registry):
    think = fixture_registry.get("acme/acme-think")
    # reasoning weighs gpqa_diamond 3 (of 10); at high, acme-think's gpqa_diamond was measured as 80 (main: 70)
    high = ranking.quality(think, ctx(task="reasoning"), "high")
    assert (high.basis, high.effort, high.coverage) == ({"gpqa_diamond": 80.0}, "high", 0.3)
    low = ranking.quality(think, ctx(task="reasoning"), "low")  # nothing measured at low: the main score
    assert (low.basis, low.effort) == ({"gpqa_diamond": 70.0}, None)
    # an index measured on another version than the scale's is not used: the main entry's others value is
    chat = ranking.quality(think, ctx(task="chat"), "high")
    assert chat.basis["aa_intelligence_index"] == 50.0 and chat.effort is None


def test_no_benchmark_of_the_task_is_quality_unknown(ctx, fixture_registry):
    assert chat_quality(ctx, fixture_registry.get("hostco/shared-open")) is None


def test_quality_never_depends_on_other_entries(ctx, make_entry):
    a = make_entry("acme", "a", benchmarks={"lmarena_text": 1300, "ifbench": 50})
    alone = ranking.recommend(Registry([a]), ctx(task="chat"))
    crowded = ranking.recommend(Registry([a, make_entry("hostco", "b", benchmarks={"lmarena_text": 1500,
                                                                                    "ifbench": 99})]), ctx(task="chat"))
    quality_of_a = [e.scores.quality for e in crowded.ranking if e.model == "a"]
    assert alone.ranking[0].scores.quality == quality_of_a[0]
    assert alone.ranking[0].quality_evidence == next(e.quality_evidence for e in crowded.ranking if e.model == "a")


# --- recommend --------------------------------------------------------------------------------------------


def test_recommend_chat_on_fixture_registry(fixture_registry, ctx):
    rec = ranking.recommend(fixture_registry, ctx(task="chat"))
    assert order(rec) == ["acme/acme-alpha", "hostco/acme-alpha", "hostco/hostco-reasoner", "acme/acme-think",
                          "hostco/shared-open", "acme/shared-open"]
    assert [r.rank for r in rec.ranking] == [1, 2, 3, 4, 5, 6]
    # acme-alpha: lmarena_text (1300 - 957.2) / 534.8 = 0.640987 x3, aa 0.60 x2, multichallenge 0.40 x1 -> 0.5872;
    # hostco's copy has lmarena_text only (3 of 8 weight, thin): 0.640987 x 0.375 / 0.5 = 0.4807;
    # hostco-reasoner (1200: 0.454001 x3 + 0.40 x2) / 5 = 0.4324; acme-think (1250: 0.547494 x3 + 0.50 x2) / 5
    assert [r.scores.quality for r in rec.ranking] == [0.5872, 0.4807, 0.4324, 0.5285, None, None]
    # 1500 in x $1.00 + 400 out x $4.00 = 0.0031 x 1000/day x 30 = 93
    assert rec.ranking[0].cost.per_month == Decimal("93.0")
    assert rec.ranking[0].reasons == [
        "quality 0.59 for chat from lmarena_text 1300, multichallenge 40%, aa_intelligence_index 60 (75% of its "
        "benchmark weight)",
        "$93.00/month, 11.5x the cheapest that fits",
        "~4.5 s per request (first token after 0.5 s)"]
    assert rec.ranking[1].reasons[0] == ("quality 0.64 for chat from lmarena_text 1300 (38% of its benchmark "
                                         "weight; thin evidence, ranked as 0.48)")


def test_quality_unknown_ranks_after_every_known_quality_entry(fixture_registry, ctx):
    rec = ranking.recommend(fixture_registry, ctx(task="chat"))
    unknown = [r for r in rec.ranking if r.scores.quality is None]
    known = [r for r in rec.ranking if r.scores.quality is not None]
    assert [f"{r.provider}/{r.model}" for r in unknown] == ["hostco/shared-open", "acme/shared-open"]
    # hostco/shared-open has the best score of all (cheapest and fastest), yet ranks after the known ones.
    assert unknown[0].score == 1.0 > max(r.score for r in known)
    assert min(r.rank for r in unknown) > max(r.rank for r in known)
    assert [r.reasons[0] for r in unknown] == [CHAT_UNKNOWN, CHAT_UNKNOWN]
    assert unknown[0].reasons[1:] == ["$8.10/month, the cheapest that fits",
                                      "~1.5 s per request (first token after 0.2 s)"]
    # acme/shared-open has no speed on record: it gains nothing from it (scored as the slowest known entry)
    assert unknown[1].scores.speed == min(r.scores.speed for r in rec.ranking if r.speed.seconds_per_request)
    assert unknown[1].reasons[2] == "speed unknown: scored as the slowest known entry"


def test_recommend_excluded_lists_every_excluded_entry_with_reasons(fixture_registry, ctx):
    rec = ranking.recommend(fixture_registry, ctx(task="chat"))
    assert [(e.provider, e.model, e.reasons) for e in rec.excluded] == [
        ("acme", "acme-legacy", [LEGACY_EXCLUDED]),
        ("acme", "acme-old", [OLD_EXCLUDED]),
    ]


def test_recommend_excluded_keeps_every_reason_and_top_cuts_the_ranking_only(fixture_registry, ctx):
    rec = ranking.recommend(fixture_registry, ctx(task="chat", requires={"min_output_tokens_per_s": 120}),
                            top=1)
    assert order(rec) == ["hostco/acme-alpha"]
    assert [(f"{e.provider}/{e.model}", e.reasons) for e in rec.excluded] == [
        ("acme/acme-alpha", ["output speed 100 tokens/s < 120 tokens/s"]),
        ("acme/acme-legacy", [LEGACY_EXCLUDED, "output speed unknown (required >= 120 tokens/s)"]),
        ("acme/acme-old", [OLD_EXCLUDED, "output speed unknown (required >= 120 tokens/s)"]),
        ("acme/acme-think", ["output speed 50 tokens/s < 120 tokens/s"]),
        ("acme/shared-open", ["output speed unknown (required >= 120 tokens/s)"]),
        ("hostco/hostco-reasoner", ["output speed 80 tokens/s < 120 tokens/s"]),
    ]


def test_task_floor_excludes_known_below_and_warns_on_unknown(fixture_registry, ctx):
    rec = ranking.recommend(fixture_registry, ctx(task="reasoning"))
    excluded = {f"{e.provider}/{e.model}": e.reasons for e in rec.excluded}
    assert excluded["hostco/hostco-reasoner"] == [
        # at high effort (the reasoning policy), derived from acme-think's gpqa_diamond run: 30 x 1,000 output
        "31,000 output tokens per request exceed max output 16,000",
        "gpqa_diamond 35 is below the reasoning floor of 40: GPQA Diamond has four choices (25% by chance); "
        "below 40% a model is guessing on hard science"]
    ranked = {f"{r.provider}/{r.model}": r for r in rec.ranking}
    assert ranked["hostco/acme-alpha"].warnings == [
        "gpqa_diamond unknown: the reasoning floor (40) could not be checked"]
    assert order(rec)[0] == "acme/acme-think"


def test_min_quality_unknown_excludes(fixture_registry, ctx):
    c = ctx(task="chat", requires={"min_quality": {"gpqa_diamond": 50}})
    rec = ranking.recommend(fixture_registry, c)
    assert order(rec) == ["acme/acme-think"]
    excluded = {f"{e.provider}/{e.model}": e.reasons for e in rec.excluded}
    assert excluded["hostco/acme-alpha"] == ["gpqa_diamond unknown (required >= 50)"]
    assert excluded["hostco/hostco-reasoner"] == ["gpqa_diamond 35 < required 50"]


def test_order_is_deterministic_whatever_the_entry_order(fixture_entry_list, ctx):
    c = ctx(task="chat")
    expected = ranking.recommend(Registry(list(fixture_entry_list)), c)
    for seed in range(5):
        shuffled = list(fixture_entry_list)
        random.Random(seed).shuffle(shuffled)
        rec = ranking.recommend(Registry(shuffled), c)
        assert order(rec) == order(expected)
        assert [r.score for r in rec.ranking] == [r.score for r in expected.ranking]
        assert [e.model_dump() for e in rec.excluded] == [e.model_dump() for e in expected.excluded]


def test_ties_break_on_monthly_cost_then_provider_model(make_entry, ctx):
    entries = [
        make_entry("hostco", "zeta", input=1, output=1, benchmarks={"ifbench": 60, "livebench_language": 60}),
        make_entry("acme", "zeta", input=1, output=1, benchmarks={"ifbench": 60, "livebench_language": 60}),
        make_entry("acme", "zz-cheap", input=0.5, output=0.5, benchmarks={"ifbench": 60, "livebench_language": 60}),
        make_entry("acme", "weak", input=0.1, output=0.1, benchmarks={"ifbench": 30, "livebench_language": 60}),
    ]
    rec = ranking.recommend(Registry(entries), ctx(task="chat", prefer={"quality": 1}))
    # quality only: the three 60/60s tie on score 0.6 (2 of 8 weight: thin, x 0.25 / 0.5 = 0.3); the cheapest
    # first, then acme/ before hostco/. weak: (0.3 + 0.6) / 2 = 0.45 x 0.5 = 0.225.
    assert [r.score for r in rec.ranking] == [0.3, 0.3, 0.3, 0.225]
    assert order(rec) == ["acme/zz-cheap", "acme/zeta", "hostco/zeta", "acme/weak"]


# --- compare ----------------------------------------------------------------------------------------------


def test_compare_reports_fit_and_reasons(fixture_registry, ctx):
    old, alpha = fixture_registry.get("acme/acme-old"), fixture_registry.get("acme/acme-alpha")
    cmp = ranking.compare(fixture_registry, ctx(task="chat"), [old, alpha])
    assert [(m.provider, m.model, m.fits, m.rank) for m in cmp.models] == [
        ("acme", "acme-old", False, None), ("acme", "acme-alpha", True, 1)]
    assert cmp.models[0].reasons == [OLD_EXCLUDED]
    assert cmp.models[0].score is None
    assert cmp.models[0].lifecycle == "deprecated"
    # its cost is still estimated: 1500 x $0.50 + 400 x $1.50 = 0.00135 x 30000 = 40.5
    assert cmp.models[0].cost.per_month == Decimal("40.5")
    assert cmp.models[1].reasons[0].startswith("quality 0.59 for chat from lmarena_text 1300, multichallenge 40%")


# --- Registry.get -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("acme-think", "acme/acme-think"),  # id
        ("acme-think-2025-05-01", "acme/acme-think"),  # snapshot
        ("hostco-reasoner", "hostco/hostco-reasoner"),
        ("hostco/acme-alpha", "hostco/acme-alpha"),  # PROVIDER/MODEL
        ("hostco/alpha", "hostco/acme-alpha"),  # PROVIDER/ALIAS
        ("acme/acme-alpha-2025-06-01", "acme/acme-alpha"),  # PROVIDER/SNAPSHOT
        ("acme-alpha", "acme/acme-alpha"),  # served by both: the first party wins
        ("alpha", "acme/acme-alpha"),  # shared alias: the first party wins
    ],
)
def test_registry_get(fixture_registry, name, key):
    assert fixture_registry.get(name).key == key


def test_registry_get_ambiguous_without_first_party(fixture_registry):
    with pytest.raises(AmbiguousModelError) as err:
        fixture_registry.get("shared-open")
    assert err.value.message == ("'shared-open' is served by several providers; name one of: "
                                 "acme/shared-open, hostco/shared-open")
    assert err.value.keys == ["acme/shared-open", "hostco/shared-open"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("alpah", "unknown model 'alpah' (did you mean 'alpha'?); `modelpick models` lists them"),
        ("acme-thnk", "unknown model 'acme-thnk' (did you mean 'acme-think' or 'acme/acme-think' or "
                      "'acme-alpha'?); `modelpick models` lists them"),
        ("zzz", "unknown model 'zzz'; `modelpick models` lists them"),
    ],
)
def test_registry_get_unknown(fixture_registry, name, message):
    with pytest.raises(UnknownModelError) as err:
        fixture_registry.get(name)
    assert err.value.message == message


@pytest.mark.parametrize("name", ["hostco/acme-think", "hostco/acme-thnk"])
def test_registry_get_unknown_for_a_provider_suggests_only_what_it_serves(fixture_registry, name):
    with pytest.raises(UnknownModelError) as err:
        fixture_registry.get(name)
    served = {f"hostco/{n}" for e in fixture_registry.entries if e.provider == "hostco"
              for n in (e.id, *e.model.snapshots, *e.model.aliases)}
    assert name not in served
    hint = err.value.message.partition("did you mean")[2]
    suggested = set(re.findall(r"'([^']+)'", hint))
    assert suggested <= served, err.value.message


def test_registry_get_bare_id_with_a_slash_whose_prefix_is_a_provider(make_entry):
    # Like groq's `openai/gpt-oss-120b` in the bundled data, while `openai` is also a provider.
    registry = Registry([make_entry("acme", "acme-alpha"), make_entry("hostco", "acme/tiny", creator="acme")])
    assert "acme/tiny" in registry.names()
    assert registry.get("acme/tiny").key == "hostco/acme/tiny"


def test_scores_measured_only_at_another_effort_are_said_so(make_entry, ctx):
    """The main score is the one measured at high: at minimal (classification's policy) the quality still
    rests on it, and the entry warns."""
    entry = make_entry("acme", "high-only", benchmarks={"ifbench": 78, "mmlu": 80}, reasoning=True,
                       reasoning_efforts={"source": "f", "supported": ["minimal", "high"], "default": "high",
                                          "measured": {"high": {"source": "b", "benchmarks": {"ifbench": 78}}}})
    q = ranking.quality(entry, ctx(task="classification"), "minimal")
    assert q.effort == "high"
    rec = ranking.recommend(Registry([entry]), ctx(task="classification"))
    assert rec.ranking[0].quality_evidence.effort == "high"
    assert ("quality rests on scores measured at high effort, none at minimal (assumed); --reasoning-effort "
            "chooses") in rec.ranking[0].warnings
    at_high = ranking.recommend(Registry([entry]), ctx(task="classification", reasoning_effort="high"))
    assert not any(w.startswith("quality rests") for w in at_high.ranking[0].warnings)
