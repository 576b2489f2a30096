"""Content problems (errors and warnings) with their file and line, and the exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable

#: Every character that could end or bend a terminal line (C0 and C1 controls but tab, line and paragraph
#: separators), written as its escape so that a problem is exactly one line: a value holding a newline
#: cannot forge a second problem, nor an escape sequence recolour the terminal.
_ESCAPES = {c: repr(chr(c))[1:-1] for c in (*range(0x00, 0x09), *range(0x0a, 0x20), *range(0x7f, 0xa0), 0x2028, 0x2029)}


def one_line(text: str) -> str:
    """`text` with line breaks and control characters escaped (\\n, \\r, \\x07, \\u2028)."""
    return text.translate(_ESCAPES)


class HintedError(ValueError):
    """A value sitegen will not read; `hint` (may be empty) says what to write instead."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint

class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located at `path:line`."""

    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        tag = "warning: " if self.severity is Severity.WARNING else ""
        return one_line(f"{where}:{field} {tag}{self.message}{hint}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class SitegenError(Exception):
    """Base class: an error sitegen reports to the user as a message, never a traceback."""


class ContentErrors(SitegenError):
    """The content has errors; carries every problem found in the run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.errors)} content error(s)")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


class Collector:
    """Accumulates problems for one file so that a whole build reports everything at once."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def error(self, line: int, field: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, field, message, hint))

    def warn(self, line: int, field: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, field, message, hint, Severity.WARNING))


def some_of(names: Iterable[str], limit: int = 10) -> str:
    """Up to `limit` names for a hint, then how many more: a hint stays one short line however long the list."""
    names = list(names)
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit:,} more" if len(names) > limit else "")
