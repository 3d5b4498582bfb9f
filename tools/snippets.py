"""Run the course snippets; regenerate their committed outputs and figures.

Every example on the site is a file ``snippets/<page>/<name>.py``. Running it prints
``<name>.out`` (committed beside it) and may save figures ``<name>.svg`` or
``<name>.<part>.svg`` into the working directory (also committed beside it).

    python tools/snippets.py regen [NAME ...]   rewrite outputs and figures (all, or names containing NAME);
                                                each snippet runs twice and is saved only if both runs agree
    python tools/snippets.py list               every snippet with the pages that include it

The check lives in tests/test_snippets.py and uses the same run_snippet().
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"
LANGUAGES = ("zh", "en")
TIMEOUT = float(os.environ.get("SNIPPET_TIMEOUT", "120"))  # seconds per snippet run (the slowest takes ~20 s)
MATPLOTLIBRC = Path(__file__).with_name("matplotlibrc")  # fixed SVG ids, no dates

# `--8<-- "02-learning-rate/gradient_descent_tf2.py"` inside a page (paths relative to snippets/)
INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"([^"]+)"[ \t]*$', re.MULTILINE)
# `![alt text](figures/03-lr-decay/exponential_schedule.svg)` inside a page; the alt text may hold
# one level of brackets, as in np.mgrid[1:3, 2:4]. Group "path" is the figure below snippets/.
FIGURE = re.compile(r"(?P<prefix>!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\()figures/(?P<path>[^)\s]+\.svg)\)")


def run_environment() -> dict[str, str]:
    """The environment every snippet runs in: what a reader has, minus randomness and noise."""
    env = dict(os.environ)
    env.update(
        PYTHONHASHSEED="0",  # str hashes (and so set order) fixed
        MPLBACKEND="Agg",  # no window; savefig only
        MATPLOTLIBRC=str(MATPLOTLIBRC),
        SOURCE_DATE_EPOCH="0",
        TF_CPP_MIN_LOG_LEVEL="2",  # keep TensorFlow's start-up chatter out of error reports
        CUDA_VISIBLE_DEVICES="",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


@dataclass
class Run:
    snippet: Path
    stdout: str = ""
    stderr: str = ""
    returncode: int | None = None
    seconds: float = 0.0
    timed_out: bool = False
    figures: dict[str, bytes] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and self.problem() is None

    def problem(self) -> str | None:
        """Why this run cannot be used as a golden output, or None."""
        if self.timed_out:
            return f"did not finish within {TIMEOUT:.0f} s (set SNIPPET_TIMEOUT to change)"
        if self.returncode != 0:
            # from the traceback on, if there is one: TensorFlow's start-up lines say nothing here
            start = self.stderr.find("Traceback (most recent call last)")
            return f"exited with code {self.returncode}:\n{self.stderr[max(start, 0):][-6000:]}"
        if not self.stdout.strip():
            return "printed nothing: every snippet must print what the page shows"
        stem = self.snippet.stem
        strays = [n for n in self.figures if figure_owner(n) != stem]
        if strays:
            return f"saved figures not named {stem}.svg or {stem}.<part>.svg: {', '.join(strays)}"
        return None


def figure_owner(figure_name: str) -> str:
    """`exponential_schedule.svg` and `exponential_schedule.a.svg` belong to exponential_schedule.py."""
    return figure_name.split(".", 1)[0]


def figure_snippet(figure: Path) -> Path:
    """snippets/<page>/activations.relu.svg -> snippets/<page>/activations.py, the snippet that draws it."""
    return figure.with_name(figure_owner(figure.name) + ".py")


def all_snippets() -> list[Path]:
    """snippets/<page>/<name>.py, and the exercises' snippets/<page>/exercises/<name>.py."""
    return sorted(SNIPPETS.rglob("*.py"))


