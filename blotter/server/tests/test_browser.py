"""The web app in real headless Chromium (Debian's, driven by Playwright): load the demo
data, filter by type, open the El Aguaje event, see the fatalities evidence highlighted,
correct the place as an editor, reload and re-ingest and see it kept, a viewer gets no
form, and no page asks anything of another host. Screenshots go to out/."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright import sync_api as playwright_api

from blotter.conftest import REPO
from blotter.ingest.commands import run_ingest
from blotter.server.tests.conftest import (
    SETTINGS,
    Server,
    el_aguaje,
    make_server,
    seed,
    shared_pipeline,
)

CHROMIUM = "/usr/bin/chromium"
#: The flags known to work here: no sandbox as root, and no background traffic.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
OUT = REPO / "out"
#: Milliseconds to wait for the app to render something.
WAIT_MS = 20_000

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Server]]:
    """The app on a seeded SQLite store, served by uvicorn on a loopback port."""
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('browser')) / 'store.sqlite'}"
    seed(url)
    srv = make_server(url)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(srv.app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", srv
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A browser page that records every request it makes."""

    def __init__(self, browser: Any, base: str, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.set_default_timeout(WAIT_MS)

    def login(self, user: str) -> Any:
        p = self.page
        p.goto(self.base + "/")
        p.fill("input[name=username]", user)
        p.fill("input[name=password]", f"{user}-password")
        p.click("form.login button[type=submit]")
        p.wait_for_selector("#events tbody tr")
        return p

    def foreign(self) -> list[str]:
        """Requests to anything but this server."""
        return [u for u in self.requests if not (u.startswith(self.base + "/")
                                                 or u.startswith("data:"))]


def wait_until(p: Any, script: str) -> None:
    """Poll *script* (a function) until it is true; ``wait_for_function`` compiles its
    predicate with eval, which the app's Content-Security-Policy rightly forbids."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not p.evaluate(script):
        assert time.monotonic() < deadline, f"timed out waiting for {script}"
        p.wait_for_timeout(100)


def _rows(p: Any) -> list[str]:
    return p.eval_on_selector_all("#events tbody tr td:nth-child(2)",
                                  "cells => cells.map(c => c.textContent.trim())")


def test_analyst_workflow_in_chromium(live: tuple[str, Server], browser: Any) -> None:
    base, srv = live
    OUT.mkdir(exist_ok=True)
    editor = Page(browser, base, viewport={"width": 1300, "height": 900})
    p = editor.login("editor")
    wait_until(p, "() => +document.querySelector('#map').dataset.outlines > 200 && "
                  "+document.querySelector('#map').dataset.features > 5")
    p.wait_for_timeout(300)  # the frame after both arrived
    p.screenshot(path=str(OUT / "workbench-map.png"))
    everything = _rows(p)
    assert len(everything) >= 8

    # Filter by type: only battles are listed.
    p.select_option("#f-type", "Battles")
    p.click("form.filters button[type=submit]")
    wait_until(p, "() => location.hash.includes('event_type=Battles')")
    wait_until(p, "() => { const n = document.querySelectorAll('#events tbody tr').length;"
                  f" return n > 0 && n < {len(everything)}; }}")
    battles = _rows(p)
    assert battles and all(t in ("Armed clash", "Government regains territory",
                                 "Non-state actor overtakes territory") for t in battles)
    p.locator("section.timeline").screenshot(path=str(OUT / "workbench-timeline.png"))

    # Open the El Aguaje event: the toll's evidence is highlighted in its own colour.
    p.click("#events a:has-text('Aguaje')")
    p.wait_for_selector("mark.ev-fatalities")
    tolls = p.eval_on_selector_all("mark.ev-fatalities", "ms => ms.map(m => m.textContent)")
    assert "14" in tolls
    colours = p.evaluate("""() => {
        const c = (sel) => getComputedStyle(document.querySelector(sel)).backgroundColor;
        return [c('mark.ev-fatalities'), c('mark.ev-location'), c('mark.ev-actor1')];
    }""")
    assert len(set(colours)) == 3 and "rgba(0, 0, 0, 0)" not in colours
    p.screenshot(path=str(OUT / "workbench-event.png"), full_page=True)
    event_url = p.url

    # Correct the place as an editor; reload: kept.
    p.fill("input[name=loc_name]", "El Aguaje")
    p.fill("input[name=comment]", "the ambush was at El Aguaje, not in Bonifacio Moreno")
    p.click("form#correct button[type=submit]")
    p.wait_for_selector("tr[data-field=location] .badge.corrected")
    p.reload()
    place = p.locator("tr[data-field=location] td.value")
    place.wait_for()
    assert place.inner_text().startswith("El Aguaje, Michoac")
    assert p.locator("#corrections").inner_text().count("editor") >= 1

    # Re-ingest the article: the correction is still there.
    run_ingest([str(el_aguaje())], SETTINGS, srv.url, pipeline_factory=shared_pipeline)
    p.reload()
    p.locator("tr[data-field=location] td.value").wait_for()
    assert p.locator("tr[data-field=location] td.value").inner_text().startswith("El Aguaje,")

    # Keyboard review: 'a' accepts.
    p.locator("body").press("a")
    wait_until(p, "() => document.querySelector('#state')?.textContent === 'accepted'")

    # A viewer sees the event but no correction form and no review buttons.
    viewer = Page(browser, base, viewport={"width": 390, "height": 844}, is_mobile=True)
    v = viewer.login("viewer")
    v.goto(event_url)
    v.wait_for_selector("mark.ev-fatalities")
    assert v.locator("form#correct").count() == 0 and v.locator("#accept").count() == 0
    assert v.locator("tr[data-field=location] td.value").inner_text().startswith("El Aguaje,")
    overflow = v.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than a phone"
    widest = v.evaluate("""() => Math.max(...[...document.querySelectorAll(
        'h1, .fields, .text, .event-head, header.top')]
        .map(e => e.getBoundingClientRect().right))""")
    assert widest <= v.evaluate("window.innerWidth") + 1, "content runs off a phone screen"
    v.screenshot(path=str(OUT / "workbench-event-phone.png"))

    for page in (editor, viewer):
        assert page.foreign() == [], page.foreign()
        assert page.errors == []
        assert any(u.endswith("/api/outlines") for u in page.requests) or page is viewer
    editor.context.close()
    viewer.context.close()


def test_review_queue_and_activity_pages(live: tuple[str, Server], browser: Any) -> None:
    base, _srv = live
    page = Page(browser, base, viewport={"width": 1200, "height": 800})
    p = page.login("editor")
    p.goto(base + "/#/review")
    p.wait_for_selector("#queue tbody tr")
    p.screenshot(path=str(OUT / "workbench-queue.png"))
    p.locator("body").press("j")
    p.locator("body").press("Enter")
    p.wait_for_selector("mark.ev, .fields")
    assert "#/event/" in p.url
    p.goto(base + "/#/activity")
    p.wait_for_selector("#activity tbody tr")
    assert "editor" in p.locator("#activity").inner_text()
    p.screenshot(path=str(OUT / "workbench-activity.png"))
    assert page.foreign() == [] and page.errors == []
    page.context.close()


def test_merge_and_split_from_the_event_page(live: tuple[str, Server], browser: Any) -> None:
    base, srv = live
    keep, other = srv.event_id("Saraqib"), srv.event_id("Idlib")
    page = Page(browser, base, viewport={"width": 1200, "height": 900})
    p = page.login("editor")
    p.goto(f"{base}/#/event/{keep}")
    p.fill("input[name=other]", other)
    p.click("button:has-text('Merge')")
    wait_until(p, "() => document.querySelectorAll('#sources li').length === 2")
    assert srv.get(f"/api/events/{other}").status_code == 404
    p.locator("#sources input[type=checkbox]").nth(1).check()
    p.click("button:has-text('Split the ticked reports')")
    wait_until(p, f"() => location.hash.startsWith('#/event/') && "
                  f"!location.hash.endsWith('{keep}')")
    new_id = p.url.rsplit("/", 1)[-1]
    # the new event's page replaces the old one's two sources: wait for it to render
    wait_until(p, "() => document.querySelectorAll('#sources li').length === 1")
    assert p.locator("#sources li").count() == 1
    assert len(srv.get(f"/api/events/{keep}").json()["sources"]) == 1
    assert len(srv.get(f"/api/events/{new_id}").json()["sources"]) == 1
    assert page.foreign() == [] and page.errors == []
    page.context.close()
