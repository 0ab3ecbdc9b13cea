"""An entry's lifecycle on a date, from every source's claim.

Each claim (the entry's own `lifecycle` fields, and each of `lifecycle.claims`) gives a status on `as_of`:
retired once its shutdown date has passed, deprecated once its deprecation date has, else what it says.
A flag without a date (a status of deprecated or retired) counts only from the day the source said it.

The status in force is the claim of the highest rank (a provider's own page or announcement beats an
aggregator such as LiteLLM, models.dev, Artificial Analysis or genai-prices); between claims of one rank,
the one said latest (`said_on`, else the date its source was read). An aggregator's flag without a date
(deprecated, retired) never decides: it disputes (see Claim.decisive). Where another claim gives another status
on that day, the standing is *disputed* and names it: never silently active. A claim of active said before
the date the status in force turns on (a snapshot older than the shutdown) is out of date, not a dispute.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from modelpick.registry.loader import Entry
from modelpick.registry.schema import Lifecycle, LifecycleClaim

SEVERITY = {"active": 0, "preview": 0, "deprecated": 1, "retired": 2}


@dataclass(frozen=True)
class Claim:
    source: str
    rank: str
    status: str | None
    deprecated_on: dt.date | None
    shutdown_on: dt.date | None
    said_on: dt.date | None

    @property
    def decisive(self) -> bool:
        """An aggregator's deprecated or retired flag without a date (Artificial Analysis marks leaderboard rows
        deprecated, genai-prices flags models) is shown, and disputes, but never decides the status: it says
        neither when nor whether the provider stops serving the model."""
        flag_only = self.status in ("deprecated", "retired") and not (self.deprecated_on or self.shutdown_on)
        return self.rank == "provider" or not flag_only

    def on(self, as_of: dt.date) -> tuple[str, str]:
        """This claim's status on `as_of`, and a phrase saying why."""
        shutdown = f", shuts down {self.shutdown_on}" if self.shutdown_on else ""
        if self.shutdown_on and self.shutdown_on <= as_of:
            return "retired", f"retired on {self.shutdown_on}"
        if self.deprecated_on and self.deprecated_on <= as_of:
            return "deprecated", f"deprecated since {self.deprecated_on}{shutdown}"
        flagged = self.status in ("deprecated", "retired") and not (self.deprecated_on or self.shutdown_on)
        if flagged and (self.said_on is None or self.said_on <= as_of):
            return self.status, f"{self.status}{shutdown}" + (f" (said {self.said_on})" if self.said_on else "")  # type: ignore[return-value]
        if self.status == "preview":
            return "preview", "preview"
        return "active", f"active on {as_of}" if self.status in ("deprecated", "retired") else "active"


@dataclass(frozen=True)
class Standing:
    """The status in force on a date, why, and the claims that disagree with it."""

    status: str
    why: str
    source: str | None
    disputes: tuple[str, ...]  # "litellm: retired on 2026-10-23", one per disagreeing claim
    shutdowns: tuple[tuple[str, dt.date], ...]  # every shutdown date a source gives, (source, date), by date

    @property
    def disputed(self) -> bool:
        return bool(self.disputes)

    @property
    def text(self) -> str:
        """The status for people: `retired (disputed: models.dev: active)`."""
        return f"{self.status}{self.disputed_text}"

    @property
    def disputed_text(self) -> str:
        return f" (disputed: {'; '.join(self.disputes)})" if self.disputes else ""

    @property
    def why_text(self) -> str:
        """Why the status holds, and who disputes it: `retired on 2026-10-23 (disputed: ...)`."""
        return f"{self.why}{self.disputed_text}"


def _claims(life: Lifecycle, entry: Entry) -> list[Claim]:
    def read(c: Lifecycle | LifecycleClaim) -> dt.date | None:
        return c.said_on or c.read or (entry.sources[c.source].read if c.source in entry.sources else None)

    own = Claim(life.source, life.rank, life.status, life.deprecated_on, life.shutdown_on, read(life))
    return [own, *(Claim(c.source, c.rank, c.status, c.deprecated_on, c.shutdown_on, read(c)) for c in life.claims)]


def standing(entry: Entry, as_of: dt.date) -> Standing:
    life = entry.model.lifecycle
    if life is None:
        return Standing("active", "no lifecycle data", None, (), ())
    claims = _claims(life, entry)
    ranked = max([c for c in claims if c.decisive] or claims,
                 key=lambda c: (c.rank == "provider", c.said_on or dt.date.min))
    status, why = ranked.on(as_of)
    disputes = []
    event = ranked.shutdown_on if status == "retired" else ranked.deprecated_on if status == "deprecated" else None
    for claim in claims:
        other, other_why = claim.on(as_of)
        # A claim said before the date the status in force turns on does not dispute it: it is out of date.
        outdated = event is not None and claim.said_on is not None and claim.said_on < event and other == "active"
        if claim is not ranked and SEVERITY[other] != SEVERITY[status] and not outdated:
            disputes.append(f"{claim.source}: {other_why}")
    # One per date: the source in force names it where it is among those that give the date.
    by_day: dict[dt.date, str] = {}
    for c in sorted(claims, key=lambda c: c is not ranked):
        if c.shutdown_on:
            by_day.setdefault(c.shutdown_on, c.source)
    shutdowns = tuple((source, day) for day, source in sorted(by_day.items()))
    return Standing(status, why, ranked.source, tuple(dict.fromkeys(disputes)), shutdowns)


def status_on(entry: Entry, as_of: dt.date) -> tuple[str, str]:
    """The lifecycle status on a date and a phrase saying why (disputes included)."""
    s = standing(entry, as_of)
    return s.status, s.why_text


def replacement_hint(entry: Entry) -> str:
    """`; replacement: X` where the registry names one, for the end of every lifecycle message."""
    life = entry.model.lifecycle
    return f"; replacement: {life.replacement}" if life and life.replacement else ""


def is_pinned(name: str, entry: Entry) -> bool:
    """Whether `name` (as code or a config names the entry, PROVIDER/ optional) always means the same model: a
    dated snapshot does; where the entry lists snapshots, nothing else does; where it lists none, its id and
    aliases do, except an alias that floats by its name (`-latest`)."""
    bare = name.split("/", 1)[1] if name.startswith(f"{entry.provider}/") else name
    if bare in entry.model.snapshots:
        return True
    return not entry.model.snapshots and not bare.endswith("-latest")
