"""The built site, shared by every test and every pytest-xdist worker; the run's summaries and its phases.

The site is published the way course sites usually are, under a path: it is built for
http://127.0.0.1:<free port>/nn-optimization/ and served only there. Like GitHub Pages, the server answers
any missing path with the site's 404.html (status 404), and knows nothing outside the path, so a link that
assumes the root of the host fails the tests.

One server for the whole run, in the process that starts it (pytest-xdist's controller, which outlives its
workers): every worker's browser reads the same address. The site is built once, into the folder that
server serves, by the first worker that needs it; it starts building in the background as soon as a worker
has collected a test that needs it, so the build overlaps the snippet runs (both languages at once).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import Page, browser, new_page, visit  # noqa: F401 (fixtures: one of each per worker)
from tools import build_site

SITE_PATH = "/nn-optimization/"  # where the tests publish the site on their server
SHARED_SITE = pytest.StashKey["SharedSite"]()
SERVER = pytest.StashKey[ThreadingHTTPServer]()
BUILD_THREAD = "site build"
RUN_STARTED = pytest.StashKey[float]()  # when pytest started (in the controller)


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


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that closes a page while it loads drops its connections: nothing to report."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SharedSite:
    """The folder the run's server serves (`dest`, for the address `url`) and the build that fills it: whoever
    calls built() first builds, holding a lock on the folder; everybody else waits for that build and reads
    its record (built.json), or its failure (failed.txt)."""

    def __init__(self, folder: Path, url: str):
        self.folder, self.url = folder, url
        self.dest = folder / "site"

    def built(self) -> build_site.Built:
        with open(self.folder / "build.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            record, failure = self.folder / "built.json", self.folder / "failed.txt"
            if failure.exists():
                raise build_site.BuildFailed(failure.read_text(encoding="utf-8"))
            if not record.exists():
                try:
                    built = build_site.build(self.dest, self.url)
                except build_site.BuildFailed as error:
                    failure.write_text(str(error), encoding="utf-8")
                    raise
                record.write_text(json.dumps(asdict(built)), encoding="utf-8")
            return build_site.Built(**json.loads(record.read_text(encoding="utf-8")))


def pytest_configure(config):
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: its controller serves the site
        shared = config.workerinput["shared_site"]
        config.stash[SHARED_SITE] = SharedSite(Path(shared["folder"]), shared["url"])
        return
    folder = Path(tempfile.mkdtemp(prefix="nn-site-"))
    server = SiteServer(("127.0.0.1", 0), SiteHandler)
    shared = SharedSite(folder, f"http://127.0.0.1:{server.server_port}{SITE_PATH}")
    server.root = shared.dest
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config.stash[SHARED_SITE], config.stash[SERVER] = shared, server
    config.stash[RUN_STARTED] = time.time()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):  # pytest-xdist, in the controller: what each worker is told
    shared = node.config.stash[SHARED_SITE]
    node.workerinput["shared_site"] = {"folder": str(shared.folder), "url": shared.url}


def pytest_unconfigure(config):
    if SERVER in config.stash:
        config.stash[SERVER].shutdown()
        config.stash[SERVER].server_close()
        shutil.rmtree(config.stash[SHARED_SITE].folder, ignore_errors=True)


def pytest_collection_finish(session):
    """Start building as soon as a collected test needs the site: the build overlaps the snippets."""
    if session.config.option.collectonly:
        return
    if any("site" in getattr(item, "fixturenames", ()) for item in session.items):
        shared = session.config.stash[SHARED_SITE]
        threading.Thread(target=build_quietly, args=(shared,), name=BUILD_THREAD, daemon=True).start()


def build_quietly(shared: SharedSite) -> None:
    try:
        shared.built()
    except build_site.BuildFailed:
        pass  # recorded in failed.txt; the `site` fixture reports it


# --- which tests run, where and in which order -----------------------------------------------------------------

def pytest_addoption(parser):
    parser.addoption("--lesson", help="only what concerns this lesson (e.g. 03-lr-decay): its snippets, notebook, "
                     "pages and checks")
    parser.addoption("--fast", action="store_true",
                     help="only the checks that run no snippet, build no site and open no browser")


def lesson_of(item) -> str | None:
    """The lesson (00-preliminaries ... 07-optimizers) a test is about, from its file or its parameters."""
    name = Path(item.nodeid.split("::")[0]).name
    if name.startswith("test_lesson_"):
        return next((lesson for lesson in LESSON_NAMES if name[len("test_lesson_"):].startswith(lesson[:2])), None)
    return next((lesson for lesson in LESSON_NAMES if lesson in item.nodeid), None)


LESSON_NAMES = sorted({page.stem for page in (build_site.DOCS / "en").glob("[0-9][0-9]-*.md")})
SLOW_PHASES = ("snippets", "builds", "notebooks", "browser")
DURATIONS = "durations/last-run"  # pytest's cache: seconds of each unit of work of the last run


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    if lesson := config.getoption("--lesson"):
        if lesson not in LESSON_NAMES:
            raise pytest.UsageError(f"--lesson {lesson}: no such lesson; the lessons are {', '.join(LESSON_NAMES)}")
        keep(config, items, lambda item: lesson_of(item) == lesson)
    if config.getoption("--fast"):  # nor builds the site
        keep(config, items, lambda item: phase_of(item.nodeid) not in SLOW_PHASES
             and "site" not in getattr(item, "fixturenames", ()))
    for item in items:  # the tests of a page share its visits: they run on one worker, one page after another
        page = getattr(item, "callspec", None) and item.callspec.params.get("page")
        if "visit" in getattr(item, "fixturenames", ()) and isinstance(page, Page):
            item.add_marker(pytest.mark.xdist_group(str(page)))
    # the longest units of work first (as measured last time, if ever), so that no long one starts last
    cache = getattr(config, "cache", None)  # None with -p no:cacheprovider
    last = cache.get(DURATIONS, {}) if cache else {}
    units: dict[str, float] = {}
    for item in items:
        unit = work_unit(item)
        units[unit] = units.get(unit, 0.0) + last.get(unit, 0.0)
    order = {unit: index for index, unit in enumerate(units)}
    items.sort(key=lambda item: (-units[work_unit(item)], order[work_unit(item)]))


def keep(config, items, wanted) -> None:
    deselected = [item for item in items if not wanted(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if wanted(item)]


def work_unit(item) -> str:
    """What pytest-xdist hands to a worker at once: a group (xdist_group), or else one test."""
    group = item.get_closest_marker("xdist_group")
    return f"@{group.args[0]}" if group else item.nodeid


def pytest_runtest_logreport(report):
    """Add up each unit's seconds (in the controller, for every worker's reports), for the next run's order."""
    if hasattr(report, "duration") and isinstance(report, pytest.TestReport):
        unit = "@" + report.nodeid.rsplit("@", 1)[1] if "@" in report.nodeid.rsplit("]", 1)[-1] else report.nodeid
        UNIT_SECONDS[unit] = UNIT_SECONDS.get(unit, 0.0) + report.duration


