
from modelpick.render import render
from modelpick.report import Recommendation

DERIVED = "hidden reasoning tokens derived, not measured: 5,500 per request at high"
PREVIEW = "preview: may change or go away without notice"
NO_BATCH = "no batch price offered: standard prices used"



def test_plain_lines_fit_the_width(with_warnings: Recommendation) -> None:
    for width in (80, 100):
        text = render(with_warnings, "plain", width=width)
        assert max(len(line) for line in text.splitlines()) <= width, text
        assert PREVIEW in " ".join(text.split())
        assert "unknown" in text


def test_markdown_is_not_wrapped(with_warnings: Recommendation) -> None:
    text = render(with_warnings, "markdown")
    assert "| testco/beta [2,3,4] |" in text.replace("  ", "")
    assert "alpha is cheap and it is good at the task in every way that matters here" in text
    assert f"- [2] {PREVIEW}\n" in text
