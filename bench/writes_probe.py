#!/usr/bin/env python3
"""The two Python parts of bench/writes (stdlib only, loopback only):

  writes_probe.py background --port P --seconds S [--rows N]
      one curator write a second (PATCH of a random document's notes) for S seconds;
      prints "BACKGROUND writes=.. ok=.."
  writes_probe.py visibility --port P [--writes 50] [--rows N]
      for each write: a reader GETs a random document (so the answer is cached), a curator PATCHes
      it, and from the write's 2xx the reader polls GET over its own keep-alive connection until
      the ETag is the one the write answered. Prints "VISIBILITY writes=.. p50_ms=.. p99_ms=..
      stale_after_ack=.. get_p50_ms=.." (get_p50_ms: a plain GET's round trip, for scale).
"""
import argparse
import http.client
import os
import random
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from archive_process import TOKEN, request  # noqa: E402


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def background(port, seconds, rows):
    rng = random.Random(7)
    ok = n = 0
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        n += 1
        id = f"doc-{rng.randint(1, rows):06d}"
        answer = request(port, "PATCH", f"/v1/documents/{id}", body={"notes": f"background write {n} (synthetic)"},
                         token=TOKEN, headers={"X-Edit-Summary": "bench/writes background"})
        ok += 200 <= answer.status < 300
        time.sleep(max(0.0, start + n - time.monotonic()))
    print(f"BACKGROUND writes={n} ok={ok}")


def visibility(port, writes, rows):
    rng = random.Random(11)
    reader = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    writer = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    delays, gets, stale = [], [], 0
    for n in range(writes):
        path = f"/v1/documents/doc-{rng.randint(1, rows):06d}"
        t = time.perf_counter()
        before = request(port, "GET", path, connection=reader)
        gets.append(time.perf_counter() - t)
        answer = request(port, "PATCH", path, body={"notes": f"visibility write {n} (synthetic)"}, token=TOKEN,
                         headers={"X-Edit-Summary": "bench/writes visibility"}, connection=writer)
        acked = time.perf_counter()
        if not 200 <= answer.status < 300:
            sys.exit(f"visibility: PATCH {path} answered {answer.status}")
        etag = answer.header("etag")
        if etag == before.header("etag"):
            sys.exit(f"visibility: PATCH {path} kept the ETag")
        while True:
            seen = request(port, "GET", path, connection=reader)
            if seen.header("etag") == etag:
                delays.append(time.perf_counter() - acked)
                break
            stale += 1
            if time.perf_counter() - acked > 5:
                sys.exit(f"visibility: {path} still old 5 s after the write's 2xx")
        time.sleep(0.05)
    ms = [d * 1000 for d in delays]
    print(f"VISIBILITY writes={len(ms)} p50_ms={percentile(ms, 50):.3f} p99_ms={percentile(ms, 99):.3f} "
          f"max_ms={max(ms):.3f} stale_after_ack={stale} get_p50_ms={percentile([g * 1000 for g in gets], 50):.3f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["background", "visibility"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--writes", type=int, default=50)
    parser.add_argument("--rows", type=int, default=10000)
    args = parser.parse_args()
    if args.what == "background":
        background(args.port, args.seconds, args.rows)
    else:
        visibility(args.port, args.writes, args.rows)


if __name__ == "__main__":
    main()
