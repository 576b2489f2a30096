"""Forked workers: results in input order, and handed on one by one when the caller does not want them kept."""

from __future__ import annotations

import gc

import pytest

from site_gen.utils.parallel import run_all


def square(n: int) -> int:
    return n * n


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_back_in_input_order(jobs):
    assert run_all(square, list(range(100)), jobs) == [n * n for n in range(100)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_sink_receives_each_item_and_result_in_order_and_nothing_is_kept(jobs):
    received: list[tuple[int, int]] = []
    kept = run_all(square, list(range(100)), jobs, sink=lambda item, result: received.append((item, result)))
    assert kept == []
    assert received == [(n, n * n) for n in range(100)]


def test_an_error_in_a_worker_is_raised_here():
    with pytest.raises(ZeroDivisionError):
        run_all(one_over, list(range(-100, 100)), 2)


def one_over(n: int) -> float:
    return 1 / n


def test_the_parents_objects_are_frozen_out_of_collections_only_while_workers_run():
    frozen = run_all(frozen_count, list(range(40)), 2)
    assert min(frozen) > 0, "in a worker, the parent's objects are in the permanent generation"
    assert gc.get_freeze_count() == 0


def frozen_count(_: int) -> int:
    return gc.get_freeze_count()
