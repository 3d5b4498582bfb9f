"""What each command installs, and the publishing workflow: a reader's commands need neither root nor a
browser; the pins of the site's requirements are those of the full set; the GitHub Actions workflow runs the
README's test command, then builds for the Pages address (actionlint checks its syntax in `make test`)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from tools import build_site

ROOT = build_site.ROOT
READER_TARGETS = ["serve", "site", "offline", "preview"]


def pins(name: str) -> dict[str, str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return dict(line.split("==", 1) for line in lines if "==" in line and not line.startswith("#"))


@pytest.mark.parametrize("target", READER_TARGETS)
def test_reader_commands_need_no_root_and_no_browser(target):
    """`make -n -B` prints every command the target would run, set-up included, without running any."""
    plan = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for word in ("apt-get", "sudo", "chromium", "requirements.txt"):
        assert not re.search(rf"(?<![\w-]){re.escape(word)}", plan), f"`make {target}` would run {word}:\n{plan}"
    assert "requirements-site.txt" in plan and "npm ci" in plan, f"`make {target}` sets up nothing:\n{plan}"


def test_site_requirements_are_pinned_like_the_full_set():
    site, full = pins("requirements-site.txt"), pins("requirements.txt")
    assert "mkdocs-material" in site and "tensorflow-cpu" not in site
    differ = {name: (version, full.get(name)) for name, version in site.items() if full.get(name) != version}
    assert not differ, f"requirements-site.txt pins differ from requirements.txt (run `make lock`): {differ}"


def test_workflow_tests_then_publishes_the_site_for_its_address():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "make test" in runs, "the workflow must run the README's test command"
    site = next((i for i, run in enumerate(runs) if run.startswith("make site SITE_URL=")), None)
    assert site is not None and site > runs.index("make test"), f"no `make site SITE_URL=...` after the tests: {runs}"
    assert "steps.pages.outputs.base_url" in runs[site], "the site must be built for the Pages address"
    assert ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"] == [
        name for name in uses if name.startswith(("actions/configure", "actions/upload", "actions/deploy"))
    ]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_site_requirements_install_on_the_oldest_python_311_readers_have(tmp_path):
    """Debian 12's python3 is 3.11.2; `make serve` must install there. pip reads each pinned release's
    Requires-Python (and whether it was yanked) from the package index without installing anything."""
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--ignore-installed",
         "--python-version", "3.11.2", "--target", str(tmp_path), "--requirement", "requirements-site.txt"],
        cwd=ROOT, capture_output=True, text=True,
    )
    said = pip.stdout + pip.stderr
    assert pip.returncode == 0, f"requirements-site.txt does not install on Python 3.11.2:\n{said[-3000:]}"
    assert "yanked" not in said, f"requirements-site.txt pins a yanked release:\n{said[-3000:]}"
