"""Load test of `eventcoder serve`: concurrent clients mixing event queries and coding posts.

    python bench/load.py [--seconds 60] [--clients 50] [--code-every 10] [--copies 100]

Builds a database in a temporary folder (the sample articles ingested by the store, plus
``--copies`` date-shifted copies of their stored rows written through ``Store.write_batch``
for a larger events table), starts ``eventcoder serve`` on a free 127.0.0.1 port, and runs
``--clients`` closed-loop clients for ``--seconds``: each sends, in turn, GET /v1/events with
varied filters (country, actor prefix, CAMEO root, date range, page size, sometimes the next
page), GET /v1/stats one time in 20 and POST /v1/code (a sample article) one time in
``--code-every``; ``--think S`` adds a random pause (mean S seconds) before each request
(default 0: every client sends as fast as it is answered). Prints requests/s, p50/p90/p99/max
latency per endpoint, and errors.

A 503 "busy" (the server's bounded coding queue shedding load) is counted apart from errors,
and the client waits as its Retry-After says. Target: zero errors, p99 of event queries
under 200 ms. Only traffic to 127.0.0.1; the run
stops by itself. Run it with `nice` on a shared machine; figures from a loaded machine say
little (the load average is printed).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles.jsonl"

COUNTRIES = ("NER", "NGA", "MLI", "BFA", "SEN", "TUN", "CMR", "RWA", "ZAF", "FRA", "USA", "COD")
ACTORS = ("NER", "NERMIL", "IGO", "IGOWAFWAS", "NGAGOV", "FRA", "USA", "MLIMIL", "TUNGOV")
ROOTS = ("01", "04", "05", "10", "11", "12", "13", "14", "17", "18", "19")


def build_database(folder: Path, copies: int) -> tuple[Path, int]:
    """The samples ingested, then ``copies`` date-shifted replicas of their stored rows."""
    from eventcoder import Coder
    from eventcoder.read import ReaderOptions, read_paths
    from eventcoder.store import LocalBatchCoder, Store, ingest
    from eventcoder.store.rows import ArticleRows
    from eventcoder.store.schema import (
        ACTOR_COLUMNS,
        ARTICLE_COLUMNS,
        MENTION_COLUMNS,
        PLACE_COLUMNS,
        QUOTE_COLUMNS,
        column_names,
    )

    path = folder / "load.duckdb"
    with Store(path) as store:
        ingest(read_paths([str(SAMPLES)], ReaderOptions()), store, LocalBatchCoder(Coder()))
        tables: dict[str, list[tuple[Any, ...]]] = {}
        for name, columns in (
            ("articles", ARTICLE_COLUMNS),
            ("mentions", MENTION_COLUMNS),
            ("actors", ACTOR_COLUMNS),
            ("places", PLACE_COLUMNS),
            ("quotes", QUOTE_COLUMNS),
        ):
            order = " ORDER BY seq" if name != "articles" else ""
            tables[name] = store.query(
                f"SELECT {', '.join(column_names(columns))} FROM {name}{order}"
            )
        by_article: dict[str, dict[str, list[tuple[Any, ...]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for name in ("actors", "places", "quotes"):
            for row in tables[name]:
                by_article[str(row[0])][name].append(tuple(row))
        for row in tables["mentions"]:
            by_article[str(row[1])]["mentions"].append(tuple(row))

        def shift(value: Any, days: int) -> Any:
            return value + dt.timedelta(days=days) if isinstance(value, dt.date) else value

        def shift_text(value: Any, days: int) -> Any:
            if isinstance(value, str) and len(value) == 10:
                return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
            return value

        for copy in range(1, copies + 1):
            batch = []
            for article in tables["articles"]:
                old_id = str(article[0])
                new_id = f"{old_id}~{copy}"
                rows = by_article[old_id]
                days = 7 * copy  # each copy a week later: new dates, so new events
                mentions = tuple(
                    (
                        f"{r[0]}~{copy}",
                        new_id,
                        *r[2:3],
                        shift(r[3], days) if r[4] is None or len(r[4]) == 10 else r[3],
                        shift_text(r[4], days),
                        *r[5:],
                    )
                    for r in rows["mentions"]
                )
                batch.append(
                    ArticleRows(
                        new_id,
                        str(article[6]),
                        (new_id, *article[1:5], shift(article[5], days), *article[6:]),
                        mentions,
                        tuple((new_id, *r[1:]) for r in rows["actors"]),
                        tuple((new_id, *r[1:]) for r in rows["places"]),
                        tuple((new_id, *r[1:]) for r in rows["quotes"]),
                    )
                )
            store.write_batch(batch)
        store.con.execute("CHECKPOINT")
        events = store.count("events")
    return path, events


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable, "-m", "eventcoder.cli", "serve", "--db", str(db),
            "--port", str(port), "--log-level", "warning",
        ],
        cwd=REPO,
    )  # fmt: skip


def wait_ready(url: str, server: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited with status {server.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit("server did not start")


def event_params(rng: random.Random, first: dt.date, last: dt.date) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": rng.choice((20, 50, 100))}
    choice = rng.random()
    if choice < 0.35:
        params["country"] = rng.choice(COUNTRIES)
    elif choice < 0.55:
        params["actor"] = rng.choice(ACTORS)
    elif choice < 0.75:
        params["cameo"] = rng.choice(ROOTS)
    if rng.random() < 0.5:
        span = max(1, (last - first).days)
        start = first + dt.timedelta(days=rng.randrange(span))
        params["since"] = start.isoformat()
        params["until"] = (start + dt.timedelta(days=rng.choice((7, 30, 90, 365)))).isoformat()
    return params


async def client_loop(
    client: httpx.AsyncClient,
    seed: int,
    stop_at: float,
    code_every: int,
    articles: list[dict[str, Any]],
    first: dt.date,
    last: dt.date,
    timings: dict[str, list[float]],
    errors: Counter[str],
    shed: Counter[str],
    think: float,
) -> None:
    rng = random.Random(seed)
    turn = rng.randrange(code_every)
    while time.perf_counter() < stop_at:
        if think > 0:
            await asyncio.sleep(rng.expovariate(1 / think))
        turn += 1
        if turn % code_every == 0:
            record = rng.choice(articles)
            kind, method, url = "POST /v1/code", "POST", "/v1/code"
            kwargs: dict[str, Any] = {
                "json": {"text": record["text"], "date": record.get("date"), "id": record["id"]}
            }
        elif turn % 20 == 1:
            kind, method, url = "GET /v1/stats", "GET", "/v1/stats"
            params = event_params(rng, first, last)
            params.pop("limit")
            kwargs = {"params": params}
        else:
            kind, method, url = "GET /v1/events", "GET", "/v1/events"
            kwargs = {"params": event_params(rng, first, last)}
        started = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)
            elapsed = time.perf_counter() - started
            if response.status_code == 503 and "retry-after" in response.headers:
                # Load shed by the server's bounded coding queue: a well-behaved client
                # waits as told before its next request. Counted apart from errors.
                shed[kind] += 1
                await asyncio.sleep(float(response.headers["retry-after"]))
                continue
            if response.status_code != 200:
                errors[f"{kind}: HTTP {response.status_code}"] += 1
                continue
            timings[kind].append(elapsed)
            if kind == "GET /v1/events" and response.json()["next_cursor"] and rng.random() < 0.2:
                params = {**kwargs["params"], "cursor": response.json()["next_cursor"]}
                started = time.perf_counter()
                page = await client.get("/v1/events", params=params)
                if page.status_code == 200:
                    timings["GET /v1/events"].append(time.perf_counter() - started)
                else:
                    errors[f"GET /v1/events (next page): HTTP {page.status_code}"] += 1
        except httpx.HTTPError as exc:
            errors[f"{kind}: {type(exc).__name__}"] += 1


async def run_load(
    url: str,
    clients: int,
    seconds: float,
    code_every: int,
    think: float,
    first: dt.date,
    last: dt.date,
) -> tuple[dict[str, list[float]], Counter[str], Counter[str], float]:
    articles = [json.loads(line) for line in SAMPLES.read_text().splitlines() if line.strip()]
    timings: dict[str, list[float]] = defaultdict(list)
    errors: Counter[str] = Counter()
    shed: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        started = time.perf_counter()
        stop_at = started + seconds
        await asyncio.gather(
            *(
                client_loop(
                    client,
                    i,
                    stop_at,
                    code_every,
                    articles,
                    first,
                    last,
                    timings,
                    errors,
                    shed,
                    think,
                )
                for i in range(clients)
            )
        )
        wall = time.perf_counter() - started
    return timings, errors, shed, wall


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU time (user + system) of the server process and of its children (the coder)."""
    import psutil

    server = psutil.Process(pid)
    own = server.cpu_times()
    children = 0.0
    for child in server.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            times = child.cpu_times()
            children += times.user + times.system
    return own.user + own.system, children


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--code-every", type=int, default=10, help="1 request in N is /v1/code")
    parser.add_argument("--copies", type=int, default=100, help="date-shifted copies of samples")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause (s) between a client's requests"
    )
    parser.add_argument("--db", type=Path, help="use this database instead of building one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="eventcoder-load-") as tmp:
        if args.db is not None:
            db, events = args.db, -1
        else:
            print(f"building database ({args.copies} copies of the samples)...", flush=True)
            built = time.perf_counter()
            db, events = build_database(Path(tmp), args.copies)
            print(f"  {events:,} events in {time.perf_counter() - built:.0f} s", flush=True)
        from eventcoder.store import Store

        with Store(db, read_only=True) as store:
            first, last = store.query("SELECT min(date), max(date) FROM events")[0]
            events = store.count("events")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = start_server(db, port)
        try:
            wait_ready(url, server)
            for _ in range(3):  # warm the caches and the model
                httpx.post(f"{url}/v1/code", json={"text": "ECOWAS met in Abuja."}, timeout=60)
                httpx.get(f"{url}/v1/stats", timeout=60)
            print(
                f"load: {args.clients} clients for {args.seconds:.0f} s against {url} "
                f"({events:,} events; 1 request in {args.code_every} is /v1/code; "
                f"think time {args.think:g} s)",
                flush=True,
            )
            load_before = os.getloadavg()
            cpu_before = cpu_seconds(server.pid)
            timings, errors, shed, wall = asyncio.run(
                run_load(url, args.clients, args.seconds, args.code_every, args.think, first, last)
            )
            load_after = os.getloadavg()
            cpu_after = cpu_seconds(server.pid)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    total = sum(len(v) for v in timings.values())
    failed = sum(errors.values())
    print(
        f"\n{total:,} requests answered in {wall:.1f} s: {total / wall:.1f} requests/s, "
        f"{failed} errors, {sum(shed.values())} shed (503 busy, retried after Retry-After)"
    )
    print(f"{'endpoint':<18} {'count':>7} {'req/s':>7} {'p50 ms':>8} {'p90 ms':>8} "
          f"{'p99 ms':>8} {'max ms':>8}")  # fmt: skip
    for kind in sorted(timings):
        values = timings[kind]
        print(
            f"{kind:<18} {len(values):>7,} {len(values) / wall:>7.1f} "
            f"{1000 * statistics.median(values):>8.1f} {1000 * percentile(values, 0.9):>8.1f} "
            f"{1000 * percentile(values, 0.99):>8.1f} {1000 * max(values):>8.1f}"
        )
    for what, count in errors.most_common():
        print(f"error: {what}: {count}")
    for what, count in shed.most_common():
        print(f"shed: {what}: {count}")
    server_cpu = cpu_after[0] - cpu_before[0]
    coder_cpu = cpu_after[1] - cpu_before[1]
    queries = sum(len(v) for k, v in timings.items() if k.startswith("GET"))
    print(
        f"server process CPU: {server_cpu:.1f} s ({1000 * server_cpu / max(1, total):.1f} ms per "
        f"answered request, {100 * server_cpu / wall:.0f}% of a core); coding process CPU: "
        f"{coder_cpu:.1f} s ({100 * coder_cpu / wall:.0f}% of a core); {queries:,} GET requests"
    )
    print(
        f"load average before/after: {load_before[0]:.1f} / {load_after[0]:.1f} "
        f"({os.cpu_count()} CPUs)"
    )
    events_p99 = percentile(timings["GET /v1/events"], 0.99) if timings["GET /v1/events"] else 0
    verdict = "met" if failed == 0 and events_p99 < 0.2 else "NOT met"
    print(f"target (zero errors, /v1/events p99 < 200 ms): {verdict}")


if __name__ == "__main__":
    main()
