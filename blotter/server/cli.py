"""``blotter serve``, ``blotter user add|list`` and ``blotter token create|revoke``.

Registered on the main CLI by ``register``; FastAPI and uvicorn load only when serving.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from blotter.server import WRITE_WAIT_SECONDS
from blotter.settings import load_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

user_app = typer.Typer(help="Workbench users (viewer, editor, admin).", no_args_is_help=True)
token_app = typer.Typer(help="API tokens (stored hashed; shown once).", no_args_is_help=True)

DbOpt = Annotated[str | None, typer.Option("--db", help="Database URL (default: the "
                                                         "database_url setting).")]
#: Seconds uvicorn's supervisor waits for a worker to answer its health ping before
#: killing it (uvicorn's default, 5 s, killed busy workers with all their requests in
#: flight on a loaded 2-core machine during the 1,000,000-event benchmark).
WORKER_HEALTHCHECK_SECONDS = 60
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML settings file.")]


def _engine(db: str | None, config: Path | None) -> Engine:
    """The migrated store."""
    from blotter.store.database import StoreError, open_engine

    try:
        return open_engine(db or load_settings(config)["database_url"])
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc


def serve(
    db: DbOpt = None,
    config: ConfigOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    allow_fetch: Annotated[bool, typer.Option(
        "--allow-fetch", help="Let editors ingest URLs (public addresses only).")] = False,
    cors_origin: Annotated[list[str] | None, typer.Option(
        "--cors-origin", help="Browser origin allowed to call the API (repeatable).")] = None,
    tile_url: Annotated[str, typer.Option(
        help="Map tiles for online use, e.g. https://tile.example.org/{z}/{x}/{y}.png")] = "",
    secure_cookies: Annotated[bool, typer.Option(
        "--secure-cookies", help="Session cookie only over HTTPS.")] = False,
    workers: Annotated[int, typer.Option(
        min=1, help="Server processes (one per core serves most requests).")] = 1,
    write_wait: Annotated[float, typer.Option(
        "--write-wait", min=0.0, help="Seconds a write waits for the store's writer lock "
        "(held by an ingest batch) before answering 503 with Retry-After.")] = WRITE_WAIT_SECONDS,
) -> None:
    """Run the workbench (API and web app) on the store."""
    import json
    import os

    import uvicorn

    from blotter.server.app import CONFIG_ENV, create_app
    from blotter.server.deps import ServerConfig
    from blotter.store.database import StoreError

    url = db or load_settings(config)["database_url"]
    options: dict[str, Any] = {
        "db_url": url, "cors_origins": list(cors_origin or []), "tile_url": tile_url,
        "secure_cookies": secure_cookies, "allow_fetch": allow_fetch,
        "config_file": str(config) if config else None, "write_wait_seconds": write_wait,
    }
    try:
        app = create_app(ServerConfig(**options))  # migrates the store once, up front
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc
    typer.echo(f"Blotter workbench on http://{host}:{port}/  (API: /api/openapi.json)",
               err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    app.state.engine.dispose()
    os.environ[CONFIG_ENV] = json.dumps(options)
    uvicorn.run("blotter.server.app:app_from_env", factory=True, workers=workers, host=host,
                port=port, log_level="warning",
                timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS)


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="User name (a-z, 0-9, . _ -).")],
    role: Annotated[str, typer.Option(help="viewer, editor or admin.")] = "viewer",
    password: Annotated[str, typer.Option(
        prompt=True, hide_input=True, confirmation_prompt=True,
        help="Password (asked when not given).")] = "",
    exist_ok: Annotated[bool, typer.Option(
        "--exist-ok", help="No error when the user exists already.")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Create a user."""
    from blotter.server.auth import AccountError, add_user, list_users

    engine = _engine(db, config)
    try:
        if exist_ok and any(u.username == username.lower() for u in list_users(engine)):
            typer.echo(f"user {username} exists", err=True)
            return
        user_id = add_user(engine, username, password, role)
    except AccountError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        engine.dispose()
    typer.echo(f"user {username.lower()} ({role}) created, id {user_id}", err=True)


@user_app.command("list")
def user_list(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """List users and roles."""
    from blotter.server.auth import list_users

    engine = _engine(db, config)
    for u in list_users(engine):
        typer.echo(f"{u.id}\t{u.username}\t{u.role}\t{'active' if u.active else 'inactive'}")
    engine.dispose()


@token_app.command("create")
def token_create(
    username: Annotated[str, typer.Argument(help="Whose token.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Create an API token; prints the secret once (only its hash is stored)."""
    from blotter.server.auth import AccountError, create_token

    engine = _engine(db, config)
    try:
        token_id, secret = create_token(engine, username, name)
    except AccountError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        engine.dispose()
    typer.echo(secret)
    typer.echo(f"token {token_id} for {username}; send it as 'Authorization: Bearer <token>'",
               err=True)


@token_app.command("revoke")
def token_revoke(token_id: Annotated[int, typer.Argument()], db: DbOpt = None,
                 config: ConfigOpt = None) -> None:
    """Revoke an API token by id."""
    from blotter.server.auth import revoke_token

    engine = _engine(db, config)
    ok = revoke_token(engine, token_id)
    engine.dispose()
    if not ok:
        typer.echo(f"error: no live token {token_id}", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the workbench commands to the main CLI."""
    app.command()(serve)
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
