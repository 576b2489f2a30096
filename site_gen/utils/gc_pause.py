"""Pauses Python's cyclic garbage collector over a step that makes many objects and keeps most of them."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (as it was before, after): reading 10,000 claims or rendering
    their page makes hundreds of thousands of objects that stay alive, and each full collection walks them all
    (a third of the load's time), and in a forked worker it touches, so copies, every page of the parent's memory.
    Reference counting still frees everything acyclic at once; cycles wait for the next collection."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
