"""The request must fit: input + output + reasoning within the context window, output within max output."""

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings, tokens
from modelpick.workload import ResolvedWorkload


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    window = entry.model.context_window.value
    max_output = entry.model.max_output_tokens.value
    requires = w.requires
    reasoning = int(cost.tokens.reasoning)
    if requires.min_context and window < requires.min_context:
        out.reasons.append(f"context window {tokens(window)} < required {tokens(requires.min_context)}")
    request = w.input_tokens + w.output_tokens + reasoning
    if request > window:
        parts = f"{tokens(w.input_tokens)} in + {tokens(w.output_tokens)} out"
        if reasoning:
            parts += f" + {tokens(reasoning)} reasoning"
        out.reasons.append(f"request of {tokens(request)} tokens ({parts}) exceeds context window {tokens(window)}")
    if requires.min_output_tokens and max_output < requires.min_output_tokens:
        out.reasons.append(f"max output {tokens(max_output)} < required {tokens(requires.min_output_tokens)}")
    # Reasoning tokens count against the output limit on the APIs that have them.
    generated = w.output_tokens + reasoning
    if generated > max_output:
        out.reasons.append(f"{tokens(generated)} output tokens per request exceed max output {tokens(max_output)}")
