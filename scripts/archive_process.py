"""Shared by scripts/crash-test, scripts/full-disk-test and bench/writes (python3 stdlib only):
one `archive-server serve` process on a loopback port it picks itself, HTTP requests to it, and
the two offline checks of its database file. Only the process started here is ever signalled.
"""
import http.client
import json
import os
import re
import signal
import sqlite3
import subprocess
import time

TOKEN = "durability-curator-token-0123456789"
LISTENING = re.compile(rb"listening on http://127\.0\.0\.1:(\d+)")


class Server:
    """`archive-server serve --db DB` with the curator `admin` (token TOKEN) on 127.0.0.1, port 0.

    The access log (stderr) goes to LOG; the "listening on" line in it gives the port."""

    def __init__(self, binary, db, log, extra=()):
        self.binary, self.db, self.log_path, self.extra = binary, db, log, list(extra)
        self.process = None
        self.port = None

    def spawn(self):
        env = dict(os.environ, ARCHIVE_ADMIN_TOKEN=TOKEN)
        env.pop("ARCHIVE_READ_ONLY", None)
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--db", self.db, "--host", "127.0.0.1", "--port", "0", "--log-format", "text", *self.extra],
            stdout=subprocess.DEVNULL, stderr=self.log, env=env)
        self.port = None

    def wait_ready(self, timeout=60.0):
        """The port once the server listens; raises if it exits or takes longer than `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.log_path, "rb") as f:
                match = LISTENING.search(f.read())
            if match:
                self.port = int(match.group(1))
                return self.port
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with status {self.process.returncode}: {self.tail()}")
            time.sleep(0.005)
        raise RuntimeError(f"the server did not listen within {timeout} s: {self.tail()}")

    def start(self, timeout=60.0):
        self.spawn()
        return self.wait_ready(timeout)

    def kill(self):
        """SIGKILL, then reap it."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self._reap()

    def stop(self):
        """SIGTERM (the server drains and closes the database), then reap it."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.send_signal(signal.SIGKILL)
        self._reap()

    def _reap(self):
        if self.process:
            self.process.wait()
            self.log.close()

    def tail(self, lines=5):
        try:
            with open(self.log_path, "rb") as f:
                return b" | ".join(f.read().splitlines()[-lines:]).decode(errors="replace")
        except OSError:
            return ""


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name.lower())

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None


def request(port, method, path, body=None, token=None, headers=None, timeout=10.0, connection=None):
    """One request; a Response, or an OSError/HTTPException when no whole answer came.

    With `connection` (an http.client.HTTPConnection) the request goes over it (keep-alive)."""
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        all_headers.setdefault("Content-Type", "application/merge-patch+json" if method == "PATCH" else "application/json")
    try:
        conn.request(method, path, body=data, headers=all_headers)
        answer = conn.getresponse()
        payload = answer.read()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, payload)
    finally:
        if connection is None:
            conn.close()


def wait_healthy(port, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/healthz", timeout=2).status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.02)
    raise RuntimeError("the server did not answer /healthz")


def archive_check(binary, db):
    """(passed, output) of `archive-server check --db DB`."""
    result = subprocess.run([binary, "check", "--db", db], capture_output=True, text=True)
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def integrity_check(db):
    """The rows of `PRAGMA integrity_check` (["ok"] when the file is sound), by Python's sqlite3."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()
