"""The built site, shared by every test that needs it (xdist_group "site": built once, on one worker).

The site is served over HTTP on 127.0.0.1 at a free port and built for that origin (SITE_ORIGIN, see
hooks/site_origin.py): Material's language switcher only stays on the same page when site_url is the
address the pages are served from.
"""

from __future__ import annotations

import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tools import build_site


class QuietHandler(SimpleHTTPRequestHandler):
    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=str(server.root))

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_server():
    """An HTTP server on 127.0.0.1 (free port) for the site; `origin` is its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), QuietHandler)
    server.daemon_threads = True
    server.origin = f"http://127.0.0.1:{server.server_port}"
    server.root = None  # set by `site` once built
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory, site_server):
    """Both languages built into a temporary folder, served by site_server: (folder, seconds per build)."""
    dest = tmp_path_factory.mktemp("site")
    previous = os.environ.get("SITE_ORIGIN")
    os.environ["SITE_ORIGIN"] = site_server.origin
    try:
        seconds = build_site.build(dest)
    finally:
        if previous is None:
            del os.environ["SITE_ORIGIN"]
        else:
            os.environ["SITE_ORIGIN"] = previous
    site_server.root = dest
    return dest, seconds


SUMMARIES = {  # user property recorded by a test -> heading of its section in the terminal summary
    "weight_kb": "first-visit weight of each lesson page (KB, gzip; budget in tests/test_browser.py)",
    "formulas": "formulas rendered / formulas on the page",
    "notebook_cell_seconds": "notebook code cells, seconds each in a fresh kernel",
}


def pytest_terminal_summary(terminalreporter):
    rows = {key: [] for key in (*SUMMARIES, "snippet_seconds")}
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for key, value in getattr(report, "user_properties", []):
                if key in rows:
                    rows[key].append((report.nodeid.split("[", 1)[-1].rstrip("]"), value))
    for key, heading in SUMMARIES.items():
        if rows[key]:
            terminalreporter.section(heading)
            for name, value in sorted(rows[key]):
                shown = f"{value:.1f}" if isinstance(value, float) else str(value)
                terminalreporter.write_line(f"{shown:>8}  {name}")
    if timings := rows["snippet_seconds"]:  # recorded by tests/test_snippets.py
        terminalreporter.section("slowest snippets (one run each)")
        for name, seconds in sorted(timings, key=lambda row: -row[1])[:10]:
            terminalreporter.write_line(f"{seconds:6.1f} s  {name}")
        terminalreporter.write_line(f"total snippet time: {sum(s for _, s in timings):.1f} s")
