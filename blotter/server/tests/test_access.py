"""Access on SQLite and PostgreSQL: roles, tokens (wrong, missing, revoked), web sessions
with CSRF, CORS closed by default, admin endpoints, and the CLI's user/token commands."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from blotter.cli import app as cli
from blotter.server.models import ApiToken, User
from blotter.server.tests.conftest import Server, make_server

READS = ["/api/events", "/api/events.csv", "/api/geo", "/api/timeline", "/api/facets",
         "/api/articles", "/api/review/queue", "/api/activity", "/api/events/evt-0000001",
         "/api/articles/1"]


@pytest.mark.parametrize("path", READS)
def test_reads_need_a_user(server: Server, path: str) -> None:
    assert server.client.get(path).status_code == 401
    bad = {"Authorization": "Bearer blt_not-a-real-token"}
    assert server.client.get(path, headers=bad).status_code == 401
    assert server.get(path, role="viewer").status_code == 200


def test_writes_need_an_editor_token(server: Server) -> None:
    event_id = server.event_id("Aguaje")
    version = server.get(f"/api/events/{event_id}").json()["version"]
    body = {"version": version, "changes": {"certainty": "alleged"}}
    path = f"/api/events/{event_id}/corrections"
    assert server.client.post(path, json=body).status_code == 401
    assert server.client.post(path, json=body, headers={
        "Authorization": "Bearer blt_wrong"}).status_code == 401
    r = server.post(path, body, role="viewer")
    assert r.status_code == 403 and "editor" in r.json()["detail"]
    for write in ("review", "merge", "split"):
        assert server.post(f"/api/events/{event_id}/{write}", {}, role="viewer"
                           ).status_code == 403
    assert server.post("/api/ingest", {"text": "x" * 50}, role="viewer").status_code == 403
    assert server.get(f"/api/events/{event_id}").json()["version"] == version


def test_admin_manages_users_and_tokens(server: Server) -> None:
    assert server.get("/api/admin/users", role="editor").status_code == 403
    users = server.get("/api/admin/users", role="admin").json()
    assert {"admin", "editor", "viewer"} <= {u["username"] for u in users}
    r = server.post("/api/admin/users", {"username": "newbie", "password": "long-enough-1",
                                         "role": "viewer"}, role="admin")
    assert r.status_code == 201
    assert server.post("/api/admin/users", {"username": "newbie", "password": "long-enough-1",
                                            "role": "viewer"}, role="admin").status_code == 409
    assert server.post("/api/admin/users", {"username": "x", "password": "short",
                                            "role": "viewer"}, role="admin").status_code == 422
    assert server.post("/api/admin/users", {"username": "y", "password": "long-enough-1",
                                            "role": "god"}, role="admin").status_code == 422
    token = server.post("/api/admin/tokens", {"username": "newbie", "name": "t"}, role="admin")
    assert token.status_code == 201
    secret, token_id = token.json()["token"], token.json()["id"]
    headers = {"Authorization": f"Bearer {secret}"}
    assert server.client.get("/api/events", headers=headers).status_code == 200
    # Only the hash is stored.
    with Session(server.app.state.engine) as session:
        stored = session.get(ApiToken, token_id)
        assert stored is not None and secret not in (stored.token_hash, stored.prefix)
        hashes = session.scalars(select(User.password_hash)).all()
        assert all(h.startswith("$argon2id$") for h in hashes)
    assert server.client.delete(f"/api/admin/tokens/{token_id}",
                                headers=server.h("admin")).status_code == 200
    assert server.client.get("/api/events", headers=headers).status_code == 401
    assert server.client.delete(f"/api/admin/tokens/{token_id}",
                                headers=server.h("admin")).status_code == 404
    assert server.post("/api/admin/tokens", {"username": "nobody"}, role="admin"
                       ).status_code == 404


def test_web_session_needs_the_csrf_token_for_writes(server: Server) -> None:
    client = TestClient(server.app)
    assert client.post("/api/auth/login", json={"username": "editor",
                                                "password": "wrong"}).status_code == 401
    r = client.post("/api/auth/login", json={"username": "editor",
                                             "password": "editor-password"})
    assert r.status_code == 200
    csrf = r.json()["csrf"]
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/api/me").json() == {"user": "editor", "role": "editor", "csrf": csrf}
    event_id = server.event_id("Aguaje")
    version = client.get(f"/api/events/{event_id}").json()["version"]
    body = {"action": "reopen", "version": version}
    path = f"/api/events/{event_id}/review"
    assert client.post(path, json=body).status_code == 403
    assert client.post(path, json=body, headers={"X-CSRF-Token": "guess"}).status_code == 403
    ok = client.post(path, json=body, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200
    client.post("/api/auth/logout")
    assert client.get("/api/events").status_code == 401
    assert client.get("/api/me").json() == {"user": None}


def test_cors_is_closed_unless_an_origin_is_configured(server: Server) -> None:
    preflight = {"Origin": "http://elsewhere.example", "Access-Control-Request-Method": "GET"}
    r = server.client.options("/api/events", headers=preflight)
    assert "access-control-allow-origin" not in r.headers
    r = server.client.get("/api/events", headers={**server.h("viewer"),
                                                  "Origin": "http://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    opened = make_server(server.url, cors_origins=["http://ok.example"])
    r = opened.client.options("/api/events", headers={**preflight,
                                                      "Origin": "http://ok.example"})
    assert r.headers["access-control-allow-origin"] == "http://ok.example"
    r = opened.client.options("/api/events", headers=preflight)
    assert "access-control-allow-origin" not in r.headers


def test_pages_carry_a_same_origin_content_security_policy(server: Server) -> None:
    r = server.client.get("/")
    assert r.status_code == 200 and "Blotter workbench" in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    assert server.client.get("/static/app.js").status_code == 200


def test_cli_adds_users_and_creates_tokens(server: Server) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["user", "add", "cli-editor", "--role", "editor", "--password",
                            "cli-password", "--db", server.url])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["user", "add", "cli-editor", "--role", "editor", "--password",
                            "cli-password", "--db", server.url])
    assert r.exit_code == 1 and "exists already" in r.output
    r = runner.invoke(cli, ["user", "add", "cli-editor", "--role", "editor", "--password",
                            "cli-password", "--exist-ok", "--db", server.url])
    assert r.exit_code == 0
    r = runner.invoke(cli, ["user", "add", "bad", "--role", "boss", "--password",
                            "cli-password", "--db", server.url])
    assert r.exit_code == 1 and "role must be one of" in r.output
    r = runner.invoke(cli, ["token", "create", "cli-editor", "--db", server.url])
    assert r.exit_code == 0, r.output
    secret = r.stdout.strip().splitlines()[0]
    assert secret.startswith("blt_")
    me = server.client.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).json()
    assert me["user"] == "cli-editor" and me["role"] == "editor"
    r = runner.invoke(cli, ["token", "create", "ghost", "--db", server.url])
    assert r.exit_code == 1 and "no active user" in r.output
    listing = runner.invoke(cli, ["user", "list", "--db", server.url])
    assert "cli-editor\teditor" in listing.stdout


def test_serve_command_serves_the_store(server: Server) -> None:
    """`blotter serve` in a process of its own answers on its port (two workers)."""
    import socket
    import subprocess
    import sys
    import time

    import httpx2

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "blotter", "serve", "--db", server.url,
                             "--port", str(port), "--workers", "2"])
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                if httpx2.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx2.HTTPError:
                time.sleep(0.1)
        r = httpx2.get(f"{base}/api/events", headers=server.h("viewer"), timeout=30)
        assert r.status_code == 200 and r.json()["items"]
        assert httpx2.get(f"{base}/api/events", timeout=30).status_code == 401
        assert "Blotter workbench" in httpx2.get(base + "/", timeout=30).text
    finally:
        proc.terminate()
        proc.wait(30)


def test_tile_url_and_fetch_start_up_options(server: Server) -> None:
    """A tile host is the one other origin the CSP lets images come from; --allow-fetch
    switches URL ingest on until an admin decides otherwise."""
    online = make_server(server.url, tile_url="https://tiles.example.org/{z}/{x}/{y}.png",
                         allow_fetch=True)
    csp = online.client.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://tiles.example.org;" in csp
    assert "connect-src 'self'" in csp
    config = online.client.get("/api/config").json()
    assert config["tile_url"].startswith("https://tiles.example.org/")
    assert config["allow_fetch"] is True
    online.client.put("/api/admin/options", json={"allow_fetch": False},
                      headers=online.h("admin"))
    assert online.client.get("/api/config").json()["allow_fetch"] is False
