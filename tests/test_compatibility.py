"""The record of how every snippet fares on other TensorFlow releases (snippets/compatibility.json, written by
`make compat`, tools/compat.py) is well-formed, agrees with the golden outputs on the pinned release, and the
pages say what it says, or "not yet checked" where a snippet changed after it was made (hooks/compatibility.py).

Running the snippets under the other releases is `make compat`'s job: it takes many minutes."""

from __future__ import annotations

import copy
import html
import json
import re

import pytest

from hooks import compatibility as hook
from tools import compat
from tools import snippets as runner

RECORD = json.loads(compat.RECORD.read_text(encoding="utf-8"))
RELEASES = list(RECORD["releases"])
MIN_RELEASES = 6
OLDEST_FOR_PYTHON_311 = "2.12"  # the first TensorFlow with wheels for Python 3.11
KERAS_2_LAST = "2.15"  # the last release with Keras 2 inside tf.keras


def minor(release: str) -> str:
    return ".".join(release.split(".")[:2])


def test_record_covers_enough_releases():
    assert RECORD["pinned"] == compat.pinned_release(), (
        f"{runner.rel(compat.RECORD)} was made for TensorFlow {RECORD['pinned']}, requirements.txt pins "
        f"{compat.pinned_release()}: run `make compat`")
    assert RELEASES == compat.releases(), (
        f"{runner.rel(compat.RECORD)} covers {RELEASES}; compat/ and requirements.txt name {compat.releases()}: "
        "run `make compat`")
    minors = [minor(r) for r in RELEASES]
    assert len(set(minors)) == len(minors) >= MIN_RELEASES, f"releases {RELEASES}: at least {MIN_RELEASES} minors"
    assert {OLDEST_FOR_PYTHON_311, KERAS_2_LAST} <= set(minors), f"releases {RELEASES} lack 2.12 or 2.15"


@pytest.mark.parametrize("release", RELEASES)
def test_each_release_records_its_environment(release):
    environment = RECORD["releases"][release]
    pins = dict(p.split("==", 1) for p in environment["packages"])
    assert pins.get("tensorflow-cpu", pins.get("tensorflow_cpu")) == release, f"{release}: {pins}"
    assert re.fullmatch(r"3\.11\.\d+", environment["python"]), f"{release}: Python {environment['python']}"
    if release == RECORD["pinned"]:
        lock = compat.PINNED_REQUIREMENTS.read_text(encoding="utf-8")
    else:
        lock = compat.lock_files()[release].read_text(encoding="utf-8")
    wanted = {name.lower().replace("_", "-"): version for name, version in
              re.findall(r"^([\w.-]+)==(\S+)$", lock, re.MULTILINE)}
    installed = {name.lower().replace("_", "-"): version for name, version in pins.items()}
    wrong = {name: (version, installed.get(name)) for name, version in wanted.items()
             if installed.get(name) != version}
    assert not wrong, f"TensorFlow {release}: the recorded environment is not its lock file (pinned, recorded): {wrong}"


def test_every_snippet_has_an_entry_for_every_release():
    names = [runner.rel_to_snippets(s) for s in runner.all_snippets()]
    assert list(RECORD["snippets"]) == names, "the record's snippets are not snippets/**/*.py: run `make compat`"
    for name, entry in RECORD["snippets"].items():
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", entry["hash"]), f"{name}: hash {entry['hash']!r}"
        assert list(entry["results"]) == RELEASES, f"{name}: results for {list(entry['results'])}"
        for release, result in entry["results"].items():
            where = f"{name} on TensorFlow {release}"
            status = result["status"]
            assert status in compat.STATUSES, f"{where}: status {status!r}"
            if status == "fails":
                assert result["error"].strip(), f"{where}: fails without an error"
            if status == "differs":
                assert result.get("diff") or result.get("figures"), f"{where}: differs, but neither diff nor figures"
                assert (result["lines"] > 0) == bool(result.get("diff")), f"{where}: {result['lines']} lines, diff?"


def test_pinned_release_agrees_with_the_golden_outputs():
    """On the release that produced the committed outputs every current snippet is identical: anything else
    means the record was made from other outputs, or the golden check would fail too."""
    pinned = RECORD["pinned"]
    current = {n: e for n, e in RECORD["snippets"].items() if hook.current(n, RECORD)}
    assert current, "no snippet's entry matches its files: the record is about an old tree, run `make compat`"
    wrong = {n: e["results"][pinned] for n, e in current.items() if e["results"][pinned]["status"] != "identical"}
    assert not wrong, f"on the pinned TensorFlow {pinned} these snippets are recorded as not identical: {wrong}"


def test_other_releases_really_were_compared():
    """Guard: a run that compared nothing would record every release as identical."""
    statuses = {r["status"] for e in RECORD["snippets"].values() for r in e["results"].values()}
    assert statuses >= {"identical", "differs"}, f"only {statuses} in the record"
    versions = RECORD["snippets"]["index/versions.py"]["results"]
    assert all(versions[r]["status"] == "differs" for r in RELEASES if r != RECORD["pinned"]), (
        "index/versions.py prints the versions, so it must differ on every other release")


