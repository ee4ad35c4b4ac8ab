"""Filters for listing fused events (``blotter events``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from blotter.fusion.features import same_actor
from blotter.fusion.reports import normalise


@dataclass
class EventFilter:
    """Which fused events to list; every unset criterion matches everything."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    min_fatalities: int | None = None

    def matches(self, event: dict[str, Any]) -> bool:
        """True if the fused *event* passes every set criterion."""
        if self.date_from or self.date_to:
            if not event.get("event_date"):
                return False
            day = date.fromisoformat(event["event_date"][:10])
            if (self.date_from and day < self.date_from) or (self.date_to and day > self.date_to):
                return False
        location = event.get("location") or {}
        if self.country and normalise(location.get("country")) != normalise(self.country):
            return False
        if self.admin1 and normalise(location.get("admin1")) != normalise(self.admin1):
            return False
        if self.event_type and normalise(self.event_type) not in {
            normalise(event.get("event_type")),
            normalise(event.get("sub_event_type")),
        }:
            return False
        if self.actor and not self._actor_matches(event):
            return False
        if self.min_fatalities is not None:
            best = (event.get("fatalities") or {}).get("best")
            if best is None or best < self.min_fatalities:
                return False
        return True

    def _actor_matches(self, event: dict[str, Any]) -> bool:
        """The wanted actor is one of the event's reported actors (any report)."""
        wanted = normalise(self.actor)
        for field in ("actor1", "actor2"):
            for item in event["history"].get(field, []):
                name = normalise((item.get("value") or {}).get("name"))
                if name and (wanted in name or same_actor(wanted, name)):
                    return True
        return False
