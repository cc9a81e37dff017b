"""`eventcoder serve` as a real process: after `kill -9` of the server in the middle of a
POST /v1/articles, its coding process and the multiprocessing resource tracker exit within a
few seconds, and a new server starts at once on the same port and database."""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import psutil
import pytest

from tests.bad_inputs.corpus import OTHER, STORY

# Real server processes, each loading the model: the slow tier.
pytestmark = pytest.mark.slow

STARTUP_SECONDS = 180  # the model loads in the coding process (slow on a busy 2-core machine)
EXIT_SECONDS = 5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "eventcoder.cli", "serve", "--db", str(db)]
    command += ["--port", str(port), "--log-level", "warning"]
    with log.open("ab") as sink:
        return subprocess.Popen(command, stdout=sink, stderr=sink, start_new_session=True)


def _wait_healthy(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(errors="replace")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"no /healthz within {STARTUP_SECONDS} s: {log.read_text()}")


def _post(port: int, articles: list[dict[str, str]]) -> httpx.Response:
    return httpx.post(
        f"http://127.0.0.1:{port}/v1/articles",
        content=json.dumps({"articles": articles}),
        headers={"content-type": "application/json"},
        timeout=120,
    )


def test_kill_9_leaves_no_process_behind_and_a_restart_works_at_once(tmp_path: Path) -> None:
    db, log, port = tmp_path / "events.duckdb", tmp_path / "serve.log", _free_port()
    server = _start(db, port, log)
    try:
        _wait_healthy(port, server, log)
        first = _post(port, [{"id": "a1", "text": STORY, "date": "2023-07-28"}])
        assert first.status_code == 200 and first.json()["new"] == 1
        children = psutil.Process(server.pid).children(recursive=True)
        commands = [" ".join(child.cmdline()) for child in children]
        assert any("multiprocessing" in c for c in commands), commands  # the coding process

        # kill -9 while a POST is being coded (a long article keeps the worker busy)
        long_text = "\n\n".join([STORY, OTHER] * 300)
        threading.Thread(
            target=lambda: _swallow(lambda: _post(port, [{"id": "long", "text": long_text}])),
            daemon=True,
        ).start()
        time.sleep(1.0)
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        _, alive = psutil.wait_procs(children, timeout=EXIT_SECONDS)
        assert not alive, [" ".join(p.cmdline()) for p in alive]
    finally:
        if server.poll() is None:
            server.kill()

    # The port and the database are free at once: a new server starts and answers.
    again = _start(db, port, log)
    try:
        _wait_healthy(port, again, log)
        assert httpx.get(f"http://127.0.0.1:{port}/v1/articles/a1", timeout=10).status_code == 200
        children = psutil.Process(again.pid).children(recursive=True)
    finally:
        again.send_signal(signal.SIGTERM)
        again.wait(timeout=60)
    _, alive = psutil.wait_procs(children, timeout=EXIT_SECONDS)
    assert not alive
    assert "Traceback" not in log.read_text(errors="replace")


def _swallow(call: Callable[[], object]) -> None:
    with contextlib.suppress(httpx.HTTPError):  # the server is killed under it: the point
        call()
