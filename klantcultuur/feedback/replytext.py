"""Reply templates: their placeholders, filled in or named when unknown (no Django)."""

from __future__ import annotations

import re
from collections.abc import Mapping

# The words a template may use between braces; the same in every language, so that a
# template keeps working whatever language its editor reads the interface in.
PLACEHOLDERS = ("organisatie", "team", "medewerker", "datum", "contactmoment")

_FIELD = re.compile(r"\{([^{}\s]{1,40})\}")


def unknown_placeholders(text: str) -> list[str]:
    """The braced words in `text` that are not placeholders, in order of first use."""
    seen: list[str] = []
    for name in _FIELD.findall(text):
        if name not in PLACEHOLDERS and name not in seen:
            seen.append(name)
    return seen


def braced(names) -> str:
    """Placeholder names as they are written in a template: "{team}, {datum}"."""
    return ", ".join(f"{{{name}}}" for name in names)


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each known placeholder replaced; anything else is left as written."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return values.get(name, match.group(0)) if name in PLACEHOLDERS else match.group(0)

    return _FIELD.sub(replace, text)
