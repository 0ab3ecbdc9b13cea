"""`frontier --format svg`: well-formed XML, self-contained, the frontier labelled, registry text escaped."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from modelpick.cli import app

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "registry"
NS = "{http://www.w3.org/2000/svg}"
HOSTILE_NAME = '<script>alert(1)</script> & "x" ]]>'
ARGS = ["frontier", "--task", "chat", "--input-tokens", "1000", "--output-tokens", "100", "--registry", str(FIXTURES),
        "--provider", "acme", "--provider", "hostco", "--as-of", "2025-12-01", "--format", "svg"]


def _svg(*extra: str) -> str:
    result = CliRunner().invoke(app, [*ARGS, *extra])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_svg_parses_and_labels_the_frontier() -> None:
    root = ET.fromstring(_svg())
    assert root.tag == f"{NS}svg"
    texts = ["".join(t.itertext()) for t in root.iter(f"{NS}text")]
    assert "acme/acme-alpha" in texts  # the one frontier entry, labelled PROVIDER/MODEL
    assert {"acme-think", "hostco-reasoner"} <= set(texts)  # dominated entries by model id
    assert {"$10", "$100", "$1k"} <= set(texts)  # the log cost axis, labelled
    assert len(list(root.iter(f"{NS}polyline"))) == 1  # the frontier line


def test_the_svg_is_self_contained() -> None:
    text = _svg()
    for reference in ("href", "url(", "<script", "@import", "<image", "<foreignObject", "<style", "http://",
                      "https://"):
        assert reference not in text.replace('xmlns="http://www.w3.org/2000/svg"', ""), reference


def test_registry_and_workload_text_is_escaped(tmp_path: Path) -> None:
    layer = tmp_path / "acme.yaml"
    layer.write_text(f"provider: acme\nmodels:\n  - id: acme-alpha\n    name: {json.dumps(HOSTILE_NAME)}\n",
                     encoding="utf-8")
    text = _svg("--registry", str(layer), "--name", "<b>w</b>")
    root = ET.fromstring(text)  # still well-formed
    assert "<script" not in text and "<b>" not in text and "]]>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " in text
    titles = ["".join(t.itertext()) for t in root.iter(f"{NS}title")]
    assert any(title.startswith(f"{HOSTILE_NAME} (acme/acme-alpha)") for title in titles)
    assert titles[0] == "Cost/quality frontier: <b>w</b> (as of 2025-12-01)"
    assert not re.search(r"<(?!/?(svg|title|rect|text|line|polyline|circle)\b)", text)


def test_nothing_to_chart_is_still_an_svg() -> None:
    result = CliRunner().invoke(app, [*ARGS, "--min-context", "99000000"])
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert "nothing to chart" in "".join(root.itertext())
