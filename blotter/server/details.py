"""One event in full (sources, per-field history, evidence), articles, the review queue,
the activity log, and the CSV of fused events through the store's ACLED exporter."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload

from blotter.server.models import Correction, EventReview
from blotter.server.queries import (
    MAX_LIMIT,
    Filters,
    QueryError,
    _joined,
    conditions,
    summary,
)
from blotter.server.review import NotFound
from blotter.store.acled import ExportItem, Member, acled_row
from blotter.store.export import COLUMNS, csv_cell, fused_number
from blotter.store.models import Article, Event, EvidenceSpan, FusedEvent, FusedReport

#: Rows read at a time while streaming the CSV.
CSV_CHUNK = 500


def _review(session: Session, event_id: str) -> EventReview:
    """The review row (NotFound when missing or merged away)."""
    review = session.get(EventReview, event_id)
    if review is None:
        raise NotFound(event_id)
    return review


def correction_dict(c: Correction) -> dict[str, Any]:
    """A log entry as JSON."""
    return {"id": c.id, "event_id": c.fused_event_id, "user": c.username, "action": c.action,
            "field": c.field, "old": c.old_value, "new": c.new_value, "comment": c.comment,
            "version": c.version, "at": c.created.isoformat()}


def event_detail(session: Session, event_id: str) -> dict[str, Any]:
    """The fused record, review state, sources, history (machine and human) and evidence."""
    review = _review(session, event_id)
    row = session.get(FusedEvent, event_id)
    if row is None:
        raise NotFound(event_id if not review.merged_into else
                       f"{event_id} (merged into {review.merged_into})")
    record = row.record
    members = session.execute(
        select(FusedReport.report_id, FusedReport.event_id, FusedReport.article_id)
        .where(FusedReport.fused_event_id == event_id)
    ).all()
    by_report = {r: (e, a) for r, e, a in members}
    event_ids = [e for _r, e, _a in members if e is not None]
    spans: dict[int, list[EvidenceSpan]] = {}
    if event_ids:
        for span in session.scalars(select(EvidenceSpan).where(
                EvidenceSpan.event_id.in_(event_ids)).order_by(EvidenceSpan.id)):
            spans.setdefault(span.event_id, []).append(span)
    titles = dict(session.execute(select(Article.id, Article.title).where(
        Article.id.in_([a for _r, _e, a in members if a is not None]))).all())
    sources = []
    for src in record.get("sources") or []:
        stored_event, article = by_report.get(src["report_id"], (None, None))
        sources.append({
            **src, "article_id": article, "stored_event_id": stored_event,
            "title": titles.get(article) if article is not None else None,
            "evidence": [{"field": s.field, "start": s.start, "end": s.end, "text": s.text}
                         for s in spans.get(stored_event or -1, [])],
        })
    corrections = session.scalars(
        select(Correction).where(Correction.fused_event_id == event_id).order_by(Correction.id)
    ).all()
    return {
        "id": event_id,
        "version": review.version,
        "review": {"state": review.state, "overrides": sorted(review.overrides or {}),
                   "flags": review.flags or [], "priority": review.priority,
                   "confidence": review.confidence},
        "record": {k: v for k, v in record.items() if k not in ("history", "decisions")},
        "sources": sources,
        "history": {"machine": record.get("history") or {},
                    "revisions": record.get("revisions") or [],
                    "conflicts": record.get("conflicts") or [],
                    "decisions": record.get("decisions") or [],
                    "corrections": [correction_dict(c) for c in corrections]},
    }


def review_queue(session: Session, limit: int, offset: int) -> dict[str, Any]:
    """Events that need a person, most needing first (priority, then id)."""
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise QueryError(f"limit must be 1..{MAX_LIMIT} and offset 0 or more")
    where = [EventReview.state.in_(("unreviewed", "flagged"))]
    total = int(session.scalar(_joined(func.count()).where(*where)) or 0)
    rows = session.execute(
        _joined(FusedEvent.record, EventReview).where(*where)
        .order_by(EventReview.priority.desc(), FusedEvent.id).limit(limit).offset(offset)
    ).all()
    return {"total": total, "items": [summary(rec, rev) for rec, rev in rows]}


def activity(session: Session, limit: int, before: int | None,
             event_id: str | None = None) -> dict[str, Any]:
    """The activity log, newest first; *before* is the id of the last entry seen."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be 1..{MAX_LIMIT}")
    query = select(Correction).order_by(Correction.id.desc()).limit(limit + 1)
    if before is not None:
        query = query.where(Correction.id < before)
    if event_id:
        query = query.where(Correction.fused_event_id == event_id)
    rows = list(session.scalars(query))
    items = [correction_dict(c) for c in rows[:limit]]
    return {"items": items, "next_before": items[-1]["id"] if len(rows) > limit else None}


