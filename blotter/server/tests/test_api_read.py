"""Read endpoints on SQLite and PostgreSQL: filters, sorting, pagination, one event with
its evidence, GeoJSON, timeline, CSV, articles, and the errors of each."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from blotter.server import queries
from blotter.server.tests.conftest import Server
from blotter.store.export import COLUMNS


def ids(srv: Server, **params: object) -> list[str]:
    """Ids of every listed event for *params* (one big page)."""
    r = srv.get("/api/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["items"]]


def listed(srv: Server, **params: object) -> list[dict[str, Any]]:
    """Every listed event for *params*."""
    r = srv.get("/api/events", params={"limit": 500, **params})
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def test_openapi_schema_is_published(server: Server) -> None:
    schema = server.client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/geo", "/api/events.csv",
                 "/api/articles/{article_id}", "/api/ingest", "/api/review/queue",
                 "/api/events/{event_id}/corrections", "/api/activity"):
        assert path in schema["paths"], path
    assert {"HTTPBearer", "APIKeyCookie"} <= set(schema["components"]["securitySchemes"])


def test_the_el_aguaje_event_is_listed_with_its_toll(server: Server) -> None:
    events = listed(server, country="Mexico", event_type="Battles")
    ambush = [e for e in events if e["event_date"] == "2019-10-14"]
    assert len(ambush) == 1
    assert ambush[0]["fatalities"] == {"best": 14, "low": 13, "high": 14}
    assert ambush[0]["review_state"] == "unreviewed" and ambush[0]["version"] >= 1
    assert 0 < ambush[0]["confidence"] <= 1


def test_each_filter_narrows_to_what_it_says(server: Server) -> None:
    everything = listed(server)
    assert len(everything) >= 8
    for e in listed(server, event_type="Battles"):
        assert e["event_type"] == "Battles"
    for e in listed(server, sub_event_type="Attack"):
        assert e["sub_event_type"] == "Attack"
    for e in listed(server, date_from="2024-01-01", date_to="2024-04-30"):
        assert "2024-01-01" <= e["event_date"] <= "2024-04-30"
    assert {e["location"]["country"] for e in listed(server, country="mexico")} == {"Mexico"}
    assert {e["location"]["admin1"] for e in listed(server, admin1="Idlib")} == {"Idlib"}
    for e in listed(server, min_fatalities=10):
        assert e["fatalities"]["best"] >= 10
    assert {e["background_only"] for e in listed(server, background="true")} == {True}
    assert {e["background_only"] for e in listed(server, background="false")} == {False}
    for e in listed(server, min_confidence=0.85):
        assert e["confidence"] >= 0.85
    cartel = listed(server, actor="jalisco new generation")
    assert cartel and all(e["location"]["country"] == "Mexico" for e in cartel)
    # A box around Michoacán holds El Aguaje and nothing in Syria.
    box = listed(server, bbox="-104,17.5,-100,20.5")
    assert any("Aguaje" in (e["location"]["name"] or "") for e in box)
    assert all(e["location"]["country"] == "Mexico" for e in box)
    # Crossing the antimeridian: a box from 170E to 10W covers the Americas only.
    americas = listed(server, bbox="170,-60,-10,70")
    assert americas and {e["location"]["country"] for e in americas} <= {"Mexico"}


@pytest.mark.parametrize("params,message", [
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "0,10,5,-10"}, "bbox"),
    ({"event_type": "Picnics"}, "unknown event type"),
    ({"sub_event_type": "Armed picnic"}, "unknown sub-event type"),
    ({"review_state": "pending"}, "unknown review state"),
    ({"date_from": "2024-05-01", "date_to": "2024-01-01"}, "after"),
    ({"sort": "colour"}, "unknown sort"),
    ({"cursor": "not-a-cursor"}, "cursor"),
])
def test_bad_filters_are_400_with_the_reason(server: Server, params: dict[str, str],
                                             message: str) -> None:
    r = server.get("/api/events", params=params)
    assert r.status_code == 400
    assert message in r.json()["detail"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"min_confidence": 2},
                                    {"min_fatalities": -1}, {"date_from": "yesterday"}])
def test_out_of_range_parameters_are_422(server: Server, params: dict[str, object]) -> None:
    assert server.get("/api/events", params=params).status_code == 422


@pytest.mark.parametrize("sort", ["-date", "date", "-fatalities", "confidence", "-priority",
                                  "id"])
def test_cursor_pages_cover_every_event_once_in_order(server: Server, sort: str) -> None:
    full = ids(server, sort=sort)
    pages: list[str] = []
    cursor = None
    while True:
        params = {"limit": 3, "sort": sort} | ({"cursor": cursor} if cursor else {})
        body = server.get("/api/events", params=params).json()
        pages += [e["id"] for e in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == full and len(set(pages)) == len(pages)
    if sort == "-date":
        dates = [e["event_date"] or "" for e in listed(server, sort=sort)]
        assert dates == sorted(dates, reverse=True)


def test_a_cursor_of_another_sort_is_refused(server: Server) -> None:
    cursor = server.get("/api/events", params={"limit": 1, "sort": "date"}).json()["next_cursor"]
    r = server.get("/api/events", params={"limit": 1, "sort": "-date", "cursor": cursor})
    assert r.status_code == 400 and "another sort" in r.json()["detail"]


def test_one_event_has_sources_history_and_evidence_per_field(server: Server) -> None:
    event_id = server.event_id("Aguaje")
    body = server.get(f"/api/events/{event_id}").json()
    assert body["record"]["fatalities"]["best"] == 14
    (source,) = body["sources"]
    assert source["article_id"] and source["outlet"] == "Law Enforcement Today"
    fields = {span["field"] for span in source["evidence"]}
    assert {"fatalities", "location", "actor1", "event_date"} <= fields
    article = server.get(f"/api/articles/{source['article_id']}").json()
    for span in source["evidence"]:
        assert article["text"][span["start"]:span["end"]] == span["text"]
    assert any(s["text"] == "14" for s in source["evidence"] if s["field"] == "fatalities")
    assert body["history"]["machine"]["fatalities"][0]["value"]["best"] == 14
    assert body["history"]["corrections"] == []


def test_unknown_ids_are_404(server: Server) -> None:
    assert server.get("/api/events/evt-9999999").status_code == 404
    assert server.get("/api/articles/999999").status_code == 404
    assert server.get("/api/articles/not-a-number").status_code == 422


def test_geojson_points_then_clusters_past_the_budget(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    points = server.get("/api/geo", params={"bbox": "-180,-90,180,90", "zoom": 2}).json()
    assert points["properties"] == {"total": len(points["features"]), "clustered": False}
    aguaje = next(f for f in points["features"] if "Aguaje" in (f["properties"]["location"]))
    lon, lat = aguaje["geometry"]["coordinates"]
    assert abs(lat - 18.99) < 0.1 and abs(lon + 102.71) < 0.1
    monkeypatch.setattr(queries, "GEO_POINT_BUDGET", 2)
    clusters = server.get("/api/geo", params={"bbox": "-180,-90,180,90", "zoom": 1}).json()
    assert clusters["properties"]["clustered"] is True
    counts = [f["properties"]["count"] for f in clusters["features"]]
    assert sum(counts) == points["properties"]["total"] and len(counts) < sum(counts)
    for f in clusters["features"]:
        p = f["properties"]
        assert sum(p["types"].values()) == p["count"] and p["event_type"] in p["types"]
    assert server.get("/api/geo", params={"zoom": 40}).status_code == 422


def test_timeline_counts_the_dated_events_per_day_and_type(server: Server) -> None:
    days = server.get("/api/timeline").json()["days"]
    dated = [e for e in listed(server) if e["event_date"]]
    assert sum(sum(d["counts"].values()) for d in days) == len(dated)
    assert {"day": "2019-10-14", "counts": {"Battles": 1}} in days
    battles = server.get("/api/timeline", params={"event_type": "Battles"}).json()["days"]
    assert {t for d in battles for t in d["counts"]} == {"Battles"}


def test_csv_has_the_exporters_columns_and_one_row_per_event(server: Server) -> None:
    r = server.get("/api/events.csv", params={"country": "Mexico"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == len(listed(server, country="Mexico"))
    ambush = next(row for row in rows if row["event_date"] == "2019-10-14")
    assert ambush["fatalities"] == "14" and ambush["iso3"] == "MEX"
    assert ambush["event_type"] == "Battles" and ambush["source"] == "Law Enforcement Today"
    # notes: the exporter's one-sentence summary of the record (ACLED style)
    assert "Jalisco New Generation Cartel" in ambush["notes"] and "14" in ambush["notes"]
    assert server.get("/api/events.csv", params={"bbox": "x"}).status_code == 400


def test_articles_list_and_one_article_with_the_spans_of_each_event(server: Server) -> None:
    first = server.get("/api/articles", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_after"] == first["items"][1]["id"]
    rest = server.get("/api/articles", params={"limit": 100, "after": first["next_after"]}).json()
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in rest["items"]}
    aguaje = next(a for a in first["items"] + rest["items"]
                  if a["source"] == "Law Enforcement Today")
    body = server.get(f"/api/articles/{aguaje['id']}").json()
    assert "El Aguaje" in body["text"] and len(body["events"]) == aguaje["n_events"]
    current = [e for e in body["events"] if not e["is_background"]]
    assert current and all(e["fused_event_id"] for e in current)
    for e in body["events"]:
        for span in e["evidence"]:
            assert body["text"][span["start"]:span["end"]] == span["text"]


def test_facets_and_config(server: Server) -> None:
    facets = server.get("/api/facets").json()
    assert "Battles" in facets["event_types"]
    assert "Armed clash" in facets["sub_event_types"]["Battles"]
    assert any(c["name"] == "Mexico" for c in facets["countries"])
    config = server.client.get("/api/config").json()
    assert config == {"tile_url": "", "allow_fetch": False,
                      "roles": ["viewer", "editor", "admin"]}


def test_outlines_are_natural_earth_countries(server: Server) -> None:
    r = server.client.get("/api/outlines")
    body = r.json()
    names = {f["properties"]["name"] for f in body["features"]}
    assert {"Mexico", "Syria", "Somalia"} <= names and len(names) > 200
