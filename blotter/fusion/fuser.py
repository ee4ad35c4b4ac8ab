"""Incremental cross-article fusion: each new report joins an event or creates one.

    fuser = Fuser(SqliteIndex("fused.sqlite"))
    for report in reports:
        decision = fuser.add(report)
    fuser.index.commit()

Candidates come from a blocking key (type family, country, a date window
around the event date); each is scored against every member report and the
best pair decides, unless the report contradicts another member
(``MIN_MEMBER_SCORE``), which keeps events from chaining. Only the candidate
events are read and written, so adding an article never recomputes the
database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from blotter.fusion.features import WEIGHTS, PairScore, score_pair
from blotter.fusion.fused import Decision
from blotter.fusion.index import EventState, FusionIndex
from blotter.fusion.reports import Report
from blotter.settings import Settings

#: Widened blocking windows (days) for dates known only to the week or month
#: (ACLED time_precision 2 and 3).
COARSE_WINDOW_DAYS = {2: 7, 3: 31}
#: A report joins an event only if it scores at least this against *every*
#: member, not just the best one: without it events chain (A~B, B~C, C~D) into
#: one blob of a city's busy week (MUC-4 dev: San Salvador, Nov 1989).
MIN_MEMBER_SCORE = 1.0


@dataclass
class FusionConfig:
    """Thresholds of the fuser (the settings ``fusion_*``)."""

    threshold: float = 3.25
    date_window_days: int = 2
    background_lookback_days: int = 365

    @classmethod
    def from_settings(cls, settings: Settings) -> FusionConfig:
        """Read the ``fusion_*`` settings."""
        return cls(
            float(settings["fusion_threshold"]),
            int(settings["fusion_date_window_days"]),
            int(settings["fusion_background_lookback_days"]),
        )


class Fuser:
    """Fuse reports into events held by a ``FusionIndex``."""

    def __init__(self, index: FusionIndex, config: FusionConfig | None = None) -> None:
        self.index = index
        self.config = config or FusionConfig()
        self._arrivals = 0

    def _window(self, report: Report) -> tuple[int, int] | None:
        """The day range to look for candidates in, or None if undatable."""
        if report.day is not None:
            width = COARSE_WINDOW_DAYS.get(
                report.record.get("time_precision") or 1, self.config.date_window_days
            )
            return report.day - width, report.day + width
        if report.published_day is None:
            return None
        if report.is_background:
            return (
                report.published_day - self.config.background_lookback_days,
                report.published_day,
            )
        return (
            report.published_day - self.config.date_window_days,
            report.published_day + self.config.date_window_days,
        )

    def best_match(self, report: Report) -> tuple[EventState | None, PairScore | None, int]:
        """The best-scoring candidate event for *report*, its pair score, and how
        many candidates were considered."""
        window = self._window(report)
        if window is None:
            return None, None, 0
        candidates = self.index.candidates(report.family, report.country, *window)
        best: tuple[EventState | None, PairScore | None] = (None, None)
        considered = 0
        for event in candidates:
            if any(m.article_id == report.article_id for m in event.reports):
                continue  # one article's events are distinct incidents after document fusion
            considered += 1
            pairs = [score_pair(report, m, self.index.idf, WEIGHTS) for m in event.reports]
            if min(p.total for p in pairs) < MIN_MEMBER_SCORE:
                continue  # contradicts a member: joining would chain two incidents
            pair = max(pairs, key=lambda p: p.total)
            if best[1] is None or pair.total > best[1].total:
                best = (event, pair)
        return best[0], best[1], considered

    def add(self, report: Report) -> Decision:
        """Fuse one report; the returned decision is also stored with the event."""
        if self.index.has_report(report.id):
            return Decision(report.id, "duplicate", None, note="already fused in an earlier run")
        self._arrivals += 1
        report.arrival = self._arrivals
        event, pair, considered = self.best_match(report)
        self.index.add_tokens(report.tokens)
        if event is not None and pair is not None and pair.total >= self.config.threshold:
            decision = Decision(
                report.id, "joined", event.id, pair.total, pair.other, pair.contributions,
                considered,
            )
            event.reports.append(report)
            event.decisions.append(decision)
            self.index.save_event(event)
            return decision
        score = pair.total if pair else None
        reasons = pair.contributions if pair else {}
        matched = pair.other if pair else None
        undated = report.day is None or report.day == report.published_day
        if report.is_background and undated:
            decision = Decision(
                report.id, "unattached", None, score, matched, reasons, considered,
                note="background mention without a date of its own and no earlier event"
                " matching it: no event is created on the reporting date",
            )
            self.index.save_unattached(report, decision)
            return decision
        note = "no candidate event" if pair is None else "best candidate below threshold"
        if report.is_background:
            note += "; background mention with its own date: event created at that date"
        new = EventState(self.index.new_event_id(), [report])
        decision = Decision(report.id, "created", new.id, score, matched, reasons, considered, note)
        new.decisions.append(decision)
        self.index.save_event(new)
        return decision

    def add_all(self, reports: Iterable[Report], commit_every: int = 1000) -> list[Decision]:
        """Fuse many reports, committing the index every *commit_every* reports."""
        decisions: list[Decision] = []
        for n, report in enumerate(reports, 1):
            decisions.append(self.add(report))
            if n % commit_every == 0:
                self.index.commit()
        self.index.commit()
        return decisions
