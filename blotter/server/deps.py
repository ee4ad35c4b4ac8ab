"""What every route needs: the server's configuration, a database session, who is asking."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from blotter.server import WRITE_WAIT_SECONDS, auth
from blotter.server.auth import Principal
from blotter.server.safefetch import Address, public_address

SESSION_COOKIE = "blotter_session"
CSRF_HEADER = "X-CSRF-Token"


@dataclass
class ServerConfig:
    """How the server runs (``blotter serve`` options)."""

    db_url: str
    #: Origins allowed to call the API from a browser; empty: CORS closed.
    cors_origins: list[str] = field(default_factory=list)
    #: Map tile URL template ({z}/{x}/{y}) for online use; empty: outlines only.
    tile_url: str = ""
    #: Mark the session cookie Secure (behind HTTPS).
    secure_cookies: bool = False
    #: Allow URL fetching from the start (an admin can also switch it at run time).
    allow_fetch: bool = False
    #: Which addresses the URL fetcher may connect to (tests narrow or widen it).
    fetch_allowed: Callable[[Address, int], bool] = public_address
    #: Settings file for the extraction pipeline (None: defaults and $BLOTTER_CONFIG).
    config_file: Any = None
    #: Seconds a write request waits for the store's writer lock before answering 503.
    write_wait_seconds: float = WRITE_WAIT_SECONDS


_bearer = HTTPBearer(auto_error=False, description="An API token: `blotter token create`.")
_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False,
                       description="The web app's session (writes also need X-CSRF-Token).")


def engine_of(request: Request) -> Engine:
    """The app's engine."""
    engine: Engine = request.app.state.engine
    return engine


async def db_session(request: Request) -> AsyncIterator[Session]:
    """A session for one request (made on the event loop: creating one does no I/O, and
    each sync dependency would cost a hop through the thread pool)."""
    with Session(engine_of(request)) as session:
        yield session


async def principal(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    cookie: Annotated[str | None, Depends(_cookie)],
) -> Principal | None:
    """Who is asking: a bearer token first, else the session cookie; None if neither.
    (One indexed lookup of about a millisecond, run on the event loop.)"""
    engine = engine_of(request)
    if bearer is not None:
        found = auth.token_principal(engine, bearer.credentials)
        if found is None:
            raise HTTPException(401, "unknown or revoked API token",
                                headers={"WWW-Authenticate": "Bearer"})
        return found
    if cookie:
        return auth.session_principal(engine, cookie)
    return None


def need(role: str, write: bool = False) -> Callable[..., Awaitable[Principal]]:
    """A dependency that admits *role* or stronger; writes through a session need CSRF."""

    async def check(request: Request,
                    who: Annotated[Principal | None, Depends(principal)]) -> Principal:
        if who is None:
            raise HTTPException(401, "sign in or send an API token",
                                headers={"WWW-Authenticate": "Bearer"})
        if not who.can(role):
            raise HTTPException(403, f"needs the {role} role (you are {who.role})")
        if write and not auth.csrf_ok(who, request.headers.get(CSRF_HEADER)):
            raise HTTPException(403, f"missing or wrong {CSRF_HEADER} header")
        return who

    return check


Viewer = Annotated[Principal, Depends(need("viewer"))]
Editor = Annotated[Principal, Depends(need("editor", write=True))]
Admin = Annotated[Principal, Depends(need("admin", write=True))]
DB = Annotated[Session, Depends(db_session)]
