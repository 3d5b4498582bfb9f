"""The built site, shared by every test that needs it (xdist_group "site": built once, on one worker).

The site is published the way course sites usually are, under a path: it is built for
http://127.0.0.1:<free port>/nn-optimization/ and served only there. Like GitHub Pages, the server answers
any missing path with the site's 404.html (status 404), and knows nothing outside the path, so a link that
assumes the root of the host fails the tests.
"""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools import build_site

SITE_PATH = "/nn-optimization/"  # where the tests publish the site on their server


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves server.root at SITE_PATH; anything else, a missing file or a folder without index.html gets
    the site's 404.html with status 404, as GitHub Pages does."""

    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=str(server.root))

    def translate_path(self, path):
        route = urlsplit(path).path
        if not (route + "/").startswith(SITE_PATH):  # /nn-optimization (redirected to .../) and below
            return str(Path(self.directory) / "outside-the-site")
        return super().translate_path("/" + path[len(SITE_PATH):])

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_server():
    """An HTTP server on 127.0.0.1 (free port); `url` is the site's address, `origin` the server's."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), SiteHandler)
    server.daemon_threads = True
    server.origin = f"http://127.0.0.1:{server.server_port}"
    server.url = server.origin + SITE_PATH
    server.root = None  # set by `site` once built
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory, site_server):
    """Both languages built for site_server.url into a temporary folder and served there:
    (folder, tools.build_site.Built with the seconds of each build and what the builds printed)."""
    dest = tmp_path_factory.mktemp("site")
    try:
        built = build_site.build(dest, site_server.url)
    except build_site.BuildFailed as failure:  # its message names the page; the traceback says nothing more
        pytest.fail(str(failure), pytrace=False)
    site_server.root = dest
    return dest, built


SUMMARIES = {  # user property recorded by a test -> heading of its section in the terminal summary
    "weight_kb": "first-visit weight of each page (KB, gzip; budget in tests/test_browser.py)",
    "formulas": "formulas rendered / formulas on the page",
    "notebook_cell_seconds": "notebook code cells, seconds each in a fresh kernel",
}


def pytest_terminal_summary(terminalreporter):
    rows = {key: [] for key in (*SUMMARIES, "snippet_seconds")}
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for key, value in getattr(report, "user_properties", []):
                if key in rows:
                    nodeid = report.nodeid.rsplit("@", 1)[0]  # without pytest-xdist's "@<group>"
                    rows[key].append((nodeid.split("[", 1)[-1].rstrip("]"), value))
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
