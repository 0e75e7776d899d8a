#!/usr/bin/env python3
"""Scale measurements of archive-server on the synthetic archive (run by bench/scale).

    python3 bench/scale.py --bin BIN --work DIR [--documents 100000] [--seed 1941] [--port 8093]

Import time and peak RSS (/usr/bin/time -v), database size, time to create the database
from the embedded archive and to answer after a start on an existing one, idle RSS, wrk
loads (page 1 vs page 1,000 of /v1/documents, search, timeline, a document by id), peak RSS
while streaming the whole collection as CSV, and RSS with 1,000 idle connections open.
Prints markdown tables. Only 127.0.0.1 is a target; every load is bounded by wrk's -d.
Only the servers this script starts are stopped (by their PID).
"""
import argparse
import http.client
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("SHARED_BENCH") or os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench"))
WORD = os.environ.get("SCALE_WORD", "echelon")


def kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def mib(k):
    return f"{k / 1024:.1f}"


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))


class Server:
    def __init__(self, args, db, log_name, extra=(), bin=None, env=None):
        self.args, self.db, self.extra, self.bin, self.env = args, db, list(extra), bin or args.bin, env
        self.log = open(os.path.join(args.work, log_name), "wb")
        self.proc = None

    def start(self, ready_path="/healthz", timeout=120):
        """Starts the server; returns ms from spawn to the first 200 on ready_path."""
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            [self.bin, "serve", "--db", self.db, "--port", str(self.args.port), "--log-format", "none"] + self.extra,
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, preexec_fn=raise_nofile,
            env=dict(os.environ, **(self.env or {})))
        return wait_until_ready(self, "server", self.args.port, ready_path, t0, timeout, self.log.name)

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


class Peer:
    """Another server of ../shared/bench (Hummingbird + GRDB, nginx) started like all.sh starts it."""
    def __init__(self, work, name, cmd, port, ready_path, cwd=None):
        self.name, self.cmd, self.port, self.ready_path, self.cwd = name, cmd, port, ready_path, cwd
        self.log = open(os.path.join(work, f"peer-{name}.log"), "wb")
        self.proc = None

    def start(self, ready_path=None, timeout=60):
        """Starts the peer; returns ms from spawn to the first 200 on ready_path."""
        self.ready_path = ready_path or self.ready_path
        try:
            get(self.port, self.ready_path)
            raise SystemExit(f"scale: something already answers on 127.0.0.1:{self.port}; not starting {self.name}")
        except OSError:
            pass
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, cwd=self.cwd)
        return wait_until_ready(self, self.name, self.port, self.ready_path, t0, timeout, self.log.name)

    @property
    def pid(self):
        return self.proc.pid

    def rss_kib(self):
        """VmRSS of the peer and its direct children (nginx's workers), as ../shared/bench/proc.sh sums it."""
        pids = [self.pid]
        for task in os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{task}/children") as f:
                    pids += [int(x) for x in f.read().split()]
            except FileNotFoundError:
                pass
        return sum(kib(p, "VmRSS") for p in pids)

    def stop(self):
        Server.stop(self)


def wait_until_ready(server, name, port, ready_path, t0, timeout, log_name):
    """Polls ready_path until a 200; returns ms since t0. Stops the server if it never answers."""
    while True:
        if server.proc.poll() is not None:
            raise SystemExit(f"scale: {name} exited with {server.proc.returncode}; see {log_name}")
        try:
            if get(port, ready_path, timeout=2)[0] == 200:
                return (time.perf_counter() - t0) * 1000
        except OSError:
            pass
        if time.perf_counter() - t0 > timeout:
            server.stop()
            raise SystemExit(f"scale: {name} not ready after {timeout} s")
        time.sleep(0.002)


def get(port, path, conn=None, timeout=60):
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    if conn is None:
        c.close()
    return r.status, body


def wrk(args, pid, paths, conns="32 1", duration=None, port=None):
    """Runs ../shared/bench/run.sh; returns {(path, conns): dict}."""
    env = dict(os.environ, WARMUP=str(args.warmup), DURATION=str(duration or args.duration), CONNS=conns,
               BENCH_ROWS=str(args.documents))
    out = subprocess.run([os.path.join(SHARED, "run.sh"), f"http://127.0.0.1:{port or args.port}", str(pid)] + paths,
                         env=env, check=True, capture_output=True, text=True).stdout
    res = {}
    for line in out.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f = line.split("\t")
        res[(f[0], int(f[1]))] = dict(rps=float(f[2]), p50=float(f[3]), p99=float(f[4]), bytes=float(f[5]),
                                      errors=int(f[6]), cpu_us=float(f[7]), hwm=int(f[8]))
        print("  wrk: " + line, file=sys.stderr)
    return res