def list_articles(session: Session, limit: int, after: int | None,
                  status: str | None) -> dict[str, Any]:
    """Stored articles by id, with their number of events."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be 1..{MAX_LIMIT}")
    n_events = (select(func.count(Event.id)).where(Event.article_id == Article.id)
                .correlate(Article).scalar_subquery())
    query = (select(Article, n_events).options(selectinload(Article.source))
             .order_by(Article.id).limit(limit + 1))
    if after is not None:
        query = query.where(Article.id > after)
    if status:
        query = query.where(Article.status == status)
    rows = session.execute(query).all()
    items = [{"id": a.id, "title": a.title, "url": a.url,
              "published": a.published.isoformat() if a.published else None,
              "source": a.source.name if a.source else None, "status": a.status,
              "language": a.language, "n_events": int(n)} for a, n in rows[:limit]]
    return {"items": items, "next_after": items[-1]["id"] if len(rows) > limit else None}


def article_detail(session: Session, article_id: int) -> dict[str, Any]:
    """An article's text and, for each of its events, the spans that event used."""
    article = session.get(Article, article_id, options=[selectinload(Article.source)])
    if article is None:
        raise NotFound(str(article_id))
    events = session.scalars(select(Event).where(Event.article_id == article_id)
                             .options(selectinload(Event.evidence)).order_by(Event.position))
    fused = dict(session.execute(select(FusedReport.event_id, FusedReport.fused_event_id)
                                 .where(FusedReport.article_id == article_id)).all())
    return {
        "id": article.id, "title": article.title, "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source.name if article.source else None,
        "status": article.status, "language": article.language,
        "canonical_id": article.canonical_id, "text": article.text,
        "events": [{"id": e.id, "position": e.position, "event_type": e.event_type,
                    "sub_event_type": e.sub_event_type, "is_background": e.is_background,
                    "fused_event_id": fused.get(e.id),
                    "evidence": [{"field": s.field, "start": s.start, "end": s.end,
                                  "text": s.text} for s in e.evidence]}
                   for e in events],
    }


def csv_rows(engine: Engine, f: Filters) -> Iterator[str]:
    """The matching fused events as ACLED-style CSV, chunk by chunk (header first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    yield buffer.getvalue()
    where = conditions(f)
    last = ""
    with Session(engine) as session:
        while True:
            rows = session.execute(
                _joined(FusedEvent.id, FusedEvent.record).where(*where, FusedEvent.id > last)
                .order_by(FusedEvent.id).limit(CSV_CHUNK)
            ).all()
            if not rows:
                return
            members = _members(session, [r[0] for r in rows])
            buffer.seek(0)
            buffer.truncate()
            for event_id, record in rows:
                item = ExportItem(
                    number=fused_number(event_id, 0), record=record,
                    members=members.get(event_id) or [Member()], fused_id=event_id,
                    reports=int(record.get("n_reports") or 1),
                )
                values = acled_row(item)
                writer.writerow({k: csv_cell(values.get(k)) for k in COLUMNS})
            yield buffer.getvalue()
            last = rows[-1][0]
            session.expunge_all()


def _members(session: Session, ids: list[str]) -> dict[str, list[Member]]:
    """The stored member reports of each fused event, in the exporter's form."""
    rows = session.execute(
        select(FusedReport.fused_event_id, Event)
        .join(Event, Event.id == FusedReport.event_id)
        .where(FusedReport.fused_event_id.in_(ids))
        .options(selectinload(Event.article).selectinload(Article.source),
                 selectinload(Event.run))
        .order_by(Event.id)
    ).all()
    out: dict[str, list[Member]] = {}
    for fused_id, event in rows:
        if fused_id is not None:
            out.setdefault(fused_id, []).append(Member.from_event(event))
    return out
