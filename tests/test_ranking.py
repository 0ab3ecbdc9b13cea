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
        return ranking.resolve(make_workload(**workload), tasks, AS_OF)

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


# --- BenchmarkScale ---------------------------------------------------------------------------------------


@pytest.fixture
def scale(fixture_registry):
    return ranking.BenchmarkScale(fixture_registry)


def test_scale_uses_the_majority_version(scale):
    assert scale.version == {"aa_intelligence_index": "v2", "lmarena_text": None, "multichallenge": None,
                             "gpqa_diamond": None}


def test_scale_bounds_per_key_on_that_version(scale):
    # aa_intelligence_index v2: 60 (acme-alpha), 40 (hostco-reasoner), 50 (acme-think's `others`);
    # acme-think's main v1 value 30 is not on the scale. multichallenge has one value: not used.
    assert scale.bounds == {"aa_intelligence_index": (40.0, 60.0), "lmarena_text": (1150.0, 1300.0),
                            "gpqa_diamond": (35.0, 70.0)}


def test_scale_takes_the_others_value_of_the_majority_version(scale, fixture_registry):
    think = fixture_registry.get("acme/acme-think")
    assert think.model.benchmarks["aa_intelligence_index"].value == 30  # v1
    assert scale.value(think, "aa_intelligence_index") == 50.0
    assert scale.normalised(think, "aa_intelligence_index") == 0.5  # (50 - 40) / (60 - 40)


def test_scale_ignores_a_key_with_one_value(scale, fixture_registry):
    alpha = fixture_registry.get("acme/acme-alpha")
    assert scale.value(alpha, "multichallenge") == 40.0
    assert scale.normalised(alpha, "multichallenge") is None


@pytest.mark.parametrize(
    ("name", "quality", "basis"),
    [
        # lmarena (1300-1150)/150 = 1 x3 ; aa (60-40)/20 = 1 x2 ; multichallenge left out -> 5/5
        ("acme/acme-alpha", 1.0, {"lmarena_text": 1300.0, "aa_intelligence_index": 60.0}),
        # lmarena 100/150 x3 = 2 ; aa 0.5 x2 = 1 -> 3/5
        ("acme/acme-think", 0.6, {"lmarena_text": 1250.0, "aa_intelligence_index": 50.0}),
        # lmarena 50/150 x3 = 1 ; aa 0 x2 = 0 -> 1/5
        ("hostco/hostco-reasoner", 0.2, {"lmarena_text": 1200.0, "aa_intelligence_index": 40.0}),
        ("hostco/acme-alpha", 1.0, {"lmarena_text": 1300.0}),
        ("acme/acme-old", 0.0, {"lmarena_text": 1150.0}),
        ("hostco/shared-open", None, {}),
    ],
)
def test_scale_quality_for_chat(scale, fixture_registry, tasks, name, quality, basis):
    got, got_basis = scale.quality(fixture_registry.get(name), tasks.get("chat"))
    assert got == (None if quality is None else pytest.approx(quality, abs=1e-12))
    assert got_basis == basis


def test_scale_ignores_a_key_where_every_value_is_equal(make_entry, tasks):
    registry = Registry([make_entry("acme", "a", benchmarks={"lmarena_text": 1200}),
                         make_entry("hostco", "b", benchmarks={"lmarena_text": 1200})])
    scale = ranking.BenchmarkScale(registry)
    assert scale.bounds == {}
    assert scale.quality(registry.get("a"), tasks.get("chat")) == (None, {})


# --- recommend --------------------------------------------------------------------------------------------


def test_recommend_chat_on_fixture_registry(fixture_registry, ctx):
    rec = ranking.recommend(fixture_registry, ctx(task="chat"))
    assert order(rec) == ["hostco/acme-alpha", "acme/acme-alpha", "acme/acme-think", "hostco/hostco-reasoner",
                          "hostco/shared-open", "acme/shared-open"]
    assert [r.rank for r in rec.ranking] == [1, 2, 3, 4, 5, 6]
    assert [r.scores.quality for r in rec.ranking] == [1.0, 1.0, 0.6, 0.2, None, None]
    # 1500 in x $1.20 + 400 out x $4.80 = 0.00372 x 1000/day x 30 = 111.6
    assert rec.ranking[0].cost.per_month == Decimal("111.6")
    assert rec.ranking[0].reasons == ["quality 1.00 for chat (lmarena_text 1300)",
                                      "~3.0 s per request (150 tokens/s, 0.3 s to first token)",
                                      "$112/month, 13.8x the cheapest that fits"]


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
                                      "~1.5 s per request (300 tokens/s, 0.2 s to first token)"]


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
        make_entry("hostco", "zeta", input=1, output=1, benchmarks={"lmarena_text": 1300}),
        make_entry("acme", "zeta", input=1, output=1, benchmarks={"lmarena_text": 1300}),
        make_entry("acme", "zz-cheap", input=0.5, output=0.5, benchmarks={"lmarena_text": 1300}),
        make_entry("acme", "weak", input=0.1, output=0.1, benchmarks={"lmarena_text": 1100}),
    ]
    rec = ranking.recommend(Registry(entries), ctx(task="chat", prefer={"quality": 1}))
    # quality only: the three 1300s tie on score 1.0; the cheapest first, then acme/ before hostco/.
    assert [r.score for r in rec.ranking] == [1.0, 1.0, 1.0, 0.0]
    assert order(rec) == ["acme/zz-cheap", "acme/zeta", "hostco/zeta", "acme/weak"]


# --- compare ----------------------------------------------------------------------------------------------


def test_compare_reports_fit_and_reasons(fixture_registry, ctx):
    old, alpha = fixture_registry.get("acme/acme-old"), fixture_registry.get("acme/acme-alpha")
    cmp = ranking.compare(fixture_registry, ctx(task="chat"), [old, alpha])
    assert [(m.provider, m.model, m.fits, m.rank) for m in cmp.models] == [
        ("acme", "acme-old", False, None), ("acme", "acme-alpha", True, 2)]
    assert cmp.models[0].reasons == [OLD_EXCLUDED]
    assert cmp.models[0].score is None
    assert cmp.models[0].lifecycle == "deprecated"
    # its cost is still estimated: 1500 x $0.50 + 400 x $1.50 = 0.00135 x 30000 = 40.5
    assert cmp.models[0].cost.per_month == Decimal("40.5")
    assert cmp.models[1].reasons[0] == "quality 1.00 for chat (lmarena_text 1300, aa_intelligence_index 60)"


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
