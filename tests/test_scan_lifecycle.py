"""scan on the bundled registry: retired and retiring ids in config files, unquoted, with the lifecycle every
source gives and the replacement (tests/fixtures/scan/retired-config, judged at 2026-12-02)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from modelpick.registry import load_registry
from modelpick.scanner import scan

TREE = Path(__file__).resolve().parent / "fixtures" / "scan" / "retired-config"


def test_retired_and_retiring_ids_in_config_values() -> None:
    result = scan([TREE], load_registry([]), dt.date(2026, 12, 2))
    assert [(f.path.removeprefix(str(TREE) + "/"), f.line, f.column, f.text, f.status, f.message)
            for f in result.findings] == [
        (".env", 2, 14, "gpt-4o", "retiring",
         "openai/gpt-4o: shuts down on 2027-01-14, 43 days after 2026-12-02; replacement: gpt-4.1"),
        ("app.yaml", 3, 10, "gpt-3.5-turbo", "retired",
         "openai/gpt-3.5-turbo: retired on 2026-10-23 (as of 2026-12-02); replacement: gpt-4.1-mini"),
        ("app.yaml", 4, 13, "claude-3-opus-20240229", "retired",
         "anthropic/claude-3-opus: retired on 2026-01-05 (disputed: models.dev: deprecated (said 2026-07-02); "
         "artificial-analysis-2026-07-10: deprecated (said 2026-07-10)) (as of 2026-12-02); replacement: "
         "claude-opus-4-8"),
        ("settings.toml", 2, 9, "gpt-4o-mini", "retiring",
         "openai/gpt-4o-mini: shuts down on 2027-01-14, 43 days after 2026-12-02; replacement: "
         "gpt-4.1-mini"),
    ]
