"""GitHub-flavoured markdown, fit to paste into an issue or a pull request."""

from tabulate import tabulate

from modelpick.render.layout import Document


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(doc: Document) -> str:
    parts = [f"**{_cell(doc.title)}**\n"] if doc.title else []
    for section in doc.sections:
        if section.title:
            parts.append(f"\n### {section.title}\n")
        rows = [[_cell(c) for c in row] for row in section.rows]
        parts.append(tabulate(rows, headers=[_cell(h) for h in section.headers], tablefmt="github",
                              disable_numparse=True))
    if doc.notes:
        parts.append("")
        parts += [f"- {_cell(n)}" for n in doc.notes]
    return "\n".join(parts) + "\n"
