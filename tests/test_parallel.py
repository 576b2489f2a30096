"""Forked workers: results in input order, and handed on one by one when the caller does not want them kept."""

from __future__ import annotations

import os
import time

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


def pid_after_a_pause(_: int) -> int:
    time.sleep(0.002)
    return os.getpid()


def test_this_process_is_one_of_the_jobs_so_one_process_fewer_holds_a_copy():
    pids = run_all(pid_after_a_pause, list(range(200)), 2)
    assert os.getpid() in pids
    assert len(set(pids)) == 2  # this process and one forked worker, not two workers


def test_an_error_in_a_batch_this_process_runs_is_raised():
    with pytest.raises(ZeroDivisionError):
        run_all(one_over, list(range(-100, 100)), 2)


def one_over(n: int) -> float:
    return 1 / n