def warm(path):
    """Reads a database file of at most 4 GiB once, so its pages are in the page cache when a load
    starts. This machine's host reclaims page-cache pages left idle for some seconds even with
    20 GiB free (fincore: 631 of 1,527 MiB of the 100,000-document database resident a minute after
    a load), so without it a load measures the disk first; every server's file gets the same."""
    if not path or not os.path.exists(path) or os.path.getsize(path) > 4 << 30:
        return
    with open(path, "rb") as f:
        while f.read(8 << 20):
            pass


def load_once(args, pid, path, port=None, db=None):
    """One c32 load on `path`, its database warmed first."""
    warm(db)
    return wrk(args, pid, [path], conns="32", port=port)[(path, 32)]


def wrk_reps(args, pid, path, port=None, db=None):
    """The c32 load on `path` --reps times on the same server, its database warmed before each:
    the median of each figure (p99 is a tail: on 2 shared cores one burst from a neighbour moves
    it by milliseconds), and every p99."""
    return medians([load_once(args, pid, path, port, db) for _ in range(args.reps)])


def medians(runs):
    med = {k: statistics.median(r[k] for r in runs) for k in ("rps", "p50", "p99", "cpu_us", "bytes")}
    med.update(errors=sum(r["errors"] for r in runs), hwm=max(r["hwm"] for r in runs),
               p99s=" / ".join(f"{r['p99']:.2f}" for r in runs))
    return med


