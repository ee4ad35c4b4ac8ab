"""Routes for events, the map, the timeline, articles, ingest, review and corrections."""

from __future__ import annotations

import json
import time
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from blotter.server import details, queries, review
from blotter.server.deps import DB, Editor, Viewer, engine_of
from blotter.server.queries import Filters
from blotter.server.writes import server_write

#: How long the filter controls' values are reused.
FACETS_SECONDS = 60.0
#: Largest id, version or count a query may name (a 32-bit column on either backend).
MAX_INT = 2**31 - 1
router = APIRouter(prefix="/api")
JSON_OK = {"content": {"application/json": {"schema": {"type": "object"}}},
           "description": "OK"}
R = {c: {"description": d} for c, d in {
    400: "bad filter, sort or cursor", 401: "not signed in / bad token",
    403: "role too weak or CSRF header missing", 404: "no such item",
    409: "version conflict (body has current_version)", 422: "invalid body or value",
    503: "the store is busy with another write; retry after Retry-After seconds"}.items()}


def fast_json(body: Any) -> Response:
    """JSON straight from plain dicts and lists, skipping FastAPI's per-value encoder
    (which costs more than the query for a page of events or a viewport of points)."""
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")),
                    media_type="application/json")


def _r(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The documented error statuses of a route."""
    return {c: R[c] for c in codes}


def filters(
    request: Request,
    date_from: Annotated[date | None, Query(description="Earliest event date.")] = None,
    date_to: Annotated[date | None, Query(description="Latest event date.")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    country: Annotated[str | None, Query(max_length=200)] = None,
    admin1: Annotated[str | None, Query(max_length=200)] = None,
    actor: Annotated[str | None, Query(max_length=300,
                                       description="Actor named in any report.")] = None,
    event_type: Annotated[str | None, Query(max_length=80)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=80)] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_INT)] = None,
    background: Annotated[bool | None, Query(
        description="true: background-only events; false: current ones.")] = None,
    review_state: Annotated[str | None, Query(
        description="Comma-separated; default: every state but rejected.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description=(
        "Default: the min_confidence setting; 0 shows every event."))] = None,
) -> Filters:
    """The common event filters from the query string (no ``min_confidence``: the setting's)."""
    if min_confidence is None:
        min_confidence = getattr(request.app.state, "min_confidence", None)
    return Filters(date_from, date_to, queries.parse_bbox(bbox), country, admin1, actor,
                   event_type, sub_event_type, min_fatalities, background,
                   queries.parse_states(review_state), min_confidence)


F = Annotated[Filters, Depends(filters)]


@router.get("/events", tags=["events"], response_class=Response,
            responses={200: JSON_OK, **_r(400, 401, 403)})
def events(_who: Viewer, session: DB, f: F,
           sort: Annotated[str, Query(description=", ".join(queries.SORTS))] = "-date",
           limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = queries.DEFAULT_LIMIT,
           cursor: Annotated[str | None, Query(max_length=1000)] = None,
           with_total: bool = False) -> Response:
    """Fused events matching the filters, one page; pass ``next_cursor`` for the next."""
    page = queries.list_events(session, f, sort, limit, cursor)
    if with_total:
        page["total"] = queries.count_events(session, f)
    return fast_json(page)


@router.get("/events.csv", tags=["events"], response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}, "description": "CSV"},
                       **_r(400, 401, 403)})
def events_csv(request: Request, _who: Viewer, f: F) -> StreamingResponse:
    """The matching fused events as ACLED-style CSV (the store's exporter's columns)."""
    queries.conditions(f)  # raise on bad filters before streaming starts
    return StreamingResponse(details.csv_rows(engine_of(request), f), media_type="text/csv",
                             headers={"Content-Disposition": "attachment; filename=events.csv"})


@router.get("/events/{event_id}", tags=["events"], responses=_r(401, 403, 404))
def event(event_id: str, _who: Viewer, session: DB) -> dict[str, Any]:
    """One fused event: record, review state and version, sources with their evidence
    spans per field, and per-field history (reports' values and people's corrections)."""
    return details.event_detail(session, event_id)


@router.get("/geo", tags=["map"], response_class=Response,
            responses={200: JSON_OK, **_r(400, 401, 403)})
def geo(_who: Viewer, session: DB, f: F,
        zoom: Annotated[int, Query(ge=0, le=queries.MAX_ZOOM)] = 2) -> Response:
    """GeoJSON of the events in the viewport (``bbox``): points, or grid clusters with
    counts by type when there are more than the point budget."""
    return fast_json(queries.geojson(session, f, zoom))


@router.get("/timeline", tags=["map"], responses=_r(400, 401, 403))
def timeline(_who: Viewer, session: DB, f: F) -> dict[str, Any]:
    """Events per day and type for the same filters (bbox included)."""
    return {"days": queries.timeline(session, f)}


@router.get("/facets", tags=["map"], responses=_r(401, 403))
def facets(request: Request, _who: Viewer, session: DB) -> dict[str, Any]:
    """Event types, sub-types, countries and review-state counts for the filter controls
    (recomputed at most every ``FACETS_SECONDS``: counting countries reads every event)."""
    cached = getattr(request.app.state, "facets", None)
    if cached is None or time.monotonic() - cached[0] > FACETS_SECONDS:
        cached = (time.monotonic(), queries.facets(session))
        request.app.state.facets = cached
    result: dict[str, Any] = cached[1]
    return result


