"""Schemathesis hooks for scripts/schemathesis: they remove from a generated request only what
OpenAPI 3.1 cannot say about the server (why each is here: docs/openapi-conformance.md).

- `cursor` is opaque and signed: no schema can describe which strings are valid cursors, so a
  generated one is always (and rightly) a 400. The Swift live suite sends real cursors.
- `limit`, `cursor`, `facets` and `pretty` apply to JSON pages only; with a download format
  (`format=csv|ndjson|geojson`, or an `Accept` that picks one) they are a 400 by design.
- `to` before `from` is a 400 (a relation between two parameters).
- `since` after the archive's current revision is a 400 (it depends on the data).
"""
import json
import os
import urllib.request

import schemathesis

JSON_PAGE_ONLY = ("limit", "cursor", "facets", "pretty")
DOWNLOAD_TYPES = ("text/csv", "application/x-ndjson", "application/geo+json")
_revision = None


def current_revision():
    global _revision
    if _revision is None:
        with urllib.request.urlopen(os.environ["ARCHIVE_BASE_URL"] + "/v1", timeout=10) as answer:
            _revision = json.load(answer)["revision"]
    return _revision


def picks_download(query, headers):
    fmt = query.get("format")
    if fmt is not None:
        return fmt != "json"
    accept = (headers or {}).get("Accept")
    if not isinstance(accept, str):
        return False
    # The server's negotiation: the most preferred listed type it can make (JSON when none).
    best, best_q = None, 0.0
    for entry in accept.split(","):
        pieces = [p.strip().lower() for p in entry.split(";")]
        q = 1.0
        for piece in pieces[1:]:
            if piece.startswith("q="):
                try:
                    q = float(piece[2:])
                except ValueError:
                    q = 0.0
        if q > 0 and pieces[0] in DOWNLOAD_TYPES + ("application/json",) and (best is None or q > best_q):
            best, best_q = pieces[0], q
    return best in DOWNLOAD_TYPES


def day_bounds(text, last):
    parts = str(text).split("-")
    if len(parts) == 1:
        return parts[0] + ("-12-31" if last else "-01-01")
    if len(parts) == 2:
        return "-".join(parts) + ("-31" if last else "-01")
    return str(text)


@schemathesis.hook
def before_call(context, case, kwargs):
    query = case.query
    if not isinstance(query, dict):
        return
    query.pop("cursor", None)
    if picks_download(query, case.headers):
        for name in JSON_PAGE_ONLY:
            query.pop(name, None)
    if "from" in query and "to" in query:
        try:
            if day_bounds(query["to"], True) < day_bounds(query["from"], False):
                query.pop("to")
        except TypeError:
            pass
    since = query.get("since")
    if isinstance(since, (int, str)) and str(since).isdigit() and int(since) > current_revision():
        query["since"] = current_revision()
