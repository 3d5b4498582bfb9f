"""Will it work on my TensorFlow? Run every snippet under other TensorFlow releases and record what it prints.

    python tools/compat.py run [NAME ...]   every snippet (or those whose path contains NAME) under every
                                            release; writes snippets/compatibility.json
    python tools/compat.py lock    re-pin compat/tf-<release>.txt from a fresh install of each release

The releases are the files compat/tf-<release>.txt (pinned with `lock`) and the release that
requirements.txt pins, which produced the committed outputs. Each runs in its own virtual environment,
.compat/tf-<release>/ (the pinned one in .venv), with the runner, environment and time limit of the golden
check (tools/snippets.run_snippet). For every snippet and release the record says

- identical: the same printed output and the same figures as the committed files;
- differs: the unified diff of the printed output (capped) and the figures that differ;
- fails: the last line of the error.

Each snippet's entry carries the hash of the snippet with its committed output and figures: when any of them
changes, the pages say "not yet checked on other versions" until `make compat` runs again
(hooks/compatibility.py). The test command checks the record (tests/test_compatibility.py), but does not run
it: a run takes many minutes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

if __name__ == "__main__":  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools import snippets as runner  # noqa: E402

ROOT = runner.ROOT
LOCKS = ROOT / "compat"  # compat/tf-<release>.txt: the pinned environment of each other release
VENVS = ROOT / ".compat"  # .compat/tf-<release>/: its virtual environment (not committed)
RECORD = runner.SNIPPETS / "compatibility.json"
PINNED_REQUIREMENTS = ROOT / "requirements.txt"
# what `lock` installs for a release: TensorFlow's CPU wheel (the CPU kernels of `tensorflow`, a third of
# the download) and the newest NumPy, Matplotlib and scikit-learn that it accepts
LOCK_PACKAGES = ["numpy", "matplotlib", "scikit-learn"]
MAX_DIFF_LINES = 40  # lines of a diff kept in the record
# What an SVG may change without changing the picture: Matplotlib's version, written into every file, and the
# names of its clip paths, hashed from Python reprs that NumPy 1 and 2 write differently
MATPLOTLIB_STAMP = re.compile(rb"Matplotlib v[\w.+-]+, https://matplotlib\.org/")
CLIP_ID = re.compile(rb"\bp[0-9a-f]{10}\b")
STATUSES = ("identical", "differs", "fails")


def release_key(release: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", release))


def pinned_release() -> str:
    """The TensorFlow release of requirements.txt: the one that produced the committed outputs."""
    found = re.search(r"^tensorflow[-_]cpu==(\S+)$", PINNED_REQUIREMENTS.read_text(encoding="utf-8"), re.MULTILINE)
    if not found:
        raise SystemExit(f"{runner.rel(PINNED_REQUIREMENTS)} pins no tensorflow-cpu release")
    return found[1]


def lock_files() -> dict[str, Path]:
    """release -> compat/tf-<release>.txt, oldest first."""
    found = {p.stem.removeprefix("tf-"): p for p in LOCKS.glob("tf-*.txt")}
    return dict(sorted(found.items(), key=lambda item: release_key(item[0])))


def releases() -> list[str]:
    return sorted([*lock_files(), pinned_release()], key=release_key)


def content_hash(snippet: Path) -> str:
    """The snippet, its committed output and its committed figures: a change to any of them makes the record's
    entry stale."""
    digest = hashlib.sha256()
    parts = [snippet, runner.output_path(snippet), *sorted(runner.committed_figures(snippet).values())]
    for path in parts:
        data = path.read_bytes() if path.exists() else b""
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return "sha256:" + digest.hexdigest()


def same_figure(a: bytes, b: bytes) -> bool:
    return a == b or picture(a) == picture(b)


def picture(svg: bytes) -> bytes:
    """The SVG without Matplotlib's version, its clip paths numbered in order of appearance."""
    names: dict[bytes, bytes] = {}
    svg = MATPLOTLIB_STAMP.sub(b"", svg)
    return CLIP_ID.sub(lambda m: names.setdefault(m[0], b"clip%d" % len(names)), svg)


def compare(run: runner.Run) -> dict:
    """What one run of a snippet under another release shows, measured against the committed files."""
    snippet = run.snippet
    if not run.ok:
        problem = run.problem() or ""
        lines = [line for line in (run.stderr if run.returncode else problem).splitlines() if line.strip()]
        if run.timed_out or not lines:
            lines = problem.splitlines()[:1]
        return {"status": "fails", "error": lines[-1].strip()}
    expected = runner.output_path(snippet).read_text(encoding="utf-8")
    committed = {name: path.read_bytes() for name, path in runner.committed_figures(snippet).items()}
    figures = sorted(
        name for name in set(committed) | set(run.figures)
        if name not in committed or name not in run.figures or not same_figure(committed[name], run.figures[name])
    )
    if run.stdout == expected and not figures:
        return {"status": "identical"}
    result: dict = {"status": "differs", "lines": changed_lines(expected, run.stdout)}
    if run.stdout != expected:
        name = runner.rel_to_snippets(runner.output_path(snippet))
        diff = runner.unified_diff(expected, run.stdout, f"{name} (committed)", f"{name} (this release)")
        diff_lines = diff.splitlines()
        if len(diff_lines) > MAX_DIFF_LINES:
            diff_lines = diff_lines[:MAX_DIFF_LINES] + [f"... ({len(diff_lines) - MAX_DIFF_LINES} more lines)"]
        result["diff"] = "\n".join(diff_lines)
    if figures:
        result["figures"] = figures
    return result


