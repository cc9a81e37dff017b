"""``GET /v1/events`` (filtered pages, JSON or CSV) and ``GET /v1/events/{id}`` (one event
with every mention). The filter parameters are the ``eventcoder events`` options, declared
with the store's rules (so the OpenAPI document states them) and built by
``EventFilter.parse``."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse

from eventcoder.serve.errors import ApiError
from eventcoder.serve.state import RuntimeDep
from eventcoder.store.mentions import Mention, mentions_of
from eventcoder.store.query import (
    CAMEO_PATTERN,
    CODE_MAX_LENGTH,
    COUNTRY_PATTERN,
    LANGUAGE_PATTERN,
    MIN_SOURCES_MAX,
    Cursor,
    EventFilter,
    Factuality,
    event_page,
    event_record,
    find_event,
    write_events_csv,
)

router = APIRouter(tags=["events"])
EVENT_ID_MAX = 2**63 - 1  # event ids are positive 63-bit integers (store.dedup.event_id)

# `GET /v1/events/{id}` shows every field of store.mentions' shape but the event id (it is
# the event's), with the evidence span named as in the contract's records.
API_MENTION_NAMES = {"start_char": "start", "end_char": "end"}


def mention_json(mention: Mention) -> dict[str, Any]:
    return {API_MENTION_NAMES.get(k, k): v for k, v in mention.items() if k != "event_id"}


def event_filter(
    country: Annotated[
        str | None,
        Query(
            pattern=COUNTRY_PATTERN,
            description="ISO 3166 alpha-3 of the source actor, the target actor or the place.",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=CODE_MAX_LENGTH,
            description="Actor code prefix of either side (NER, NERMIL, IGO).",
        ),
    ] = None,
    source: Annotated[
        str | None, Query(max_length=CODE_MAX_LENGTH, description="Source actor code prefix.")
    ] = None,
    target: Annotated[
        str | None, Query(max_length=CODE_MAX_LENGTH, description="Target actor code prefix.")
    ] = None,
    cameo: Annotated[
        str | None,
        Query(pattern=CAMEO_PATTERN, description="CAMEO code prefix: a root (17) or code (173)."),
    ] = None,
    since: Annotated[dt.date | None, Query(description="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[dt.date | None, Query(description="Last event date, YYYY-MM-DD.")] = None,
    factuality: Annotated[
        Factuality | None,
        Query(description="Only events with this factuality."),
    ] = None,
    min_sources: Annotated[
        int | None,
        Query(ge=1, le=MIN_SOURCES_MAX, description="Only events reported by at least N outlets."),
    ] = None,
    language: Annotated[
        str | None,
        Query(
            pattern=LANGUAGE_PATTERN,
            description="Only events reported in an article in this language (en, fr).",
        ),
    ] = None,
) -> EventFilter:
    """The ``eventcoder events`` filters; all combine with AND."""
    return EventFilter.parse(
        country=country,
        actor=actor,
        source=source,
        target=target,
        cameo=cameo,
        since=since,
        until=until,
        factuality=factuality,
        min_sources=min_sources,
        language=language,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


def event_json(values: Iterable[Any]) -> dict[str, Any]:
    """An events row as JSON; ``event_id`` as a string (63-bit ids do not fit the 53-bit
    integers of JavaScript)."""
    record = event_record(values)
    record["event_id"] = str(record["event_id"])
    return record


@router.get(
    "/v1/events",
    summary="Query de-duplicated events, a page at a time",
    description=(
        "Ordered by date then event id. JSON: `{events, count, next_cursor}`; pass "
        "`next_cursor` back as `cursor` for the next page (null on the last). CSV: the "
        "events columns, the next cursor in the `X-Next-Cursor` header."
    ),
    response_model=None,
)
def list_events(
    flt: Filter,
    runtime: RuntimeDep,
    limit: Annotated[
        int, Query(ge=1, description="Events per page (at most max_page, 10,000).")
    ] = 100,
    cursor: Annotated[
        str | None, Query(max_length=200, description="`next_cursor` of the last page.")
    ] = None,
    fmt: Annotated[
        Literal["json", "csv"], Query(alias="format", description="json or csv.")
    ] = "json",
) -> Response:
    max_page = runtime.limits.max_page
    if limit > max_page:
        raise ApiError(
            422,
            "limit_too_large",
            f"limit: {limit:,} events per page; the limit is {max_page:,} (max_page)",
            limit=max_page,
        )
    after = Cursor.decode(cursor) if cursor else None
    page = event_page(runtime.db().cursor(), flt, limit, after)
    if fmt == "csv":
        out = io.StringIO()
        write_events_csv(page.rows, out)
        headers = {"X-Next-Cursor": page.next_cursor} if page.next_cursor else {}
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    return JSONResponse(
        {
            "events": [event_json(row) for row in page.rows],
            "count": len(page.rows),
            "next_cursor": page.next_cursor,
        }
    )


@router.get("/v1/events/{event_id}", summary="One event with every mention and its evidence")
def get_event(
    event_id: Annotated[
        int, PathParam(ge=0, le=EVENT_ID_MAX, description="The event id (a 63-bit integer).")
    ],
    runtime: RuntimeDep,
) -> JSONResponse:
    con = runtime.db().cursor()
    event = find_event(con, event_id)
    if event is None:
        raise ApiError(404, "event_not_found", f"no event {event_id}")
    event["event_id"] = str(event["event_id"])
    found = mentions_of(con, [event_id]).get(event_id, [])
    event["mentions"] = [mention_json(m) for m in found]
    return JSONResponse(event)