UNIT_SECONDS: dict[str, float] = {}


@pytest.fixture(scope="session")
def site_server(pytestconfig):
    """The run's shared site: `url` is its address, `dest` the folder served there."""
    return pytestconfig.stash[SHARED_SITE]


@pytest.fixture(scope="session")
def site(site_server):
    """Both languages built for site_server.url and served there: (folder, tools.build_site.Built with the
    seconds of each build and what the builds printed)."""
    try:
        return site_server.dest, site_server.built()
    except build_site.BuildFailed as failure:  # its message names the page; the traceback says nothing more
        problem = str(failure)
    pytest.fail(problem, pytrace=False)


def pytest_sessionfinish(session):
    """A worker that started the build in the background waits for it before it leaves; the controller keeps
    the seconds of each unit of work for the next run's order."""
    for thread in threading.enumerate():
        if thread.name == BUILD_THREAD:
            thread.join()
    if not hasattr(session.config, "workerinput") and UNIT_SECONDS and getattr(session.config, "cache", None):
        session.config.cache.set(DURATIONS, {unit: round(s, 2) for unit, s in UNIT_SECONDS.items()})


# --- what the run prints at its end ---------------------------------------------------------------------------

PHASES = {  # phase -> the test files it runs; anything else is "other checks"
    "snippets": {"test_snippets.py"},
    "builds": {"test_build.py", "test_site.py"},
    "notebooks": {"test_notebooks.py"},
    "browser": {"test_browser.py", "test_accessibility.py", "test_phone.py", "test_figures.py",
                "test_notebook_pages.py", "test_widgets.py", "test_search.py", "test_offline.py"},
}
SUMMARIES = {  # user property recorded by a test -> heading of its section in the terminal summary
    "weight_kb": "first-visit weight of each page (KB, gzip; budget in tests/test_browser.py)",
    "formulas": "formulas rendered / formulas on the page",
    "notebook_cell_seconds": "notebook code cells, seconds each in a fresh kernel",
}


