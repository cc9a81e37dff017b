"""Who may write: a bearer token when one is configured; loopback-only servers may go without."""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import Request

from eventcoder.serve.errors import ApiError
from eventcoder.settings import DEFAULTS

TOKEN_ENV = DEFAULTS.token_env


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_problem(host: str, token: str | None) -> str | None:
    """Why the server must not start on this host, or None when it may."""
    if token or is_loopback(host):
        return None
    return (
        f"refusing to serve on {host} without a token: anyone who can reach it could write "
        f"to the database; set {TOKEN_ENV} or pass --token, or bind to 127.0.0.1"
    )


def check_token(request: Request, token: str | None) -> None:
    """Raise a 401 unless the request carries ``Authorization: Bearer <token>``."""
    if not token:
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        return
    raise ApiError(
        401,
        "unauthorized",
        "this endpoint needs the server's token: send 'Authorization: Bearer <token>'"
        if not header
        else "wrong token",
        headers={"WWW-Authenticate": "Bearer"},
    )
