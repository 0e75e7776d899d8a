#!/usr/bin/env python3
"""Flooders holding idle sockets and a normal client measuring latency (driven by bench/flood)."""
import argparse
import multiprocessing
import select
import socket
import time


def connect(port, source):
    sock = socket.socket()
    sock.settimeout(0.5)
    try:
        sock.bind((source, 0))
        sock.connect(("127.0.0.1", port))
        return sock
    except OSError:
        sock.close()
        return None


def flood(port, source, holding, stop, closed):
    """Holds `holding` idle sockets from `source`, reopening each one the server closes.

    Each flooder is its own process, so the normal client's latency is not Python's GIL."""
    sockets = [connect(port, source) for _ in range(holding)]
    poller = select.poll()
    by_fd = {}
    for s in sockets:
        if s:
            poller.register(s, select.POLLIN)
            by_fd[s.fileno()] = s
    while not stop.is_set():
        for fd, _ in poller.poll(10):
            old = by_fd.pop(fd)
            poller.unregister(fd)
            old.close()
            with closed.get_lock():
                closed.value += 1
            new = connect(port, source)
            if new:
                poller.register(new, select.POLLIN)
                by_fd[new.fileno()] = new
        while len(by_fd) < holding and not stop.is_set():  # connects that failed earlier
            new = connect(port, source)
            if not new:
                break
            poller.register(new, select.POLLIN)
            by_fd[new.fileno()] = new
    for s in by_fd.values():
        s.close()


def read_response(sock, buffer):
    """Reads one response with Content-Length; returns (status, rest of buffer) or (None, b"")."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        buffer += chunk
    head, _, rest = buffer.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        rest += chunk
    return status, rest[length:]


def normal_client(port, duration):
    latencies, failures = [], []
    request = b"GET /v1/documents?limit=5 HTTP/1.1\r\nHost: bench\r\n\r\n"
    end = time.monotonic() + duration
    sock, buffer, sent = None, b"", 0
    while time.monotonic() < end:
        if sock is None or sent % 10 == 0:
            if sock:
                sock.close()
            sock, buffer = connect(port, "127.0.0.3"), b""
            if sock is None:
                failures.append("connect failed")
                continue
            sock.settimeout(5)
        start = time.monotonic()
        try:
            sock.sendall(request)
            status, buffer = read_response(sock, buffer)
        except OSError as error:
            status = None
            failures.append(type(error).__name__)
        latencies.append((time.monotonic() - start) * 1000)
        sent += 1
        if status != 200:
            failures.append(status)
            sock = None
    if sock:
        sock.close()
    return latencies, failures


def phase(name, port, duration, sources, holding):
    stop, closed = multiprocessing.Event(), multiprocessing.Value("q", 0)
    flooders = [multiprocessing.Process(target=flood, args=(port, s, holding, stop, closed)) for s in sources]
    for f in flooders:
        f.start()
    time.sleep(0.5)  # let the flood fill the server first
    latencies, failures = normal_client(port, duration)
    stop.set()
    for f in flooders:
        f.join(timeout=10)
        if f.is_alive():
            f.terminate()
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"{name}: {len(latencies)} requests, {len(failures)} not 200 {failures[:5]}, "
          f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, under 50 ms: {'yes' if p99 < 50 else 'NO'}; "
          f"flood sockets closed or refused by the server: {closed.value}")
    return not failures and p99 < 50


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--duration", type=float, default=10)
    args = parser.parse_args()
    ok = phase("one flooder holding 1,100 sockets (per-client cap)", args.port, args.duration, ["127.0.0.2"], 1100)
    ok &= phase("five flooders at their cap, 80 > 64 slots (idle ones closed)", args.port, args.duration,
                [f"127.0.0.{n}" for n in range(10, 15)], 16)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
