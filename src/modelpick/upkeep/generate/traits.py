"""Features and modalities: each source's reading is the importer's (foreign/models_dev.py, foreign/litellm.py);
this module holds the merge policy. Features are the union of the sources' flags, citing the source whose own list
is the union; modalities are models.dev's, with LiteLLM's differing reading under `others` and why."""

from __future__ import annotations

from typing import Any

from modelpick.upkeep.foreign import features_of, modalities_of
from modelpick.upkeep.foreign import litellm as litellm_format
from modelpick.upkeep.foreign import models_dev as models_dev_format

from .common import aa_row_name

MD_FEATURE_FLAGS = "models.dev tool_call, structured_output and reasoning flags"
LL_FEATURE_FLAGS = ("LiteLLM supports_function_calling, supports_response_schema, supports_prompt_caching, "
                    "supports_native_streaming, supports_reasoning flags and *_batches prices")
FLAG_NAMES = {"models.dev": MD_FEATURE_FLAGS, "litellm": LL_FEATURE_FLAGS}
LABELS = {"models.dev": "models.dev", "litellm": "LiteLLM"}

BySource = list[tuple[str, list[str]]]


def md_features(md: dict[str, Any]) -> list[str]:
    return models_dev_format.features(md)


def ll_features(ll: dict[str, Any]) -> list[str]:
    """LiteLLM's feature flags as the importer reads them (foreign/litellm.py)."""
    return litellm_format.features(ll)


def _cited_union(by_source: BySource, union: list[str]) -> tuple[str, str]:
    """The source to cite for the union and the value's note."""
    exact = [src for src, values in by_source if values == union]
    if exact:
        source = exact[0]
        note = FLAG_NAMES[source]
        rest = [LABELS[src] for src, values in by_source if src != source]
        if rest and len(exact) == len(by_source):
            note += f"; {' and '.join(rest)} gives the same features"
        elif rest:
            note += f"; {' and '.join(rest)} states fewer (under others)"
        return source, note
    source = max(by_source, key=lambda sv: len(sv[1]))[0]
    own = dict(by_source)[source]
    added = {src: [f for f in values if f not in own] for src, values in by_source if src != source}
    note = (f"union of {' and '.join(FLAG_NAMES[src] for src, _ in by_source)} (a flag one source sets is taken); "
            + "; ".join(f"{', '.join(fs)} from {LABELS[src]} only" for src, fs in added.items() if fs)
            + "; each source's own list is under others")
    return source, note


def _lacking_note(src: str, missing: list[str], by_source: BySource, ll: dict[str, Any] | None,
                  keep: dict[str, str]) -> str:
    note = f"{FLAG_NAMES[src]}; not used alone: lacks {', '.join(missing)}, which " + \
        " / ".join(LABELS[s] for s, v in by_source if s != src and set(missing) & set(v)) + " states"
    if src == "litellm" and ll is not None:
        explicit = [f for flag, f in (("supports_function_calling", "tool_calling"),
                                      ("supports_response_schema", "structured_outputs"),
                                      ("supports_reasoning", "reasoning"))
                    if f in missing and ll.get(flag) is False]
        if explicit:
            note += f" (LiteLLM states {', '.join(explicit)} as false)"
    if keep.get(src):
        note += "; " + keep[src].strip()
    return note


def combine_features(by_source: BySource, ll: dict[str, Any] | None, keep: dict[str, str]) -> dict[str, Any]:
    """The union of every source's feature flags (a flag one source sets is taken), citing the source whose
    own list is the union; when none is, the one that gives most of it, with a note naming what the other
    adds. Every source whose own list differs from the value is kept under others."""
    union = features_of(f for _, values in by_source for f in values)
    source, note = _cited_union(by_source, union)
    others = []
    for src, values in by_source:
        if values == union:
            continue
        missing = [f for f in union if f not in values]
        others.append({"source": src, "value": values, "note": _lacking_note(src, missing, by_source, ll, keep)})
    return {"source": source, "note": note, "values": union, **({"others": others} if others else {}),
            "_by_source": by_source}


def aa_input_modalities(aa: dict[str, Any] | None) -> list[str] | None:
    """AA's capabilities.input_modality_* flags (text, image, video, speech -> audio); AA states no pdf."""
    caps = (aa or {}).get("capabilities") or {}
    if caps.get("input_modality_text") is None:
        return None
    return modalities_of(m for key, m in (("input_modality_text", "text"), ("input_modality_image", "image"),
                                          ("input_modality_speech", "audio"), ("input_modality_video", "video"))
                         if caps.get(key))


def ll_modalities(ll: dict[str, Any]) -> tuple[dict[str, list[str]], str]:
    """LiteLLM's modalities as the importer reads them (foreign/litellm.py): supported_modalities, else text,
    plus every supports_* input flag."""
    mods = litellm_format.modalities(ll, "litellm")
    return {"input": mods["input"], "output": mods["output"]}, mods["note"]


def _litellm_alternative(ll: dict[str, Any], md_in: list[str], aa_in: list[str] | None,
                         keep: str | None) -> dict[str, Any]:
    llm, llnote = ll_modalities(ll)
    note = llnote + "; not used: modalities are models.dev's"
    if aa_in is not None:
        non_pdf = [m for m in llm["input"] if m != "pdf"]
        md_non_pdf = [m for m in md_in if m != "pdf"]
        if non_pdf != md_non_pdf and aa_in == md_non_pdf:
            note += f", and AA's input modalities {aa_in} agree with them, not with LiteLLM's"
    if ll.get("supported_modalities") is None and set(md_in) - set(llm["input"]):
        note += "; LiteLLM gives no supported_modalities here, so a modality without a supports_* " \
                "flag is unknown to it, not denied"
    if keep:
        note += "; " + keep.strip()
    return {"source": "litellm", "value": llm, "note": note}


def combine_modalities(md: dict[str, Any], ll: dict[str, Any] | None, aa: dict[str, Any] | None,
                       msel: dict[str, Any]) -> dict[str, Any]:
    """models.dev's modalities; the note says whether AA's flags agree; LiteLLM's differing reading under others."""
    mods = md.get("modalities") or {}
    md_in, md_out = modalities_of(mods.get("input", [])), modalities_of(mods.get("output", []))
    modalities: dict[str, Any] = {"source": "models.dev"}
    aa_in = aa_input_modalities(aa)
    if aa_in is not None:
        agree = aa_in == [m for m in md_in if m != "pdf"]
        modalities["note"] = (f"models.dev modalities; {aa_row_name(aa)} capabilities.input_modality_* "  # type: ignore[arg-type]
                              + ("agree" if agree else f"give input {aa_in}") + " (AA states no pdf)")
    modalities.update({"input": md_in, "output": md_out})
    if ll:
        llm, _ = ll_modalities(ll)
        if llm["input"] != md_in or llm["output"] != md_out:
            keep = ((msel.get("keep") or {}).get("modalities") or {}).get("litellm")
            modalities["others"] = [_litellm_alternative(ll, md_in, aa_in, keep)]
    return modalities