def count_items(path):
    """The number of elements of each array of make-archive's output, read line by line (it
    writes one element a line): a 1,000,000-document file is not parsed whole."""
    counts, current = {}, None
    with open(path, "rb") as f:
        for line in f:
            if line.startswith(b'"') and b'":[' in line:
                current = line[1:line.index(b'":[')].decode()
                counts[current] = 0
            elif current and (line.startswith(b'{"id"') or line.startswith(b'{"from"')):
                counts[current] += 1
    return {k: counts.get(k, 0) for k in ("documents", "persons", "institutions", "events", "places",
                                          "sources", "relations")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--documents", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1941)
    ap.add_argument("--port", type=int, default=int(os.environ.get("SCALE_PORT", "8093")))
    ap.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", "5")))
    ap.add_argument("--warmup", type=int, default=int(os.environ.get("WARMUP", "2")))
    ap.add_argument("--starts", type=int, default=int(os.environ.get("STARTS", "3")))
    ap.add_argument("--reps", type=int, default=int(os.environ.get("SCALE_REPS", "3")),
                    help="loads of the cache-off by-id targets per server; medians are reported")
    ap.add_argument("--compare-bin", help="a baseline archive-server (e.g. main's) measured in the same run, own database")
    ap.add_argument("--quick", action="store_true", help="only import and the cache-off loads (issue 11's targets)")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    raise_nofile()
    rows = []  # (what, value, note)

    def note(what, value, extra=""):
        rows.append((what, value, extra))
        print(f"scale: {what}: {value} {extra}", file=sys.stderr)

    try:
        s = socket.create_connection(("127.0.0.1", args.port), timeout=1)
        s.close()
        raise SystemExit(f"scale: something already listens on 127.0.0.1:{args.port} (set SCALE_PORT)")
    except OSError:
        pass

    # --- the archive file ------------------------------------------------------------
    src = os.path.join(args.work, f"synthetic-{args.documents}-seed{args.seed}.json")
    if not os.path.exists(src):
        t0 = time.perf_counter()
        subprocess.run([os.path.join(HERE, "make-archive"), "--documents", str(args.documents),
                        "--seed", str(args.seed), "--out", src + ".tmp"], check=True)
        os.replace(src + ".tmp", src)
        print(f"scale: make-archive wrote {src} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    counts = count_items(src)
    note("synthetic archive", f"{os.path.getsize(src) / 1e6:.1f} MB JSON",
         ", ".join(f"{v:,} {k}" for k, v in counts.items()))

    # --- import ------------------------------------------------------------------------
    db = os.path.join(args.work, "scale.sqlite")
    reuse = os.environ.get("SCALE_REUSE_DB") == "1" and os.path.exists(db)
    for suffix in (() if reuse else ("", "-wal", "-shm")):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    t0 = time.perf_counter()
    r = subprocess.run(["true"] if reuse else ["/usr/bin/time", "-v", args.bin, "import", src, "--db", db],
                       capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        print(r.stdout + r.stderr[-4000:], file=sys.stderr)
        raise SystemExit("scale: import failed")
    tv = {}
    for line in r.stderr.splitlines():
        if ":" in line:
            k, _, v = line.strip().rpartition(": ")
            tv[k] = v
    if reuse:
        note("import", "skipped", "SCALE_REUSE_DB=1: the database of the last run is reused")
    else:
      note("import: wall time", f"{wall:.1f} s",
         f"user {tv.get('User time (seconds)')} s, sys {tv.get('System time (seconds)')} s, "
         f"CPU {tv.get('Percent of CPU this job got')}")
      note("import: peak RSS", f"{int(tv.get('Maximum resident set size (kbytes)', 0)) / 1024:.0f} MiB",
         f"({os.path.getsize(src) / 2**20:.0f} MiB of JSON in)")
    sizes = {s: os.path.getsize(db + s) for s in ("", "-wal", "-shm") if os.path.exists(db + s)}
    note("database size after import", f"{sizes[''] / 2**20:.1f} MiB",
         " + ".join(f"{k or 'db'} {v / 2**20:.1f} MiB" for k, v in sizes.items()))

    targets = []  # (target, figure, met)
    peak_import = int(tv.get('Maximum resident set size (kbytes)', 0)) / 1024 if not reuse else None
    if peak_import is not None:
        targets.append((f"import of {args.documents:,} documents: peak RSS ≤ 200 MiB", f"{peak_import:.0f} MiB, {wall:.0f} s, "
                        f"db {sizes[''] / 2**20:.0f} MiB", peak_import <= 200))
    cache_off = cache_off_loads(args, db, src, note, targets)
    save = os.path.join(args.work, f"cache-off-{args.documents}.json")
    with open(save, "w") as f:
        json.dump(cache_off, f)
    ref = os.path.join(args.work, "cache-off-100000.json")
    if args.documents >= 1000000 and os.path.exists(ref):
        with open(ref) as f:
            base = json.load(f)
        ratio = cache_off["rps"] / base["rps"]
        targets.append((f"random documents by id, cache off, {args.documents:,} vs 100,000 (≥ 0.8×; the 100k figure from "
                        f"an earlier run: {base['rps']:,.0f} req/s)", f"{ratio:.2f}×", ratio >= 0.8))
    print_targets(args, targets)
    if args.quick:
        return

    # --- first start from the embedded archive, and restarts on existing databases -----
    emb = os.path.join(args.work, "embedded.sqlite")
    created, reopened = [], []
    for _ in range(args.starts):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(emb + suffix):
                os.remove(emb + suffix)
        srv = Server(args, emb, "scale-embedded.log")
        created.append(srv.start())
        srv.stop()
        srv = Server(args, emb, "scale-embedded.log")
        reopened.append(srv.start())
        srv.stop()

    def spread(xs):
        return f"{statistics.median(xs):.0f} ms", f"min {min(xs):.0f}, max {max(xs):.0f} over {len(xs)} starts"

    note("first /healthz: database created from the embedded archive", *spread(created))
    note("first /healthz: existing embedded database", *spread(reopened))
    big = []
    for _ in range(args.starts):
        srv = Server(args, db, "scale.log")
        big.append(srv.start())
        srv.stop()
    note(f"first /healthz: existing {args.documents:,}-document database", *spread(big))
    first_doc = []
    for _ in range(args.starts):
        srv = Server(args, db, "scale.log")
        first_doc.append(srv.start("/v1/documents/syn-doc-000001"))
        srv.stop()
    note(f"first /v1/documents/syn-doc-000001: existing {args.documents:,}-document database", *spread(first_doc))

    # --- a server on the big database --------------------------------------------------
    srv = Server(args, db, "scale.log")
    srv.start()
    time.sleep(1)
    note("idle RSS 1 s after start (100k db)", f"{mib(kib(srv.pid, 'VmRSS'))} MiB",
         f"VmHWM {mib(kib(srv.pid, 'VmHWM'))} MiB, threads {len(os.listdir(f'/proc/{srv.pid}/task'))}")

    # page 1 and page 1,000 by following the server's own next links
    page1 = "/v1/documents?limit=50"
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
    url, t0, per_page = page1, time.perf_counter(), []
    for n in range(999):
        t1 = time.perf_counter()
        status, body = get(args.port, url, conn)
        per_page.append((time.perf_counter() - t1) * 1000)
        if status != 200:
            raise SystemExit(f"scale: {url} answered {status}")
        page = json.loads(body)
        nxt = (page.get("links") or {}).get("next")
        if nxt:
            u = urllib.parse.urlsplit(nxt)
            url = u.path + ("?" + u.query if u.query else "")
        else:
            cur = page.get("next_cursor")
            if not cur:
                raise SystemExit(f"scale: no next page after page {n + 1}")
            url = page1 + "&cursor=" + urllib.parse.quote(cur, safe="")
    walk = time.perf_counter() - t0
    conn.close()
    page1000 = url
    status, body = get(args.port, page1000)
    first_id = json.loads(body)["items"][0]["id"]
    note("walk: 999 next links, one keep-alive connection", f"{walk:.2f} s",
         f"{walk / 999 * 1000:.2f} ms per page; page 1,000 starts at {first_id}")
    early, late = statistics.median(per_page[:20]), statistics.median(per_page[-20:])
    note("walk, first (uncached) hits: median of pages 1-20 / pages 980-999", f"{early:.2f} / {late:.2f} ms",
         f"ratio {late / early:.2f} (target ≤ 1.2; each page answered once, so not from the response cache)")

    statuses = {}
    for label, path in [("timeline", "/v1/timeline?limit=50"), ("search", f"/v1/search?q={WORD}"),
                        ("doc", "/v1/documents/syn-doc-050000")]:
        status, body = get(args.port, path)
        total = None
        try:
            total = json.loads(body).get("total")
        except ValueError:
            pass
        statuses[label] = (status, len(body), total)
        note(f"GET {path}", f"status {status}", f"{len(body):,} B body" + (f", total {total:,}" if isinstance(total, int) else ""))
    paths = [page1, page1000, f"/v1/search?q={WORD}", "/v1/documents/syn-{id}"]
    if statuses["timeline"][0] == 200:
        paths.append("/v1/timeline?limit=50")
    load = wrk(args, srv.pid, paths)
    note("server VmHWM after the wrk loads", f"{mib(kib(srv.pid, 'VmHWM'))} MiB",
         f"now RssAnon {mib(kib(srv.pid, 'RssAnon'))} MiB (the response cache and SQLite's page caches among it), "
         f"RssFile {mib(kib(srv.pid, 'RssFile'))} MiB (the binary's pages; with --mmap-bytes also the "
         "database's, counted once per reader that maps them)")
    srv.stop()

    # --- CSV of the whole collection on a fresh server -----------------------------------
    srv = Server(args, db, "scale.log")
    srv.start()
    time.sleep(0.5)
    before = kib(srv.pid, "VmRSS")
    peak, done = [before], threading.Event()

    def sample():
        while not done.is_set():
            peak.append(kib(srv.pid, "VmRSS"))
            time.sleep(0.005)
    th = threading.Thread(target=sample)
    th.start()
    t0 = time.perf_counter()
    c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=300)
    c.request("GET", "/v1/documents?format=csv")
    resp = c.getresponse()
    nbytes, lines = 0, 0
    while True:
        chunk = resp.read(1 << 16)
        if not chunk:
            break
        nbytes += len(chunk)
        lines += chunk.count(b"\r\n")
    secs = time.perf_counter() - t0
    done.set()
    th.join()
    c.close()
    note("CSV of all documents: status, size, time", f"{resp.status}",
         f"{nbytes / 2**20:.1f} MiB, ~{lines - 1:,} rows, {secs:.2f} s ({nbytes / 2**20 / secs:.0f} MiB/s)")
    note("CSV: server RSS before / peak sampled / VmHWM", f"{mib(before)} / {mib(max(peak))} / {mib(kib(srv.pid, 'VmHWM'))} MiB", "")
    srv.stop()

    # --- 1,000 idle connections ------------------------------------------------------------
    srv = Server(args, db, "scale.log")
    srv.start()
    time.sleep(1)
    before = kib(srv.pid, "VmRSS")
    socks = []
    try:
        for _ in range(1000):
            socks.append(socket.create_connection(("127.0.0.1", args.port), timeout=5))
        time.sleep(2)
        held = kib(srv.pid, "VmRSS")
        status, _ = get(args.port, "/healthz")
        t0 = time.perf_counter()
        get(args.port, "/v1/documents/syn-doc-000001")
        lat = (time.perf_counter() - t0) * 1000
        alive = 0
        for s in socks:  # a connection the server has already closed reads EOF at once
            s.setblocking(False)
            try:
                alive += s.recv(1) == b"" and 0 or 0
            except BlockingIOError:
                alive += 1
            except OSError:
                pass
    finally:
        for s in socks:
            s.close()
    note("1,000 idle connections: server RSS before / with them", f"{mib(before)} / {mib(held)} MiB",
         f"+{(held - before) / 1000:.1f} KiB per connection; {alive} still open after 2 s; "
         f"a request meanwhile: {status}, {lat:.1f} ms")
    srv.stop()

    # --- tables -----------------------------------------------------------------------------
    print(f"\n### archive-server at {args.documents:,} synthetic documents (bench/scale)\n")
    print("| measurement | value | detail |")
    print("| --- | ---: | --- |")
    for what, value, extra in rows:
        print(f"| {what} | {value} | {extra} |")
    print(f"\n### wrk on the {args.documents:,}-document database (1 thread, {args.duration} s, loopback, 2 shared cores)\n")
    print("| path | conns | req/s | p50 ms | p99 ms | bytes/resp | errors | server CPU µs/req |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (path, c), v in load.items():
        shown = "page 1,000 (" + path[:60] + "…)" if path == page1000 else path
        print(f"| `{shown}` | {c} | {v['rps']:,.0f} | {v['p50']:.3f} | {v['p99']:.3f} | {v['bytes']:,.0f} "
              f"| {v['errors']} | {v['cpu_us']:.0f} |")
    print("\n### page 1,000 / page 1 (target: latency within 1.2×)\n")
    print("| conns | p50 ratio | p99 ratio | req/s ratio (page 1 / page 1,000) | met? |")
    print("| ---: | ---: | ---: | ---: | --- |")
    for c in (32, 1):
        a, b = load.get((page1, c)), load.get((page1000, c))
        if a and b:
            ok = b["p50"] <= 1.2 * a["p50"] and b["p99"] <= 1.2 * a["p99"]
            print(f"| {c} | {b['p50'] / a['p50']:.2f} | {b['p99'] / a['p99']:.2f} | {a['rps'] / b['rps']:.2f} "
                  f"| {'met' if ok else 'NOT met'} |")
    if statuses["timeline"][0] != 200:
        print(f"\n`GET /v1/timeline?limit=50` answered {statuses['timeline'][0]}: not measured.")


def patch_once(port, token, n):
    """PATCHes one synthetic document's summary (a curator write); returns the status."""
    doc = f"syn-doc-{(n * 7919) % 1000 + 1:06d}"
    body = json.dumps({"summary": f"SYNTHETIC benchmark data — edited by bench/scale, write {n}."}).encode()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("PATCH", f"/v1/documents/{doc}", body=body, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/merge-patch+json"})
    r = c.getresponse()
    r.read()
    c.close()
    return r.status


def start_idle(server, ready_path):
    """Starts `server`; returns (ms to the first 200 on ready_path, VmRSS KiB 1 s later), as all.sh measures."""
    ms = server.start(ready_path)
    time.sleep(1)
    return ms, (server.rss_kib() if isinstance(server, Peer) else kib(server.pid, "VmRSS"))


def cache_off_loads(args, db, src, note, targets):
    """Random documents by id with the response cache off: alone, with one write a second,
    and (with --compare-bin) the baseline binary on the same database, all in this run; then
    Hummingbird + GRDB on a bench.db of as many rows and nginx (its idle RSS and first response)."""
    token = "bench-scale-token"
    path = "/v1/documents/syn-{id}"
    first_doc = "/v1/documents/syn-doc-000001"
    srv = Server(args, db, "scale-cache-off.log", ["--cache-bytes", "0"], env={"ARCHIVE_ADMIN_TOKEN": token})
    first_ms, idle = start_idle(srv, first_doc)
    note("this build: first response after start / idle RSS 1 s later", f"{first_ms:.0f} ms / {mib(idle)} MiB",
         f"existing {args.documents:,}-document database, GET {first_doc}")
    # Each load with writes follows one without, so that the machine's drift between loads
    # (2 shared cores) falls on both sides of the ratio alike.
    statuses, alone_runs, written_runs = [], [], []

    def writer(stop):
        while not stop.wait(1.0):
            statuses.append(patch_once(args.port, token, len(statuses) + 1))
    for _ in range(args.reps):
        alone_runs.append(load_once(args, srv.pid, path, db=db))
        stop = threading.Event()
        th = threading.Thread(target=writer, args=(stop,))
        th.start()
        try:
            written_runs.append(load_once(args, srv.pid, path, db=db))
        finally:
            stop.set()
            th.join()
    srv.stop()
    alone, written = medians(alone_runs), medians(written_runs)
    note(f"random documents by id, cache off, c32 (median of {args.reps})", f"{alone['rps']:,.0f} req/s",
         f"p50 {alone['p50']:.2f} ms, p99 {alone['p99']:.2f} ms ({alone['p99s']}), {alone['cpu_us']:.0f} µs CPU/req, VmHWM {mib(alone['hwm'])} MiB")
    ok = sum(1 for s in statuses if s == 200)
    # The ratio of each load with writes to the load just before it, then their median: the
    # pairs cancel the drift between loads that a ratio of the two medians would keep.
    pairs = [w["rps"] / a["rps"] for a, w in zip(alone_runs, written_runs)]
    ratio = statistics.median(pairs)
    each_pair = " / ".join(f"{r:.2f}" for r in pairs)
    note(f"the same with one PATCH a second (median of {args.reps}, each load after one without writes)",
         f"{written['rps']:,.0f} req/s",
         f"p99 {written['p99']:.2f} ms ({written['p99s']}); {ok} of {len(statuses)} writes 200; "
         f"ratio to the load before, median {ratio:.2f} ({each_pair})")
    targets.append((f"random documents by id, cache off, c32: p99 < 2 ms (median of {args.reps} loads)",
                    f"{alone['p99']:.2f} ms ({alone['p99s']})", alone["p99"] < 2))
    targets.append(("reads with one write a second ≥ 0.9× reads alone (median of each pair's ratio)",
                    f"{ratio:.2f}× ({each_pair})", ratio >= 0.9 and ok == len(statuses) > 0))
    result = dict(rps=alone["rps"], p99=alone["p99"], cpu_us=alone["cpu_us"], written_rps=written["rps"],
                  first_ms=first_ms, idle_kib=idle)
    if args.compare_bin:
        # The same file: the baseline must read this schema (--compare-bin of a commit of the same schema version).
        base = Server(args, db, "scale-compare.log", ["--cache-bytes", "0"], bin=args.compare_bin)
        b_first, b_idle = start_idle(base, first_doc)
        other = wrk_reps(args, base.pid, path, db=db)
        base.stop()
        note("baseline (--compare-bin), same database, cache off: first response / idle RSS",
             f"{b_first:.0f} ms / {mib(b_idle)} MiB", "")
        note(f"baseline: random documents by id, cache off, c32 (median of {args.reps})", f"{other['rps']:,.0f} req/s",
             f"p50 {other['p50']:.2f} ms, p99 {other['p99']:.2f} ms ({other['p99s']}), {other['cpu_us']:.0f} µs CPU/req; "
             f"this build / baseline {alone['rps'] / other['rps']:.2f}× req/s, {alone['cpu_us'] / max(other['cpu_us'], 0.1):.2f}× CPU/req")
        result.update(baseline_rps=other["rps"], baseline_p99=other["p99"], baseline_cpu_us=other["cpu_us"],
                      baseline_first_ms=b_first, baseline_idle_kib=b_idle)
    peers(args, alone, first_ms, idle, note, targets, result)
    return result


def peers(args, alone, first_ms, idle, note, targets, result):
    """Hummingbird + GRDB (random documents by id over a bench.db of --documents rows, its idle
    RSS and first response) and nginx with one worker (idle RSS, first response), started as
    ../shared/bench/all.sh starts them."""
    hb_bin = os.path.join(SHARED, "peers", "hummingbird-grdb", ".build", "release", "HBPeer")
    if not os.path.exists(hb_bin):
        note("Hummingbird + GRDB", "not measured", f"no {hb_bin} (../shared/bench/setup.sh builds it)")
        return
    bench_db = os.path.join(args.work, f"bench-{args.documents}.db")
    if not os.path.exists(bench_db):
        subprocess.run(["python3", os.path.join(SHARED, "make-db.py"), "--rows", str(args.documents), "--out", bench_db + ".tmp"],
                       check=True, capture_output=True)
        os.replace(bench_db + ".tmp", bench_db)
    hb = Peer(args.work, "hummingbird", [hb_bin, "--db", bench_db, "--port", "8081"], 8081, "/v1/documents/doc-000001")
    hb_first, hb_idle = start_idle(hb, "/v1/documents/doc-000001")
    try:
        doc = wrk_reps(args, hb.pid, "/v1/documents/{id}", port=8081, db=bench_db)
    finally:
        hb.stop()
    ratio = alone["rps"] / doc["rps"]
    note(f"Hummingbird + GRDB, {args.documents:,}-row bench.db: first response / idle RSS", f"{hb_first:.0f} ms / {mib(hb_idle)} MiB", "")
    note(f"Hummingbird + GRDB: random documents by id, c32 (median of {args.reps})", f"{doc['rps']:,.0f} req/s",
         f"p50 {doc['p50']:.2f} ms, p99 {doc['p99']:.2f} ms ({doc['p99s']}), {doc['cpu_us']:.0f} µs CPU/req; this build (cache off) / HB {ratio:.2f}×")
    targets.insert(0, (f"random documents by id, cache off, c32: ≥ 2× Hummingbird + GRDB ({doc['rps']:,.0f} req/s, p99 {doc['p99']:.2f} ms, "
                       f"{doc['cpu_us']:.0f} µs CPU/req on its {args.documents:,}-row bench.db)",
                       f"{ratio:.2f}× ({alone['rps']:,.0f} req/s, {alone['cpu_us']:.0f} µs CPU/req)", ratio >= 2))
    rss_ratio = idle / max(hb_idle, 1)
    targets.append(("idle RSS ≤ 0.5× Hummingbird's", f"{rss_ratio:.2f}× ({mib(idle)} / {mib(hb_idle)} MiB)", rss_ratio <= 0.5))
    result.update(hb_rps=doc["rps"], hb_p99=doc["p99"], hb_cpu_us=doc["cpu_us"], hb_first_ms=hb_first, hb_idle_kib=hb_idle)

    nginx_dir = os.path.join(args.work, "nginx")
    static = os.path.join(nginx_dir, "static")
    os.makedirs(os.path.join(nginx_dir, "tmp"), exist_ok=True)
    if not os.path.exists(os.path.join(static, "doc.json")):
        subprocess.run(["python3", os.path.join(SHARED, "make-static.py"), bench_db, static], check=True, capture_output=True)
    ng = Peer(args.work, "nginx1", ["nginx", "-e", os.path.join(nginx_dir, "error.log"), "-p", nginx_dir + "/",
                                    "-c", os.path.join(SHARED, "nginx.conf"), "-g", "worker_processes 1;"],
              8080, "/v1/documents/doc-000001")
    ng_first, ng_idle = start_idle(ng, "/v1/documents/doc-000001")
    ng.stop()
    note("nginx, 1 worker, static files: first response / idle RSS", f"{ng_first:.0f} ms / {mib(ng_idle)} MiB", "")
    targets.append(("first response after start ≤ nginx's + 30 ms", f"{first_ms:.0f} ms vs nginx {ng_first:.0f} ms",
                    first_ms <= ng_first + 30))
    result.update(nginx_first_ms=ng_first, nginx_idle_kib=ng_idle)


def print_targets(args, targets):
    print(f"\n### issue 11's targets at {args.documents:,} documents (one run, 2 shared cores, loaded machine)\n")
    print("| target | figure | met? |")
    print("| --- | ---: | --- |")
    for what, figure, met in targets:
        print(f"| {what} | {figure} | {'met' if met else 'NOT met'} |")
    print("\nFirst responses are timed from spawn to the first 200 (polled every 2 ms), idle RSS 1 s after it, "
          "each on a fresh server as ../shared/bench/all.sh does; Hummingbird serves its own bench.db of as many rows.")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