@router.get("/articles", tags=["articles"], responses=_r(400, 401, 403))
def articles(_who: Viewer, session: DB,
             limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = queries.DEFAULT_LIMIT,
             after: Annotated[int | None, Query(ge=0, le=MAX_INT,
                                                description="Last id of the previous page.")]
             = None,
             status: Annotated[str | None, Query(max_length=20)] = None) -> dict[str, Any]:
    """Stored articles by id."""
    return details.list_articles(session, limit, after, status)


@router.get("/articles/{article_id}", tags=["articles"], responses=_r(401, 403, 404))
def article(article_id: Annotated[int, Path(ge=1, le=MAX_INT)], _who: Viewer,
            session: DB) -> dict[str, Any]:
    """An article's text and, per event, the evidence spans it used."""
    try:
        return details.article_detail(session, article_id)
    except review.NotFound as exc:
        raise _not_found(f"no article {article_id}") from exc


def _not_found(message: str) -> Exception:
    """A 404."""
    from fastapi import HTTPException

    return HTTPException(404, message)


class IngestBody(BaseModel):
    """One submission: exactly one of text, html or url."""

    text: str | None = Field(default=None, max_length=2_000_000)
    html: str | None = Field(default=None, max_length=5_000_000)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)
    published: date | None = None
    source_name: str | None = Field(default=None, max_length=300)


@router.post("/ingest", tags=["ingest"], responses=_r(400, 401, 403, 422, 503))
def ingest(request: Request, body: IngestBody, _who: Editor) -> dict[str, Any]:
    """Store and extract a text or HTML page (or fetch a URL when an admin enabled it);
    returns the article with its events and the fused events they joined."""
    from blotter.server.app import fetch_allowed

    service = request.app.state.ingest
    item = service.item_for(body.text, body.html, body.url, body.title, body.published,
                            body.source_name, fetch_allowed(request),
                            request.app.state.config.fetch_allowed)
    result: dict[str, Any] = service.ingest(item)
    return result


class ReviewBody(BaseModel):
    """Accept, reject or reopen at the version the editor saw."""

    action: str = Field(description="accept, reject or reopen")
    version: int = Field(ge=0, le=MAX_INT)
    comment: str = Field(default="", max_length=2000)


class CorrectionBody(BaseModel):
    """New values for fields, at the version the editor saw."""

    version: int = Field(ge=0, le=MAX_INT)
    changes: dict[str, Any] = Field(description="field -> new value; fields: "
                                    + ", ".join(review.RECORD_KEYS))
    comment: str = Field(default="", max_length=2000)


class MergeBody(BaseModel):
    """Merge *other_id* into this event."""

    other_id: str = Field(max_length=40)
    version: int = Field(ge=0, le=MAX_INT)
    other_version: int = Field(ge=0, le=MAX_INT)
    comment: str = Field(default="", max_length=2000)


class SplitBody(BaseModel):
    """Move these member reports into a new event."""

    version: int = Field(ge=0, le=MAX_INT)
    report_ids: list[str] = Field(max_length=1000)
    comment: str = Field(default="", max_length=2000)


@router.post("/events/{event_id}/review", tags=["review"],
             responses=_r(401, 403, 404, 409, 422, 503))
def decide(request: Request, event_id: str, body: ReviewBody,
           who: Editor) -> dict[str, Any]:
    """Accept (resolves open flags), reject (not an event) or reopen."""
    with server_write(engine_of(request)) as session:
        version = review.decide(session, who, event_id, body.version, body.action, body.comment)
    return {"id": event_id, "version": version}


@router.post("/events/{event_id}/corrections", tags=["review"],
             responses=_r(401, 403, 404, 409, 422, 503))
def correct(request: Request, event_id: str, body: CorrectionBody,
            who: Editor) -> dict[str, Any]:
    """Set fields to a person's values; they are kept through re-extraction and re-fusion."""
    with server_write(engine_of(request)) as session:
        version = review.correct(session, who, event_id, body.version, body.changes,
                                 body.comment)
    return {"id": event_id, "version": version}


@router.post("/events/{event_id}/merge", tags=["review"],
             responses=_r(401, 403, 404, 409, 422, 503))
def merge(request: Request, event_id: str, body: MergeBody,
          who: Editor) -> dict[str, Any]:
    """Merge another event into this one."""
    with server_write(engine_of(request)) as session:
        version = review.merge(session, who, event_id, body.version, body.other_id,
                               body.other_version, body.comment)
    return {"id": event_id, "version": version, "merged": body.other_id}


@router.post("/events/{event_id}/split", tags=["review"],
             responses=_r(401, 403, 404, 409, 422, 503))
def split(request: Request, event_id: str, body: SplitBody,
          who: Editor) -> dict[str, Any]:
    """Split member reports off into a new event."""
    with server_write(engine_of(request)) as session:
        version, new_id = review.split(session, who, event_id, body.version, body.report_ids,
                                       body.comment)
    return {"id": event_id, "version": version, "new_id": new_id}


@router.get("/review/queue", tags=["review"], responses=_r(400, 401, 403))
def queue(_who: Viewer, session: DB,
          limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = queries.DEFAULT_LIMIT,
          offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict[str, Any]:
    """Unreviewed and flagged events, most in need of a person first."""
    return details.review_queue(session, limit, offset)


@router.get("/activity", tags=["review"], responses=_r(400, 401, 403))
def activity(_who: Viewer, session: DB,
             limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = queries.DEFAULT_LIMIT,
             before: Annotated[int | None, Query(ge=0, le=MAX_INT,
                                                 description="next_before of the last page")]
             = None,
             event_id: Annotated[str | None, Query(max_length=40)] = None) -> dict[str, Any]:
    """Who changed what, newest first."""
    return details.activity(session, limit, before, event_id)


