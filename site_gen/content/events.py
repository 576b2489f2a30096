"""Reads the events registry (§8.4): `events:` in config.yaml and content/events.yaml, one Event per id."""

from __future__ import annotations

from site_gen.content.claims import read_period
from site_gen.content.fields import Fields, ID_HINT, ID_RE, too_long
from site_gen.content.yamlsrc import LMap
from site_gen.core.kinds import describe
from site_gen.core.model import Event
from site_gen.core.problems import Collector

EVENT_KEYS = ("title", "period", "location", "description")
EVENTS_FILE = "events.yaml"


def read_events(data: LMap | None, out: Collector, known: tuple[Event, ...] = ()) -> tuple[Event, ...]:
    """Each `id: {title, period, location?, description?}` of an `events:` mapping; an id already in `known` (declared
    in config.yaml) is an error."""
    if data is None:
        return ()
    taken = {e.id: e for e in known}
    events = []
    for event_id, record in data.items():
        event_id, line = str(event_id), data.line_of(event_id)
        if not ID_RE.match(event_id) or too_long(event_id):
            out.error(line, f"events.{event_id}", f'bad event id "{event_id}"', too_long(event_id) or ID_HINT)
            continue
        if not isinstance(record, LMap):
            out.error(line, f"events.{event_id}", f"expected a mapping, got {describe(record)}",
                      "write {title: ..., period: 2024-07-04/2024-07-05, location: ...}")
            continue
        if event_id in taken:
            out.error(line, f"events.{event_id}", "event declared twice",
                      f"it is already declared in {taken[event_id].path or 'config.yaml'}")
            continue
        f = Fields(record, out, prefix=f"events.{event_id}.")
        f.check_keys(EVENT_KEYS, required=("title",))
        events.append(Event(event_id, f.str("title"), read_period(f), f.str("location"), f.str("description"), line,
                            out.path))
    return tuple(events)
