"""The FastAPI application: JSON API under /api (OpenAPI at /api/openapi.json) and the
web app (static files, no build step, no external requests) at /."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, HTTPException, Request, Response
from fastapi import Path as PathParam
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from blotter import __version__
from blotter.pipeline import Extractor, Pipeline
from blotter.server import auth
from blotter.server.deps import (
    CSRF_HEADER,
    DB,
    SESSION_COOKIE,
    Admin,
    ServerConfig,
)
from blotter.server.events_api import router as events_router
from blotter.server.ingest_api import IngestError, IngestService
from blotter.server.models import ROLES, ServerOption, User
from blotter.server.outlines import outlines_json
from blotter.server.protect import backfill
from blotter.server.queries import QueryError
from blotter.server.review import Conflict, NotFound, ReviewError
from blotter.server.safefetch import UnsafeURL
from blotter.server.writes import (
    RETRY_AFTER_SECONDS,
    StoreBusy,
    bound_waits,
    is_lock_timeout,
    server_write,
)
from blotter.settings import Settings, load_settings
from blotter.store.database import open_engine

STATIC = Path(__file__).parent / "static"
#: Bodies smaller than this are not worth compressing.
GZIP_MIN_BYTES = 1_000


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route can answer with."""
    text = {400: "bad request or filter", 401: "not signed in / bad token",
            403: "role too weak or CSRF header missing", 404: "no such item",
            409: "version conflict (body has current_version)", 422: "invalid body or value",
            503: "the store is busy with another write; retry after Retry-After seconds"}
    return {c: {"description": text[c]} for c in codes}


class LoginBody(BaseModel):
    """Credentials for the web app."""

    username: str = Field(max_length=80)
    password: str = Field(max_length=1000)


class UserBody(BaseModel):
    """A new user."""

    username: str = Field(pattern=r"^[A-Za-z0-9._-]{1,80}$")
    password: str = Field(min_length=auth.MIN_PASSWORD_CHARS, max_length=1000)
    role: Literal["viewer", "editor", "admin"] = "viewer"


class TokenBody(BaseModel):
    """A new API token."""

    username: str = Field(pattern=r"^[A-Za-z0-9._-]{1,80}$")
    name: str = Field(default="api", max_length=120)


class OptionsBody(BaseModel):
    """Server options an admin may change."""

    allow_fetch: bool


def _security_headers(config: ServerConfig) -> dict[str, str]:
    """CSP allowing only this origin (and the tile host, when one is set)."""
    img = "'self' data:"
    if config.tile_url:
        from urllib.parse import urlsplit

        parts = urlsplit(config.tile_url.replace("{", "").replace("}", ""))
        img += f" {parts.scheme}://{parts.netloc}"
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; img-src {img}; style-src 'self'; script-src 'self'; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
    }


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every response (cheaper than
    ``@app.middleware``, which wraps each response in a stream)."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _v in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[(k, v) for k, v in self.raw if k not in present]]
            await send(message)

        await self.app(scope, receive, with_headers)


def fetch_allowed(request: Request) -> bool:
    """Whether URL fetching is on (an admin's choice, else the start-up option)."""
    with Session(request.app.state.engine) as session:
        row = session.get(ServerOption, "allow_fetch")
        config: ServerConfig = request.app.state.config
        return bool(row.value) if row is not None else config.allow_fetch


#: Environment variable carrying the configuration to each worker process.
CONFIG_ENV = "BLOTTER_SERVER_CONFIG"


def app_from_env() -> FastAPI:
    """The app for a uvicorn worker process (``blotter serve --workers N``)."""
    return create_app(ServerConfig(**json.loads(os.environ[CONFIG_ENV])))


