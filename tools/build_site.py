"""Build both sites: docs/zh -> <dest>/zh, docs/en -> <dest>/en, and <dest>/index.html -> zh/.

    python tools/build_site.py [DEST]     (DEST defaults to site/)

Both builds are strict: a dead link, a missing anchor or a missing snippet stops the build.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}
REDIRECT = (
    '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=zh/">'
    '<a href="zh/">中文</a> · <a href="en/">English</a>\n'
)


def build(dest: Path) -> dict[str, float]:
    """Build both languages into dest; returns the seconds each build took."""
    dest.mkdir(parents=True, exist_ok=True)
    seconds = {}
    for lang, config in CONFIGS.items():
        start = time.perf_counter()
        # mkdocs resolves snippet paths against the working directory: run it from the root
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict",
             "--config-file", config, "--site-dir", str(dest / lang)],
            cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        seconds[lang] = time.perf_counter() - start
    (dest / "index.html").write_text(REDIRECT, encoding="utf-8")
    return seconds


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    for lang, secs in build(target.resolve()).items():
        print(f"built {lang} in {secs:.1f} s -> {target / lang}")
