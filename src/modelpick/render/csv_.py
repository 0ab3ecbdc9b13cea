"""CSV: one table under one header line, nothing else (spreadsheets read it as is). A result with no table
at all (an empty `registry diff`) is empty output: there is no header to give."""

import csv
import io

from modelpick.render.layout import Document


def render(doc: Document) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if not doc.sections:
        return ""
    first = doc.sections[0]
    if len(doc.sections) == 1:
        writer.writerow(first.headers)
        writer.writerows(first.rows)
        return out.getvalue()
    # Several sections (recommend --show-excluded): one table, a `section` column tells them apart.
    headers: list[str] = []
    for section in doc.sections:
        headers += [h for h in section.headers if h not in headers]
    writer.writerow(["section", *headers])
    for section in doc.sections:
        name = (section.title or "ranking").split(" (")[0].lower()
        for row in section.rows:
            cells = dict(zip(section.headers, row, strict=True))
            writer.writerow([name, *[cells.get(h, "") for h in headers]])
    return out.getvalue()