def all_figures() -> list[Path]:
    return sorted(SNIPPETS.rglob("*.svg"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def output_path(snippet: Path) -> Path:
    return snippet.with_suffix(".out")


def committed_figures(snippet: Path) -> dict[str, Path]:
    return {p.name: p for p in snippet.parent.glob("*.svg") if figure_owner(p.name) == snippet.stem}


def pages() -> list[Path]:
    return sorted(p for lang in LANGUAGES for p in (DOCS / lang).glob("**/*.md"))


def includes_of(page: Path) -> list[str]:
    """Snippet-relative paths a page includes, in order."""
    return INCLUDE.findall(page.read_text(encoding="utf-8"))


def figures_of(page: Path) -> list[str]:
    """Snippet-relative figure paths a page shows, in order."""
    return figures_of_text(page.read_text(encoding="utf-8"))


def figures_of_text(text: str) -> list[str]:
    return [match["path"] for match in FIGURE.finditer(text)]


def pages_using(snippet: Path) -> list[str]:
    """Pages that include the snippet, its output or one of its figures."""
    own = {rel_to_snippets(snippet), rel_to_snippets(output_path(snippet))}
    own |= {rel_to_snippets(snippet.parent / name) for name in committed_figures(snippet)}
    return [rel(p) for p in pages() if own & (set(includes_of(p)) | set(figures_of(p)))]


def rel_to_snippets(path: Path) -> str:
    return path.relative_to(SNIPPETS).as_posix()


def run_snippet(snippet: Path, python: str = sys.executable) -> Run:
    """Run one snippet as a reader would (`python name.py` in an empty folder); `python` is the interpreter of
    the environment to run it in (tools/compat.py runs every snippet under other TensorFlow releases too)."""
    result = Run(snippet)
    with tempfile.TemporaryDirectory(prefix="snippet-") as workdir:
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [python, str(snippet)],
                cwd=workdir,
                env=run_environment(),
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired as exc:
            result.timed_out = True
            result.stderr = exc.stderr.decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        else:
            result.returncode = proc.returncode
            result.stdout, result.stderr = proc.stdout, proc.stderr
        result.seconds = time.perf_counter() - start
        result.figures = {p.name: p.read_bytes() for p in sorted(Path(workdir).glob("*.svg"))}
    return result


def unified_diff(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True), expected_name, actual_name
    )
    return "".join(lines)


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target, then rename: a reader never sees a half-written file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; committed files are world-readable
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(run: Run) -> list[str]:
    """Commit a successful run to disk; returns the files that changed."""
    assert run.ok, "only a successful run may replace golden files"
    changed = []
    targets = {output_path(run.snippet): run.stdout.encode("utf-8")}
    targets |= {run.snippet.parent / name: data for name, data in run.figures.items()}
    for path, data in targets.items():
        if not path.exists() or path.read_bytes() != data:
            write_atomically(path, data)
            changed.append(rel(path))
    for name, path in committed_figures(run.snippet).items():
        if name not in run.figures:  # the snippet no longer draws it
            path.unlink()
            changed.append(rel(path) + " (removed)")
    return changed


def regen(patterns: list[str]) -> int:
    chosen = [s for s in all_snippets() if not patterns or any(p in rel(s) for p in patterns)]
    if not chosen:
        print(f"no snippet matches {patterns}", file=sys.stderr)
        return 2
    workers = os.cpu_count() or 1
    print(f"running {len(chosen)} snippets twice on {workers} workers ...", flush=True)
    failed = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(run_snippet, chosen + chosen))  # the committed output must not depend on the run
    runs, again = results[:len(chosen)], results[len(chosen):]
    for run, second in zip(runs, again):
        if run.ok and (differ := disagreement(run, second)):
            failed.append(run)
            print(f"  FAIL  {run.seconds:6.1f} s  {rel(run.snippet)}: two runs differ; seed everything random.\n"
                  f"{differ}")
            print(f"        old output kept; used by: {', '.join(pages_using(run.snippet)) or 'no page'}")
        elif run.ok:
            changed = save(run)
            status = ("updated " + ", ".join(changed)) if changed else "unchanged"
            print(f"  ok    {run.seconds:6.1f} s  {rel(run.snippet)}: {status}")
            if stale := translation_problem(run.snippet):
                print(f"        the Chinese pages need: {stale}")
        else:
            failed.append(run)
            print(f"  FAIL  {run.seconds:6.1f} s  {rel(run.snippet)}: {run.problem()}")
            print(f"        old output kept; used by: {', '.join(pages_using(run.snippet)) or 'no page'}")
    print_slowest(runs)
    if failed:
        print(f"{len(failed)} snippet(s) failed; their committed outputs were left untouched.", file=sys.stderr)
        return 1
    return 0


def disagreement(run: Run, second: Run) -> str:
    """How a second run of the same snippet differs from the first ("" when it prints and draws the same)."""
    if not second.ok:
        return f"the second run {second.problem()}"
    name = rel(output_path(run.snippet))
    differ = unified_diff(run.stdout, second.stdout, f"{name} (first run)", f"{name} (second run)")
    figures = sorted(n for n in set(run.figures) | set(second.figures) if run.figures.get(n) != second.figures.get(n))
    return differ + (f"figures that differ: {', '.join(figures)}" if figures else "")


def translation_problem(snippet: Path) -> str | None:
    """What the snippet's <name>.zh.yml lacks after a change, or None (tools/translations.py)."""
    from tools import translations

    try:
        translations.code(snippet, "zh")
        for path in committed_figures(snippet).values():
            translations.figure(path, "zh")
    except translations.TranslationError as error:
        return str(error)
    return None


def print_slowest(runs: list[Run], count: int = 10) -> None:
    print(f"slowest snippets (total {sum(r.seconds for r in runs):.1f} s of snippet time):")
    for run in sorted(runs, key=lambda r: -r.seconds)[:count]:
        print(f"  {run.seconds:6.1f} s  {rel(run.snippet)}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["regen"]:
        sys.path.insert(0, str(ROOT))  # run as a script: make `tools` importable (translation_problem)
        return regen(argv[1:])
    if argv[:1] == ["list"]:
        for snippet in all_snippets():
            print(rel(snippet), "->", ", ".join(pages_using(snippet)) or "NO PAGE")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
