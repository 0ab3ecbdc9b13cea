"""The request must fit: input + output + reasoning within the context window, output within max output."""

from modelpick.registry.loader import Entry
from modelpick.rules.base import Findings, RuleContext, tokens


def check(entry: Entry, ctx: RuleContext, out: Findings) -> None:
    window = entry.model.context_window.value
    max_output = entry.model.max_output_tokens.value
    requires = ctx.workload.requires
    reasoning = int(ctx.cost.tokens.reasoning)
    if requires.min_context and window < requires.min_context:
        out.reasons.append(f"context window {tokens(window)} < required {tokens(requires.min_context)}")
    request = ctx.input_tokens + ctx.output_tokens + reasoning
    if request > window:
        parts = f"{tokens(ctx.input_tokens)} in + {tokens(ctx.output_tokens)} out"
        if reasoning:
            parts += f" + {tokens(reasoning)} reasoning"
        out.reasons.append(f"request of {tokens(request)} tokens ({parts}) exceeds context window {tokens(window)}")
    if requires.min_output_tokens and max_output < requires.min_output_tokens:
        out.reasons.append(f"max output {tokens(max_output)} < required {tokens(requires.min_output_tokens)}")
    # Reasoning tokens count against the output limit on the APIs that have them.
    generated = ctx.output_tokens + reasoning
    if generated > max_output:
        out.reasons.append(f"{tokens(generated)} output tokens per request exceed max output {tokens(max_output)}")
