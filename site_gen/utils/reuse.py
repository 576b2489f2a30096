"""Reusing pure per-object results between `serve` rebuilds, keyed by the identity of the objects reused."""

from __future__ import annotations

from typing import Any, Callable, Hashable, Protocol, TypeVar

T = TypeVar("T")


class Reuse(Protocol):
    """`reuse(fn, obj, *args)` returns `fn(obj, *args)`, possibly from an earlier build."""

    def __call__(self, fn: Callable[..., T], obj: Any, *args: Any) -> T: ...


def fresh(fn: Callable[..., T], obj: Any, *args: Any) -> T:
    """No reuse: what `sitegen build` and pure callers use."""
    return fn(obj, *args)


class ByIdentity:
    """Results of pure functions of frozen objects, reused while the very same objects come back.

    The memo hands an unchanged article back as the same object, so anything computed from it (and from
    arguments equal to last time's) is still valid; a changed file gives a new object and a fresh result.
    Entries hold their object, so an id is never recycled while its entry lives; `prune()` after a good
    build drops what that build did not ask for, so memory follows the site, not the session.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[Hashable, int], tuple[Any, tuple, Any]] = {}
        self._used: set[tuple[Hashable, int]] = set()
        self.hits = 0
        self.misses = 0

    def __call__(self, fn: Callable[..., T], obj: Any, *args: Any) -> T:
        return self.keyed(fn, obj, args, lambda: fn(obj, *args))

    def keyed(self, name: Hashable, obj: Any, args: tuple, compute: Callable[[], T]) -> T:
        """`compute()`, or its result from before for the same `name`, the same `obj` and equal `args`
        (for steps that also need things that cannot be compared, such as a parser)."""
        key = (name, id(obj))
        found = self._entries.get(key)
        self._used.add(key)
        if found is not None and found[0] is obj and found[1] == args:
            self.hits += 1
            return found[2]
        self.misses += 1
        value = compute()
        self._entries[key] = (obj, args, value)
        return value

    def prune(self) -> None:
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()

    def __len__(self) -> int:
        return len(self._entries)


def last_result(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    """`fn(obj)` remembered for the last few objects, by identity (`lru_cache` would hash the whole object)."""
    recent: list[tuple[Any, T]] = []

    def cached(obj: Any) -> T:
        for seen, value in recent:
            if seen is obj:
                return value
        value = fn(obj)
        recent.insert(0, (obj, value))
        del recent[4:]
        return value

    cached.__doc__ = fn.__doc__
    cached.__wrapped__ = fn  # type: ignore[attr-defined]
    return cached
