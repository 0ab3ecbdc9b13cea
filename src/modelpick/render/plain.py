"""Plain text for pipes and logs: aligned columns, no colour, no box drawing."""

from tabulate import tabulate

from modelpick.render.layout import Document


def render(doc: Document) -> str:
    parts = [doc.title] if doc.title else []
    for section in doc.sections:
        if section.title:
            parts.append(f"\n{section.title}")
        parts.append(tabulate(section.rows, headers=section.headers, tablefmt="simple", disable_numparse=True))
    parts += doc.notes
    return "\n".join(parts) + "\n"
