"""Accounts: argon2 passwords, API tokens stored as SHA-256, web sessions with CSRF tokens.

API tokens and session cookies are 256-bit random secrets, so a plain SHA-256
of them is enough to store (a slow KDF protects guessable passwords, not random
keys) and lets a request be authenticated with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from blotter.server.models import ROLES, ApiToken, User, WebSession
from blotter.server.protect import utcnow
from blotter.server.writes import StoreBusy, server_write

#: Prefix of every API token, so a leaked one is recognisable in logs and scanners.
TOKEN_PREFIX = "blt_"
#: Bytes of randomness in tokens, session ids and CSRF tokens (256 bits).
SECRET_BYTES = 32
#: How long a web session lasts without signing in again.
SESSION_LIFETIME = timedelta(hours=12)
#: A token's last use is written at most this often: one write per request would make
#: every read a write and serialise concurrent readers on SQLite.
LAST_USED_RESOLUTION = timedelta(minutes=5)
#: Lock wait of the last-use stamp: none. It is bookkeeping on a read request, which
#: must not queue behind an ingest batch; a stamp skipped now is written next time.
TOUCH_WAIT_MS = 0
#: Shortest password accepted (NIST SP 800-63B's minimum).
MIN_PASSWORD_CHARS = 8
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")

_hasher = PasswordHasher()


class AccountError(ValueError):
    """A bad account request (unknown role, short password); shown as is."""


class UserExists(AccountError):
    """The user name is taken."""


class NoSuchUser(AccountError):
    """No active user of that name."""


@dataclass(frozen=True)
class Principal:
    """Who is making a request, and how they proved it."""

    user_id: int
    username: str
    role: str
    via: str  # "token" | "session"
    csrf: str | None = None

    def can(self, role: str) -> bool:
        """True if this principal has at least *role*."""
        return ROLES.index(self.role) >= ROLES.index(role)


def digest(secret: str) -> str:
    """SHA-256 hex of a random secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    """An argon2id hash of *password*."""
    return _hasher.hash(password)


def check_password(stored: str, password: str) -> bool:
    """True if *password* matches the stored argon2 hash."""
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone columns: read them as UTC."""
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)


def add_user(engine: Engine, username: str, password: str, role: str) -> int:
    """Create a user; return its id. Raises ``AccountError`` on a bad request."""
    username = username.strip().lower()
    if not username or not set(username) <= USERNAME_CHARS or len(username) > 80:
        raise AccountError("user names are 1-80 of a-z, 0-9, '.', '_' and '-'")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"passwords need at least {MIN_PASSWORD_CHARS} characters")
    password_hash = hash_password(password)  # slow on purpose: outside the writer lock
    with server_write(engine) as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise UserExists(f"user {username!r} exists already")
        user = User(username=username, password_hash=password_hash, role=role,
                    active=True, created=utcnow())
        session.add(user)
        session.flush()
        return user.id


def list_users(engine: Engine) -> list[User]:
    """Every user, by id."""
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(select(User).order_by(User.id)))


def create_token(engine: Engine, username: str, name: str) -> tuple[int, str]:
    """A new API token for *username*: (token id, the secret, shown once)."""
    with server_write(engine) as session:
        user = session.scalars(select(User).where(User.username == username.lower())).first()
        if user is None or not user.active:
            raise NoSuchUser(f"no active user {username!r}")
        secret = TOKEN_PREFIX + secrets.token_urlsafe(SECRET_BYTES)
        token = ApiToken(user_id=user.id, name=name[:120] or "token", token_hash=digest(secret),
                         prefix=secret[:10], created=utcnow())
        session.add(token)
        session.flush()
        return token.id, secret


def revoke_token(engine: Engine, token_id: int) -> bool:
    """Revoke a token; False if there is no such live token."""
    with server_write(engine) as session:
        token = session.get(ApiToken, token_id)
        if token is None or token.revoked is not None:
            return False
        token.revoked = utcnow()
        return True


def token_principal(engine: Engine, secret: str) -> Principal | None:
    """The principal of a bearer token, or None if unknown, revoked or its user inactive.
    A read; the token's last use is stamped (at most every ``LAST_USED_RESOLUTION``) in a
    write of its own that gives up at once when the store is busy."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    with Session(engine) as session:
        row = session.execute(
            select(ApiToken.id, ApiToken.revoked, ApiToken.last_used, User)
            .join(User, User.id == ApiToken.user_id)
            .where(ApiToken.token_hash == digest(secret))
        ).first()
        if row is None:
            return None
        token_id, revoked, last_used, user = row
        if revoked is not None or not user.active:
            return None
        found = Principal(user.id, user.username, user.role, "token")
    now = utcnow()
    if last_used is None or _aware(last_used) < now - LAST_USED_RESOLUTION:
        try:
            with server_write(engine, wait_ms=TOUCH_WAIT_MS) as session:
                session.execute(update(ApiToken).where(ApiToken.id == token_id)
                                .values(last_used=now))
        except StoreBusy:
            pass  # bookkeeping only: stamped on a later request
    return found


def login(engine: Engine, username: str, password: str) -> tuple[str, str, Principal] | None:
    """Check a password; on success open a session: (cookie secret, CSRF token, principal).
    The password is checked (slow by design) before the writer lock is taken."""
    with Session(engine) as session:
        user = session.scalars(select(User).where(User.username == username.lower())).first()
        if user is None:
            check_password(_DUMMY_HASH, password)  # same work either way: no user probing
            return None
        if not user.active or not check_password(user.password_hash, password):
            return None
        who = Principal(user.id, user.username, user.role, "session")
    now = utcnow()
    cookie, csrf = secrets.token_urlsafe(SECRET_BYTES), secrets.token_urlsafe(SECRET_BYTES)
    with server_write(engine) as session:
        session.execute(delete(WebSession).where(WebSession.expires < now))
        session.add(WebSession(id=digest(cookie), user_id=who.user_id, csrf=csrf, created=now,
                               expires=now + SESSION_LIFETIME))
    return cookie, csrf, Principal(who.user_id, who.username, who.role, "session", csrf)


def session_principal(engine: Engine, cookie: str) -> Principal | None:
    """The principal of a live session cookie, or None."""
    with Session(engine) as session:
        row = session.execute(
            select(WebSession, User).join(User, User.id == WebSession.user_id)
            .where(WebSession.id == digest(cookie))
        ).first()
        if row is None:
            return None
        web, user = row
        if _aware(web.expires) < utcnow() or not user.active:
            return None
        return Principal(user.id, user.username, user.role, "session", web.csrf)


def logout(engine: Engine, cookie: str) -> None:
    """End a session."""
    with server_write(engine) as session:
        session.execute(delete(WebSession).where(WebSession.id == digest(cookie)))


def csrf_ok(principal: Principal, header: str | None) -> bool:
    """A session's write carries its CSRF token (constant-time compare); tokens need none."""
    if principal.via == "token":
        return True
    return bool(header) and principal.csrf is not None and hmac.compare_digest(
        principal.csrf, header or ""
    )


_DUMMY_HASH = _hasher.hash("not-a-password-of-anyone")
