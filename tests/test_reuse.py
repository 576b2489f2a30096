"""Reuse by identity: a result comes back only for the very same object and equal arguments."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.utils.reuse import ByIdentity, fresh, last_result


@dataclass(frozen=True)
class Thing:
    name: str


def test_a_result_is_reused_for_the_same_object_and_equal_arguments_only():
    calls = []

    def describe(thing: Thing, suffix: str) -> str:
        calls.append(thing)
        return thing.name + suffix

    reuse, thing = ByIdentity(), Thing("a")
    assert reuse(describe, thing, "!") == "a!" and reuse(describe, thing, "!") == "a!"
    assert len(calls) == 1 and (reuse.hits, reuse.misses) == (1, 1)
    assert reuse(describe, Thing("a"), "!") == "a!" and len(calls) == 2, "an equal object is not the same object"
    assert reuse(describe, thing, "?") == "a?" and len(calls) == 3, "other arguments, other result"
    assert fresh(describe, thing, "!") == "a!" and len(calls) == 4


def test_prune_keeps_only_what_the_last_build_asked_for():
    reuse, kept, dropped = ByIdentity(), Thing("kept"), Thing("dropped")
    reuse(repr, kept)
    reuse(repr, dropped)
    reuse.prune()
    assert len(reuse) == 2
    reuse(repr, kept)
    reuse.prune()
    assert len(reuse) == 1
    reuse(repr, kept)
    assert reuse.hits == 2


def test_last_result_remembers_recent_objects_by_identity():
    seen = []
    counted = last_result(lambda things: seen.append(things) or len(things))
    first, second = (Thing("a"),), (Thing("a"),)
    assert counted(first) == 1 and counted(first) == 1 and seen == [first]
    assert counted(second) == 1 and len(seen) == 2
    for n in range(5):
        counted((Thing(str(n)),))
    counted(first)
    assert len(seen) == 8, "only the last few objects are remembered"
