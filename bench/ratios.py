#!/usr/bin/env python3
"""Ratios of archive-server against each peer of one all.sh run, and issue 7's targets.

    python3 bench/ratios.py RAW_TSV

RAW_TSV is $BENCH_WORK/results/raw.tsv (all.sh). Medians over the repetitions. For every
endpoint and connection count: archive req/s and p99, then per peer
`req/s archive / req/s peer` (above 1: archive is faster) and
`p99 archive / p99 peer` (below 1: archive's tail is shorter).
"""
import csv
import statistics
import sys
from collections import defaultdict

PEERS = ["nginx1", "nginx2", "hummingbird", "datasette"]
NAMES = {"nginx1": "nginx 1w", "nginx2": "nginx 2w", "hummingbird": "Hummingbird+GRDB",
         "datasette": "Datasette"}
ENDPOINTS = ["doc", "list50", "search", "search-rare"]
LABEL = {"doc": "document by id", "list50": "list of 50", "search": "search, common word",
         "search-rare": "search, rare term"}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "work/peer/results/raw.tsv"
    with open(path) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    by = defaultdict(list)
    for r in rows:
        by[(r["peer"], r["endpoint"], int(r["conns"]))].append(r)

    def m(peer, ep, c, field):
        xs = by.get((peer, ep, c))
        return statistics.median(float(x[field]) for x in xs) if xs else None

    conns = sorted({int(r["conns"]) for r in rows}, reverse=True)
    peers = [p for p in PEERS if any(k[0] == p for k in by)]
    peers += sorted({k[0] for k in by if k[0].startswith("archive@")})
    reps = len({r["rep"] for r in rows})
    print(f"### archive-server / peer (medians of {reps} run(s); req/s ratio > 1 and p99 ratio < 1 favour archive-server)\n")
    head = ["endpoint", "conns", "archive req/s", "archive p99 ms"]
    for p in peers:
        head += [f"req/s × {NAMES.get(p, p)}", f"p99 × {NAMES.get(p, p)}"]
    print("| " + " | ".join(head) + " |")
    print("| --- | ---: |" + " ---: |" * (len(head) - 2))
    for ep in ENDPOINTS:
        for c in conns:
            a_rps, a_p99 = m("archive", ep, c, "rps"), m("archive", ep, c, "p99_ms")
            if a_rps is None:
                continue
            line = [LABEL[ep], str(c), f"{a_rps:,.0f}", f"{a_p99:.2f}"]
            for p in peers:
                rps, p99 = m(p, ep, c, "rps"), m(p, ep, c, "p99_ms")
                line += [f"{a_rps / rps:.2f}" if rps else "-", f"{a_p99 / p99:.2f}" if p99 else "-"]
            print("| " + " | ".join(line) + " |")

    def ratio(ep, peer, c=32):
        a, b = m("archive", ep, c, "rps"), m(peer, ep, c, "rps")
        return a / b if a and b else None

    errors = sum(int(r["errors"]) for r in rows if r["peer"] == "archive")
    p99 = m("archive", "doc", 32, "p99_ms")
    starts = {(r["rep"], r["endpoint"]): (int(r["ttfr_ms"]), int(r["idle_rss_kib"]))
              for r in rows if r["peer"] == "archive"}
    idle = statistics.median(v[1] for v in starts.values()) / 1024 if starts else None
    ttfr = statistics.median(v[0] for v in starts.values()) if starts else None
    targets = [
        ("document by id c32 ≥ 3× Hummingbird", ratio("doc", "hummingbird"), 3.0, "≥"),
        ("document by id c32 ≥ 0.5× nginx (static file)", ratio("doc", "nginx1"), 0.5, "≥"),
        ("list of 50 c32 ≥ 3× Hummingbird", ratio("list50", "hummingbird"), 3.0, "≥"),
        ("search, common word c32 ≥ 10× Hummingbird", ratio("search", "hummingbird"), 10.0, "≥"),
        ("search, rare term c32 ≥ 3× Hummingbird", ratio("search-rare", "hummingbird"), 3.0, "≥"),
        ("p99 document by id c32 < 2 ms", p99, 2.0, "<"),
        ("no errors (all archive loads)", errors, 0, "="),
        ("idle RSS ≤ 15 MiB (all.sh: 1 s after start)", idle, 15.0, "≤"),
        ("first response ≤ 50 ms after start, existing db (all.sh: curl polling /v1/documents/doc-000001)", ttfr, 50, "≤"),
    ]
    print("\n### Issue 7 targets measured in this run\n")
    print("| target | measured | met? |")
    print("| --- | ---: | --- |")
    for name, value, goal, op in targets:
        if value is None:
            print(f"| {name} | not measured | - |")
            continue
        ok = {"≥": value >= goal, "<": value < goal, "≤": value <= goal, "=": value == goal}[op]
        shown = f"{value:.3f}×" if "×" in name or "Hummingbird" in name or "nginx" in name else f"{value:.2f}" if isinstance(value, float) else str(value)
        print(f"| {name} | {shown} | {'met' if ok else 'NOT met'} |")
    start_figures(rows)
    print("\nPage 1,000 vs page 1, import, CSV and first start of the embedded archive: bench/scale.")


def start_figures(rows):
    """Idle RSS and first response per peer (medians over every fresh start of the run), and
    issue 11's targets on them: idle RSS ≤ 0.5× Hummingbird's, first response ≤ nginx's + 30 ms."""
    per = defaultdict(dict)
    for r in rows:
        per[r["peer"]][(r["rep"], r["endpoint"])] = (int(r["ttfr_ms"]), int(r["idle_rss_kib"]))
    med = {p: (statistics.median(v[0] for v in s.values()), statistics.median(v[1] for v in s.values()) / 1024)
           for p, s in per.items()}
    print("\n### Idle RSS and first response after start (all.sh: fresh server each load, RSS 1 s after the first 200)\n")
    print("| peer | first response ms | idle RSS MiB |")
    print("| --- | ---: | ---: |")
    compared = sorted(p for p in med if p.startswith("archive@"))
    for p in ["archive"] + compared + PEERS:
        if p in med:
            name = NAMES.get(p, "archive-server" + (f" ({p[8:]})" if p in compared else ""))
            print(f"| {name} | {med[p][0]:.0f} | {med[p][1]:.1f} |")
    if "archive" not in med:
        return
    print("\n| issue 11 target | measured | met? |")
    print("| --- | ---: | --- |")
    if "hummingbird" in med:
        r = med["archive"][1] / med["hummingbird"][1]
        print(f"| idle RSS ≤ 0.5× Hummingbird's | {r:.2f}× | {'met' if r <= 0.5 else 'NOT met'} |")
    if "nginx1" in med:
        d = med["archive"][0] - med["nginx1"][0]
        print(f"| first response ≤ nginx's + 30 ms | {d:+.0f} ms | {'met' if d <= 30 else 'NOT met'} |")


if __name__ == "__main__":
    main()
