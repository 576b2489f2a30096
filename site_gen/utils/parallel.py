"""Runs independent build steps on all cores: forked worker processes, results in input order (deterministic)."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Sequence

#: Below this many items per worker, starting processes costs more than it saves.
MIN_ITEMS_PER_JOB = 8

#: What forked workers read: set just before the pool starts, cleared after. Fork copies it into each
#: worker, so page contexts (which hold functions and cannot be pickled) never cross a pipe.
_SHARED: dict[str, Any] = {}

Progress = Callable[[int], None]
#: Receives each item and its result, in input order.
Sink = Callable[[Any, Any], None]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run_all(func: Callable[[Any], Any], items: Sequence[Any], jobs: int, progress: Progress | None = None,
            shared: dict[str, Any] | None = None, sink: Sink | None = None) -> list[Any]:
    """`[func(item) for item in items]`, on up to `jobs` processes; `shared` is readable through `shared_value`.
    With `sink`, each `(item, result)` goes to it in input order as soon as it is ready, and nothing is kept:
    the results are never all in memory at once."""
    _SHARED.clear()
    _SHARED.update(shared or {})
    results: list[Any] = []
    deliver = sink or (lambda item, result: results.append(result))
    try:
        if not can_fork(jobs, len(items)):
            _serial(func, items, progress, deliver)
        else:
            _forked(func, items, jobs, progress, deliver)
        return results
    finally:
        _SHARED.clear()


def can_fork(jobs: int, items: int) -> bool:
    """Fork only with work to share, and only from a single-threaded process (the preview server has threads,
    and a fork copies their locks in whatever state they are)."""
    return (jobs > 1 and items >= 2 * MIN_ITEMS_PER_JOB and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def shared_value(name: str) -> Any:
    return _SHARED[name]


def _serial(func: Callable[[Any], Any], items: Sequence[Any], progress: Progress | None, deliver: Sink) -> None:
    for item in items:
        deliver(item, func(item))
        if progress:
            progress(1)


def _forked(func: Callable[[Any], Any], items: Sequence[Any], jobs: int, progress: Progress | None,
            deliver: Sink) -> None:
    """`jobs` forked workers; this process delivers their results in input order. (Running batches here too, with
    one worker fewer, held a copy of the site one process fewer but rendered 13 % slower on 2 cores: this
    process also writes every file, and a worker waited while it rendered.)"""
    chunk = max(1, min(64, len(items) // (jobs * 8)))
    batches = [list(items[i:i + chunk]) for i in range(0, len(items), chunk)]
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the parent's objects out of every collection, so a worker's collections do not copy their pages
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for batch, batch_results in zip(batches, pool.map(_run_batch, [func] * len(batches), batches)):
                for item, result in zip(batch, batch_results):
                    deliver(item, result)
                if progress:
                    progress(len(batch_results))
    finally:
        gc.unfreeze()


def _run_batch(func: Callable[[Any], Any], batch: list[Any]) -> list[Any]:
    return [func(item) for item in batch]
