"""Per-phase timing of a build and the optional progress display the CLI plugs in."""

from __future__ import annotations

import contextlib
import time
from typing import Callable, Iterator

#: Given a label and a total, a context manager yielding `advance(n)`; the CLI passes a progress bar.
ProgressFactory = Callable[[str, int], contextlib.AbstractContextManager[Callable[[int], None]]]


class PhaseTimer:
    """Seconds spent in each named phase, in the order the phases ran."""

    def __init__(self) -> None:
        self._phases: list[tuple[str, float]] = []

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self._phases.append((name, time.perf_counter() - started))

    @property
    def phases(self) -> tuple[tuple[str, float], ...]:
        return tuple(self._phases)

    @property
    def total(self) -> float:
        return sum(seconds for _, seconds in self._phases)


@contextlib.contextmanager
def progress_of(factory: ProgressFactory | None, label: str, total: int) -> Iterator[Callable[[int], None] | None]:
    if factory is None or total == 0:
        yield None
        return
    with factory(label, total) as advance:
        yield advance
