import csv
import io

from modelpick.render import render
from modelpick.report import Recommendation

DERIVED = "hidden reasoning tokens derived, not measured: 5,500 per request at high"
PREVIEW = "preview: may change or go away without notice"
NO_BATCH = "no batch price offered: standard prices used"



def test_csv_holds_raw_numbers(with_warnings: Recommendation) -> None:
    rows = list(csv.DictReader(io.StringIO(render(with_warnings, "csv"))))
    assert [row["model"] for row in rows] == ["alpha", "beta", "gamma"]
    beta = rows[1]
    assert (beta["per_request"], beta["per_day"], beta["per_month"]) == ("0.000004", "0.004", "0.12")
    assert beta["context_window"] == "131072"
    assert beta["output_tokens_per_s"] == "237.4"
    assert beta["seconds_per_request"] == "1.25"
    assert (beta["quality"], beta["quality_unadjusted"], beta["quality_thin"]) == ("0.24", "0.48", "true")
    assert beta["warnings"] == f"{PREVIEW} | {NO_BATCH}"
    assert (rows[0]["effort"], rows[0]["hidden_tokens"], rows[0]["hidden_tokens_kind"]) == ("high", "5500", "derived")
    assert rows[2]["quality"] == ""