def phase_of(nodeid: str) -> str:
    name = Path(nodeid.split("::")[0]).name
    return next((phase for phase, files in PHASES.items() if name in files), "other checks")


def pytest_terminal_summary(terminalreporter, config):
    rows = {key: [] for key in (*SUMMARIES, "snippet_seconds")}
    phases: dict[str, list] = {}  # phase -> [tests, seconds, first start, last stop]
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            if not hasattr(report, "duration"):
                continue
            for key, value in getattr(report, "user_properties", []):
                if key in rows:
                    nodeid = report.nodeid.rsplit("@", 1)[0]  # without pytest-xdist's "@<group>"
                    rows[key].append((nodeid.split("[", 1)[-1].rstrip("]"), value))
    for report in all_reports(terminalreporter):
        phase = phases.setdefault(phase_of(report.nodeid), [0, 0.0, report.start, report.stop])
        phase[0] += report.when == "call"
        phase[1] += report.duration
        phase[2], phase[3] = min(phase[2], report.start), max(phase[3], report.stop)
    for key, heading in SUMMARIES.items():
        if rows[key]:
            terminalreporter.section(heading)
            for name, value in sorted(rows[key]):
                shown = f"{value:.1f}" if isinstance(value, float) else str(value)
                terminalreporter.write_line(f"{shown:>8}  {name}")
    timings = rows["snippet_seconds"]  # recorded by tests/test_snippets.py
    if timings:
        terminalreporter.section("slowest snippets (one run each)")
        for name, seconds in sorted(timings, key=lambda row: -row[1])[:10]:
            terminalreporter.write_line(f"{seconds:6.1f} s  {name}")
        terminalreporter.write_line(f"total snippet time: {sum(s for _, s in timings):.1f} s")
    if RUN_STARTED in config.stash and phases:
        record = config.stash[SHARED_SITE].folder / "built.json"  # written by the worker that built the site
        build_seconds = json.loads(record.read_text(encoding="utf-8"))["wall"] if record.exists() else 0.0
        write_phases(terminalreporter, config, phases, sum(s for _, s in timings), build_seconds)


def all_reports(terminalreporter):
    """Every setup, call and teardown report of the run (each test's time, fixtures included)."""
    for reports in terminalreporter.stats.values():
        for report in reports:
            if isinstance(report, pytest.TestReport) and report.start:
                yield report


def write_phases(terminalreporter, config, phases, snippet_seconds: float, build_seconds: float) -> None:
    started = config.stash[RUN_STARTED]
    wall = time.time() - started
    cores = os.cpu_count() or 1
    terminalreporter.section("phases (test seconds summed over the workers; when: seconds after pytest started)")
    if setup := os.environ.get("SETUP_SECONDS"):  # measured by `make test` before it starts pytest
        terminalreporter.write_line(f"  {'set-up':<13} {float(setup):7.1f} s  (make: pip, npm, apt-get when needed)")
    for name in (*PHASES, "other checks"):
        if name in phases:
            tests, seconds, first, last = phases[name]
            terminalreporter.write_line(f"  {name:<13} {seconds:7.1f} s  {tests:5d} tests  "
                                        f"when {first - started:5.1f}-{last - started:5.1f} s")
    if build_seconds:
        terminalreporter.write_line(f"  {'site build':<13} {build_seconds:7.1f} s  both languages side by side, "
                                    "in the background while the first tests run")
    if snippet_seconds:
        floor = snippet_seconds / cores + build_seconds
        terminalreporter.write_line(
            f"pytest took {wall:.1f} s; floor = {snippet_seconds:.1f} s of snippets / {cores} cores + "
            f"{build_seconds:.1f} s site build = {floor:.1f} s; wall / floor = {wall / floor:.2f}")
