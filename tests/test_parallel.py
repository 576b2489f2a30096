"""Forked workers: results in input order, and handed on one by one when the caller does not want them kept."""

from __future__ import annotations

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