# what the home pages say of the releases (docs/*/index.md, #compatibility): package, the versions meant, and the
# newest TensorFlow that installs them
HOME_PAGE_FACTS = [("keras", "2.", "2.15"), ("numpy", "1.", "2.17"), ("matplotlib", "3.10.", "2.13")]


@pytest.mark.parametrize("package, version, last", HOME_PAGE_FACTS)
def test_what_the_home_pages_say_of_the_releases_holds(package, version, last):
    def installed(release: str) -> str:
        return dict(p.split("==", 1) for p in RECORD["releases"][release]["packages"])[package]

    with_it = [r for r in RELEASES if installed(r).startswith(version)]
    up_to_last = [r for r in RELEASES if compat.release_key(r)[:2] <= compat.release_key(last)]
    assert with_it == up_to_last, (
        f"the home pages say TensorFlow {last} and older have {package} {version}x; the record says {with_it}")
    for lang in runner.LANGUAGES:
        home = (runner.DOCS / lang / "index.md").read_text(encoding="utf-8")
        assert f"TensorFlow {last} " in home, f"docs/{lang}/index.md no longer says which releases have {package}"


def stale_copy(name: str) -> dict:
    record = copy.deepcopy(RECORD)
    record["snippets"][name]["hash"] = "sha256:" + "0" * 64
    return record


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_an_edited_snippet_is_shown_as_not_yet_checked(lang):
    name = "03-lr-decay/decay_tf2.py"
    stale = stale_copy(name)
    line = hook.line_for(name, stale, lang)
    assert line == hook.TEXT[lang]["stale"], f"{lang}: a stale entry is shown as {line!r}"
    assert not any(release in line for release in RELEASES), "a stale line must claim nothing about a release"
    section = hook.home_section(stale, lang, lambda n: None)
    row = next(r for r in section.splitlines() if r.startswith(f"| {hook.label(name)} |"))
    assert hook.TEXT[lang]["stale_cell"] in row and hook.TEXT[lang]["cell"]["identical"] not in row, row


def test_lines_group_releases_and_link_their_differences():
    results = {r: {"status": "identical"} for r in RELEASES}
    results[RELEASES[0]] = results[RELEASES[1]] = {"status": "differs", "lines": 2, "diff": "-a\n+b"}
    results[RELEASES[2]] = {"status": "fails", "error": "AttributeError: x"}
    record = copy.deepcopy(RECORD)
    name = "03-lr-decay/decay_tf2.py"
    record["snippets"][name]["results"] = results
    first, third, last = (hook.short(RELEASES[i]) for i in (0, 2, -1))
    assert hook.line_for(name, record, "en") == (
        f"TensorFlow {first}–{hook.short(RELEASES[1])}: 2 lines differ · {third}: fails · "
        f"{hook.short(RELEASES[3])}–{last}: same output ([what differs](index.md#compat-03-lr-decay-decay_tf2))")
    assert hook.line_for(name, record, "zh").endswith(
        f"{hook.short(RELEASES[3])}–{last}：输出相同（[差异](index.md#compat-03-lr-decay-decay_tf2)）")


def visible(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def expected_lines(page) -> list[str]:
    """What the built page must show, line by line: one per output shown, or per snippet without one."""
    names = runner.includes_of(page)
    shown = {n for n in names if n.endswith(".out")}
    wanted = [n.removesuffix(".out") + ".py" if n.endswith(".out") else n for n in names
              if n.endswith(".out") or (n.endswith(".py") and n.removesuffix(".py") + ".out" not in shown)]
    return wanted


@pytest.mark.parametrize("page", [p for p in runner.pages() if runner.includes_of(p)], ids=runner.rel)
def test_built_pages_show_the_line_under_each_snippet(site, page):
    from tests.test_site import built_page

    lang = page.relative_to(runner.DOCS).parts[0]
    built = built_page(site[0], page)
    found = [visible(p) for p in re.findall(r'<p class="compat"[^>]*>(.*?)</p>', built, re.DOTALL)]
    wanted = [visible(re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", hook.line_for(n, RECORD, lang)).replace("`", ""))
              for n in expected_lines(page)]
    assert found == wanted, (
        f"{runner.rel(page)}: the lines under its snippets are\n{found}\nbut the record says\n{wanted}")


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_home_page_shows_the_whole_record(site, lang):
    from tests.test_site import built_page

    built = built_page(site[0], runner.DOCS / lang / "index.md")
    matrix = built.split('id="compat-matrix"', 1)[-1].split('id="compat-differences"', 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", matrix, re.DOTALL)
    assert len(rows) == len(RECORD["snippets"]) + 1, f"{lang}/index.html: {len(rows)} rows in the matrix"
    for name in RECORD["snippets"]:
        assert f">{hook.label(name)}<" in matrix, f"{lang}/index.html: no row for {name}"
    for name, entry in RECORD["snippets"].items():
        differing = any(r["status"] != "identical" for r in entry["results"].values())
        if differing and hook.current(name, RECORD):
            assert f'id="{hook.anchor(name)}"' in built, f"{lang}/index.html: no section for what differs in {name}"
