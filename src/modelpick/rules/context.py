"""The request must fit: input + output + reasoning within the context window, output within max output.

Token counts given as distributions are judged at their p95 (input, output and reasoning each at its p95:
the estimate's spread), and the reasons say "at p95"."""

from modelpick.cost_model import CostEstimate
from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings, tokens
from modelpick.workload import ResolvedWorkload


def check(entry: Entry, w: ResolvedWorkload, cost: CostEstimate, out: Findings) -> None:
    window = entry.model.context_window.value
    max_output = entry.model.max_output_tokens.value
    requires = w.requires
    reasoning = int(cost.tokens.reasoning)
    input_tokens, output_tokens, at = w.input_tokens, w.output_tokens, ""
    if cost.spread is not None:
        p95 = cost.spread.p95_tokens
        input_tokens, output_tokens, reasoning, at = int(p95.input), int(p95.output), int(p95.reasoning), " at p95"
    if requires.min_context and window < requires.min_context:
        out.reasons.append(f"context window {tokens(window)} < required {tokens(requires.min_context)}")
    request = input_tokens + output_tokens + reasoning
    if request > window:
        parts = f"{tokens(input_tokens)} in + {tokens(output_tokens)} out"
        if reasoning:
            parts += f" + {tokens(reasoning)} reasoning"
        out.reasons.append(f"request of {tokens(request)} tokens{at} ({parts}) exceeds context window "
                           f"{tokens(window)}")
    if requires.min_output_tokens and max_output < requires.min_output_tokens:
        out.reasons.append(f"max output {tokens(max_output)} < required {tokens(requires.min_output_tokens)}")
    # Reasoning tokens count against the output limit on the APIs that have them.
    generated = output_tokens + reasoning
    if generated > max_output:
        out.reasons.append(f"{tokens(generated)} output tokens per request{at} exceed max output "
                           f"{tokens(max_output)}")
    if cost.spread is not None:
        for share, what in ((cost.spread.over_window, f"the context window ({tokens(window)})"),
                            (cost.spread.over_max_output, f"max output ({tokens(max_output)})")):
            if share >= SHOWN_SHARE:
                out.warnings.append(f"{share_text(share)} of requests overflow {what} (derived from the fitted "
                                    "token distributions)")


# Overflow shares below this are not worth a warning (they stay in the cost's overflow_share).
SHOWN_SHARE = 0.0001


def share_text(share: float) -> str:
    """A share of requests as a percentage: 3.2%, 0.04%, <0.01%."""
    if share >= 0.001:
        return f"{share:.1%}"
    return f"{share:.2%}" if share >= 0.0001 else "<0.01%"