def create_app(config: ServerConfig,
               pipeline_factory: Callable[[Settings], Extractor] | None = None) -> FastAPI:
    """The application on the store at ``config.db_url`` (migrated on start)."""
    engine = open_engine(config.db_url)
    backfill(engine)  # fused events from before migration 0004 get their review rows
    bound_waits(engine, config.write_wait_seconds)  # requests wait for locks this long
    app = FastAPI(title="Blotter workbench API", version=__version__,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
                  description="Fused events of organised violence, their evidence, review and "
                              "corrections. Reads need a viewer; writes an editor's API token "
                              "(Authorization: Bearer) or a web session with X-CSRF-Token.")
    app.state.engine = engine
    app.state.config = config
    settings = load_settings(config.config_file)
    app.state.min_confidence = settings["min_confidence"]  # the event lists' default filter
    app.state.ingest = IngestService(engine, settings, pipeline_factory or Pipeline.from_settings)
    headers = _security_headers(config)
    # Simplify the outlines while the first user signs in (a few seconds, once).
    threading.Thread(target=outlines_json, daemon=True, name="outlines").start()

    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES)
    app.add_middleware(SecurityHeaders, headers=headers)
    if config.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=config.cors_origins,
                           allow_methods=["GET", "POST", "PUT", "DELETE"],
                           allow_headers=["Authorization", "Content-Type", CSRF_HEADER],
                           allow_credentials=False)

    @app.exception_handler(QueryError)
    async def _bad_query(_r: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, 400)

    @app.exception_handler(ReviewError)
    async def _bad_change(_r: Request, exc: ReviewError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, 422)

    @app.exception_handler(NotFound)
    async def _missing(_r: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": f"no event {exc}"}, 404)

    @app.exception_handler(Conflict)
    async def _conflict(_r: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "current_version": exc.current_version}, 409)

    def busy(detail: str) -> JSONResponse:
        return JSONResponse({"detail": detail}, 503,
                            headers={"Retry-After": str(RETRY_AFTER_SECONDS)})

    @app.exception_handler(StoreBusy)
    async def _busy(_r: Request, exc: StoreBusy) -> JSONResponse:
        return busy(str(exc))

    @app.exception_handler(OperationalError)
    async def _locked(_r: Request, exc: OperationalError) -> JSONResponse:
        """A lock wait that ran out outside ``server_write`` (reads rarely wait) is a 503
        too; any other driver error is a real fault and stays a 500."""
        if is_lock_timeout(exc):
            return busy(f"the store is busy; retry in {RETRY_AFTER_SECONDS} s")
        raise exc

    @app.exception_handler(UnsafeURL)
    async def _unsafe(_r: Request, exc: UnsafeURL) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, 400)

    @app.exception_handler(IngestError)
    async def _ingest(_r: Request, exc: IngestError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, 422)

    @app.exception_handler(auth.AccountError)
    async def _account(_r: Request, exc: auth.AccountError) -> JSONResponse:
        status = 409 if isinstance(exc, auth.UserExists) else \
            404 if isinstance(exc, auth.NoSuchUser) else 400
        return JSONResponse({"detail": str(exc)}, status)

    @app.get("/api/health", tags=["server"])
    def health() -> dict[str, Any]:
        """Liveness and version."""
        return {"ok": True, "version": __version__}

    @app.get("/api/config", tags=["server"])
    def client_config(request: Request) -> dict[str, Any]:
        """What the web app needs to know: the tile URL and whether URL ingest is on."""
        return {"tile_url": config.tile_url, "allow_fetch": fetch_allowed(request),
                "roles": list(ROLES)}

    @app.get("/api/outlines", tags=["map"], response_class=Response, responses={
        200: {"content": {"application/geo+json": {}}, "description": "GeoJSON"}})
    def outlines() -> Response:
        """Country outlines (Natural Earth, public domain) as GeoJSON."""
        return Response(outlines_json(), media_type="application/geo+json",
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/api/me", tags=["auth"], responses=error_responses(401))
    def me(request: Request) -> dict[str, Any]:
        """The signed-in user (and the session's CSRF token), or null."""
        cookie = request.cookies.get(SESSION_COOKIE)
        who = auth.session_principal(engine, cookie) if cookie else None
        if who is None:
            header = request.headers.get("Authorization", "")
            if header.lower().startswith("bearer "):
                who = auth.token_principal(engine, header[7:].strip())
                if who is None:
                    raise HTTPException(401, "unknown or revoked API token")
        if who is None:
            return {"user": None}
        return {"user": who.username, "role": who.role, "csrf": who.csrf}

    @app.post("/api/auth/login", tags=["auth"], responses=error_responses(401, 503))
    def do_login(body: LoginBody, response: Response) -> dict[str, Any]:
        """Sign in: sets the HttpOnly session cookie; returns the CSRF token for writes."""
        found = auth.login(engine, body.username, body.password)
        if found is None:
            raise HTTPException(401, "wrong user name or password")
        cookie, csrf, who = found
        response.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="strict",
                            secure=config.secure_cookies, path="/",
                            max_age=int(auth.SESSION_LIFETIME.total_seconds()))
        return {"user": who.username, "role": who.role, "csrf": csrf}

    @app.post("/api/auth/logout", tags=["auth"], responses=error_responses(503))
    def do_logout(request: Request, response: Response) -> dict[str, Any]:
        """Sign out."""
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            auth.logout(engine, cookie)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return {"user": None}

    @app.get("/api/admin/users", tags=["admin"], responses=error_responses(401, 403))
    def users(_who: Admin, session: DB) -> list[dict[str, Any]]:
        """Every user and role."""
        return [{"id": u.id, "username": u.username, "role": u.role, "active": u.active}
                for u in session.scalars(select(User).order_by(User.id))]

    @app.post("/api/admin/users", tags=["admin"], status_code=201,
              responses=error_responses(400, 401, 403, 409, 503))
    def new_user(body: UserBody, _who: Admin) -> dict[str, Any]:
        """Create a user."""
        return {"id": auth.add_user(engine, body.username, body.password, body.role),
                "username": body.username.lower(), "role": body.role}

    @app.post("/api/admin/tokens", tags=["admin"], status_code=201,
              responses=error_responses(400, 401, 403, 404, 503))
    def new_token(body: TokenBody, _who: Admin) -> dict[str, Any]:
        """Create an API token for a user; the secret is shown only in this answer."""
        token_id, secret = auth.create_token(engine, body.username, body.name)
        return {"id": token_id, "token": secret}

    @app.delete("/api/admin/tokens/{token_id}", tags=["admin"],
                responses=error_responses(401, 403, 404, 503))
    def drop_token(token_id: Annotated[int, PathParam(ge=1, le=2**31 - 1)],
                   _who: Admin) -> dict[str, Any]:
        """Revoke a token."""
        if not auth.revoke_token(engine, token_id):
            raise HTTPException(404, f"no live token {token_id}")
        return {"revoked": token_id}

    @app.put("/api/admin/options", tags=["admin"],
             responses=error_responses(401, 403, 503))
    def set_options(body: Annotated[OptionsBody, Body()], _who: Admin) -> dict[str, Any]:
        """Switch URL fetching for ingest on or off."""
        with server_write(engine) as session:
            row = session.get(ServerOption, "allow_fetch")
            if row is None:
                session.add(ServerOption(name="allow_fetch", value=body.allow_fetch))
            else:
                row.value = body.allow_fetch
        return {"allow_fetch": body.allow_fetch}

    app.include_router(events_router)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    return app
