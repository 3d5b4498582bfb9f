"""Build both sites for the address they will be read at: docs/zh -> DEST/zh/, docs/en -> DEST/en/.

    python tools/build_site.py [DEST] [--url URL] [--lang zh|en]   (DEST: site/, URL: http://127.0.0.1:8000/)
    python tools/build_site.py --offline ZIP                        a copy to read from the file system

URL is where DEST will be served, path included (e.g. https://someone.github.io/nn-optimization/): the
sitemap, canonical links and notebook downloads use it (hooks/site_address.py). DEST/index.html sends a
reader to the language their browser prefers and DEST/404.html is the page-not-found page for the whole
site (a static host such as GitHub Pages serves it for any missing path).

--offline builds with Material's offline plugin (file:// links, search without a server) and writes a zip
whose folder `nn-optimization/` holds index.html, zh/ and en/.

Every build is strict: any MkDocs warning (a link to a missing page, a missing anchor, an unrecognised
link) or error (a missing snippet) stops it, with the message naming the page (docs/<lang>/<page>.md).
MkDocs' INFO lines are left out of the terminal; `--quiet` is not used, because it also keeps warnings
from being counted, so strict mode would pass a dead link.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.snippets import write_atomically  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}
DEFAULT_URL = "http://127.0.0.1:8000/"
OFFLINE_FOLDER = "nn-optimization"  # the folder inside the offline zip
TITLE = "神经网络优化 · Neural network optimization"
# a MkDocs log record starts with its level; lines indented under it continue it
RECORD = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s")
QUOTED_PAGE = re.compile(r"'([^'\s]+\.md)'")

STYLE = (
    "body{font:1.05rem/1.6 system-ui,sans-serif;margin:3rem auto;max-width:36rem;padding:0 1rem;"
    "color:#1f2328;background:#fff}h1{font-size:1.6rem;line-height:1.3}a{color:#3949ab;padding:.3em 0}"
    "@media (prefers-color-scheme:dark){body{color:#e2e4e9;background:#1e2129}a{color:#9fa8ff}}"
)
# The root page. Without JavaScript it is a page with both links.
INDEX = """<!doctype html>
<html lang="zh">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<link rel="alternate" hreflang="zh" href="{zh}">
<link rel="alternate" hreflang="en" href="{en}">
<style>{style}</style>
<script>
  // the reader's first preferred language decides: Chinese for zh*, English otherwise
  var preferred = (navigator.languages && navigator.languages[0]) || navigator.language || "";
  location.replace(/^zh/i.test(preferred) ? "{zh}" : "{en}");
</script>
<h1>{title}</h1>
<p><a href="{zh}" hreflang="zh" lang="zh">中文</a> · <a href="{en}" hreflang="en" lang="en">English</a></p>
"""
# Served for any missing path at any depth: its links are absolute paths below the site's address.
NOT_FOUND = """<!doctype html>
<html lang="zh">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>404 · 页面不存在 · Page not found</title>
<style>{style}</style>
<h1>404</h1>
<p>这个页面不存在。请从<a href="{zh}" hreflang="zh">中文首页</a>重新开始。</p>
<p lang="en">This page does not exist. Start again from the <a href="{en}" hreflang="en">English home page</a>.</p>
"""


class BuildFailed(Exception):
    """A language's build stopped; the message holds MkDocs' warnings and errors."""


@dataclass
class Built:
    seconds: dict[str, float] = field(default_factory=dict)  # per language (built at the same time)
    log: list[str] = field(default_factory=list)  # what was printed besides INFO lines (nothing, normally)
    wall: float = 0.0  # seconds from the start of the first build to the end of the last


def site_url(url: str) -> str:
    """The address as given, checked, with a trailing slash."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"the site address must look like https://example.org/nn-optimization/, not {url!r}")
    return url if url.endswith("/") else url + "/"