def changed_lines(expected: str, actual: str) -> int:
    """How many lines of the output differ: the larger of the lines removed and the lines added."""
    diff = runner.unified_diff(expected, actual, "a", "b").splitlines()[2:]
    removed = sum(1 for line in diff if line.startswith("-"))
    added = sum(1 for line in diff if line.startswith("+"))
    return max(removed, added)


def venv_python(release: str) -> Path:
    return VENVS / f"tf-{release}" / "bin" / "python"


def ensure_environment(release: str) -> str:
    """The interpreter of the release's environment, installed from its lock file when new or out of date."""
    if release == pinned_release():
        return sys.executable  # `make compat` runs in .venv, installed from requirements.txt
    lock = lock_files()[release]
    venv = VENVS / f"tf-{release}"
    stamp = venv / "installed-from.txt"
    if not stamp.exists() or stamp.read_bytes() != lock.read_bytes():
        print(f"installing TensorFlow {release} into {runner.rel(venv)} from {runner.rel(lock)} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        pip_install(venv_python(release), ["--requirement", str(lock)])
        stamp.write_bytes(lock.read_bytes())
    return str(venv_python(release))


def pip_install(python: Path | str, arguments: list[str]) -> None:
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *arguments],
                   check=True)


def packages(python: str) -> list[str]:
    """The environment's exact package versions, `name==version`, sorted."""
    freeze = subprocess.run([python, "-m", "pip", "freeze", "--all", "--disable-pip-version-check"],
                            capture_output=True, text=True, check=True).stdout
    return sorted((line for line in freeze.splitlines() if "==" in line), key=str.lower)


def python_version(python: str) -> str:
    return subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                          capture_output=True, text=True, check=True).stdout.strip()


def run(patterns: list[str]) -> int:
    """Run the snippets under every release and write the record. With patterns, only the snippets whose path
    contains one are run again; the others keep their entries (each with its own hash)."""
    start = time.perf_counter()
    chosen = releases()
    old = json.loads(RECORD.read_text(encoding="utf-8")) if patterns and RECORD.exists() else None
    if patterns and (old is None or list(old["releases"]) != chosen):
        print("the record covers other releases: run every snippet (`make compat`)", file=sys.stderr)
        return 2
    everything = runner.all_snippets()
    snippets = [s for s in everything if not patterns or any(p in runner.rel(s) for p in patterns)
                or runner.rel_to_snippets(s) not in old["snippets"]]
    if not snippets:
        print(f"no snippet matches {patterns}", file=sys.stderr)
        return 2
    pythons = {release: ensure_environment(release) for release in chosen}
    installed = time.perf_counter()
    jobs = [(release, snippet) for release in chosen for snippet in snippets]
    workers = os.cpu_count() or 1
    print(f"running {len(snippets)} snippets under {len(chosen)} TensorFlow releases on {workers} workers ...",
          flush=True)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        runs = list(pool.map(lambda job: runner.run_snippet(job[1], pythons[job[0]]), jobs))
    results = {(release, r.snippet): compare(r) for (release, _), r in zip(jobs, runs)}
    record = {
        "about": "Written by `make compat` (tools/compat.py); read by hooks/compatibility.py and "
                 "tests/test_compatibility.py. Do not edit by hand.",
        "pinned": pinned_release(),
        "releases": {
            release: {"python": python_version(pythons[release]), "packages": packages(pythons[release])}
            for release in chosen
        },
        "snippets": {
            runner.rel_to_snippets(snippet): {
                "hash": content_hash(snippet),
                "results": {release: results[release, snippet] for release in chosen},
            } if snippet in snippets else old["snippets"][runner.rel_to_snippets(snippet)]
            for snippet in everything
        },
    }
    runner.write_atomically(RECORD, (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    print(summary(record))
    print(f"wrote {runner.rel(RECORD)}: installs {installed - start:.0f} s, "
          f"runs {time.perf_counter() - installed:.0f} s ({sum(r.seconds for r in runs):.0f} s of snippet time)")
    return 0


def summary(record: dict) -> str:
    """How many snippets are identical, differ or fail under each release."""
    lines = [f"{'release':<10}" + "".join(f"{s:>11}" for s in STATUSES)]
    for release in record["releases"]:
        counts = [sum(1 for entry in record["snippets"].values() if entry["results"][release]["status"] == status)
                  for status in STATUSES]
        lines.append(f"{release:<10}" + "".join(f"{c:>11}" for c in counts))
    return "\n".join(lines)


def lock(chosen: list[str]) -> int:
    """Pin each release's environment: install it fresh, then write what pip chose to compat/tf-<release>.txt
    (the environment stays, installed from exactly that file)."""
    for release in chosen:
        venv = VENVS / f"tf-{release}"
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        pip_install(venv_python(release), [f"tensorflow-cpu=={release}", *LOCK_PACKAGES])
        pins = [p for p in packages(str(venv_python(release)))
                if not p.lower().startswith(("pip==", "setuptools==", "wheel=="))]
        text = (f"# Generated by `python tools/compat.py lock {release}`: TensorFlow {release} with the newest "
                f"{', '.join(LOCK_PACKAGES)} it accepts; do not edit by hand.\n" + "\n".join(pins) + "\n")
        LOCKS.mkdir(exist_ok=True)
        runner.write_atomically(LOCKS / f"tf-{release}.txt", text.encode("utf-8"))
        (venv / "installed-from.txt").write_text(text, encoding="utf-8")
        print(f"pinned {runner.rel(LOCKS / f'tf-{release}.txt')}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["run"]:
        return run(argv[1:])
    if argv[:1] == ["lock"]:
        return lock(argv[1:] or list(lock_files()))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