def readable(output: str, lang: str) -> list[str]:
    """MkDocs' output without INFO and DEBUG records, with pages named by their path in the repository and
    Python tracebacks cut to their last line (the error, which the ERROR record before it explains)."""
    kept, dropping = [], False
    for line in output.splitlines():
        record = RECORD.match(line)
        if record:
            dropping = record.group(1) in ("DEBUG", "INFO")
        elif line == "Traceback (most recent call last):":
            dropping = True  # with the indented frames after it
        elif not line[:1].isspace():
            dropping = False  # the error that ends a traceback, or text of its own
        if not dropping and line.strip():
            kept.append(QUOTED_PAGE.sub(lambda m: page_name(m, lang), line))
    return kept


def page_name(match: re.Match, lang: str) -> str:
    page = DOCS / lang / match.group(1)
    return f"'{page.relative_to(ROOT).as_posix()}'" if page.is_file() else match.group(0)


def build_language(lang: str, dest: Path, url: str, offline: bool) -> list[str]:
    """One strict MkDocs build for the site at `url` (this language at url/<lang>/); returns what it
    printed (INFO lines left out), raises BuildFailed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url, "OFFLINE": "true" if offline else "false"}
    # mkdocs resolves snippet paths against the working directory: run it from the root
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", CONFIGS[lang], "--site-dir", str(dest)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    log = readable(run.stdout, lang)
    if run.returncode != 0:
        raise BuildFailed(f"the {lang} site ({CONFIGS[lang]}, docs/{lang}) did not build:\n" + "\n".join(log))
    return log


def build(dest: Path, url: str = DEFAULT_URL, langs=tuple(CONFIGS), offline: bool = False) -> Built:
    """Build the languages into dest/<lang>/, plus dest/index.html and dest/404.html."""
    url = site_url(url)
    dest.mkdir(parents=True, exist_ok=True)
    built, start = Built(), time.perf_counter()

    def build_one(lang: str) -> list[str]:
        log = build_language(lang, dest / lang, url, offline)
        built.seconds[lang] = time.perf_counter() - start
        return log

    with ThreadPoolExecutor(max_workers=len(langs)) as pool:  # one MkDocs process per language, side by side
        for log in pool.map(build_one, langs):  # raises the first language's BuildFailed
            built.log += log
    built.wall = time.perf_counter() - start
    home = "index.html" if offline else ""  # file:// shows a folder's listing, not its index.html
    (dest / "index.html").write_text(
        INDEX.format(title=TITLE, style=STYLE, zh=f"zh/{home}", en=f"en/{home}"), encoding="utf-8"
    )
    if not offline:
        path = html.escape(urlsplit(url).path)
        (dest / "404.html").write_text(
            NOT_FOUND.format(style=STYLE, zh=f"{path}zh/", en=f"{path}en/"), encoding="utf-8"
        )
    return built


def build_offline(target: Path, url: str = DEFAULT_URL) -> Built:
    """Both languages for file:// into the zip `target`, written whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="offline-") as work:
        folder = Path(work) / OFFLINE_FOLDER
        built = build(folder, url, offline=True)
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*")):
                if path.name != "404.html":  # a server's page, with links from the server's root
                    archive.write(path, path.relative_to(work).as_posix())
    write_atomically(target, data.getvalue())
    return built


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", nargs="?", default=str(ROOT / "site"), help="folder to build into (site/)")
    parser.add_argument("--url", default=DEFAULT_URL, help=f"where the folder will be served ({DEFAULT_URL})")
    parser.add_argument("--lang", choices=CONFIGS, action="append", help="build only this language")
    parser.add_argument("--offline", metavar="ZIP", help="write a copy for file:// into this zip instead")
    args = parser.parse_args(argv)
    try:
        if args.offline:
            built = build_offline(Path(args.offline).resolve(), args.url)
            where = f"{args.offline} ({Path(args.offline).stat().st_size / 1e6:.1f} MB)"
        else:
            built = build(Path(args.dest).resolve(), args.url, tuple(args.lang or CONFIGS))
            where = f"{args.dest} for {site_url(args.url)}"
    except (BuildFailed, ValueError) as problem:
        print(f"tools/build_site.py: {problem}", file=sys.stderr)
        return 1
    for line in built.log:
        print(line, file=sys.stderr)
    times = ", ".join(f"{lang} {seconds:.1f} s" for lang, seconds in built.seconds.items())
    print(f"built {where} ({times}, side by side: {built.wall:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
