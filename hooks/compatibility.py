"""MkDocs hook: under every snippet, one line that says how it fares on other TensorFlow releases; on the home
page, the whole record.

snippets/compatibility.json is written by `make compat` (tools/compat.py). This hook only reads it:
- under the output of each included snippet (under the code, where the page shows no output), a line such as
  "TensorFlow 2.12–2.15: 8 lines differ · 2.16–2.21: same output (what differs)", in the page's language;
- a snippet whose code, output or figures changed since the record was made gets "not yet checked" instead:
  the record's claim is about other files, and the page must not repeat it;
- `<div data-compatibility></div>` on the home page becomes the releases, the matrix of every snippet and
  release, and what differs, diff by diff.
tests/test_compatibility.py checks the record and what the built pages say.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run as a script does not put the working directory on the path
    sys.path.insert(0, str(ROOT))

from tools import compat  # noqa: E402
from tools import snippets as runner  # noqa: E402

MARKER = re.compile(r"^<div data-compatibility></div>$", re.MULTILINE)
FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
HOME = "index.md"
TEXT = {
    "en": {
        "identical": "same output",
        "differs": ("{subject} differs", "{subject} differ"),  # one thing, several things
        "fails": "fails",
        "line": ("1 line", "{n} lines"),
        "figure": ("1 figure", "{n} figures"),
        "and": " and ",
        "colon": ": ",
        "details": "what differs",
        "stale": "Not yet checked on other TensorFlow releases: this snippet, its output or its figures changed "
                 "after the last `make compat`.",
        "releases_head": "| TensorFlow | Python | Keras | NumPy | Matplotlib | same output | differs | fails |",
        "matrix_head": "Snippet",
        "cell": {"identical": "same", "figures": "figure", "fails": "fails"},
        "cell_and": " + ",
        "stale_cell": "not yet checked",
        "releases_title": "### The releases {#compat-releases}",
        "matrix_title": "### Every snippet {#compat-matrix}",
        "matrix_intro": "A cell says *same* when the snippet prints exactly its committed output and draws "
                        "exactly its committed figures; otherwise how many lines of the output differ, *figure* "
                        "when a figure does, or *fails*.",
        "what_title": "### What differs {#compat-differences}",
        "none": "Every snippet prints exactly its committed output on every release above.",
        "figures_list": "Figures that differ: {names}.",
        "pinned": "{release} (these pages)",
    },
    "zh": {
        "identical": "输出相同",
        "differs": ("{subject}不同", "{subject}不同"),
        "fails": "运行出错",
        "line": ("1 行", "{n} 行"),
        "figure": ("1 幅图", "{n} 幅图"),
        "and": "和",
        "colon": "：",
        "details": "差异",
        "stale": "尚未在其他 TensorFlow 版本上检查：上次运行 `make compat` 之后，这段代码、它的输出或它的图改过。",
        "releases_head": "| TensorFlow | Python | Keras | NumPy | Matplotlib | 输出相同 | 有差异 | 出错 |",
        "matrix_head": "代码",
        "cell": {"identical": "相同", "figures": "图", "fails": "出错"},
        "cell_and": " + ",
        "stale_cell": "尚未检查",
        "releases_title": "### 各个版本 {#compat-releases}",
        "matrix_title": "### 每段代码 {#compat-matrix}",
        "matrix_intro": "“相同”表示这段代码打印的内容和画出的图与提交的文件完全一致；否则写出输出中有几行不同，"
                        "有图不同时写“图”，运行失败时写“出错”。",
        "what_title": "### 哪里不同 {#compat-differences}",
        "none": "在上面每个版本上，每段代码打印的内容都与提交的输出完全相同。",
        "figures_list": "不同的图：{names}。",
        "pinned": "{release}（本网站）",
    },
}
_record: dict | None = None


def on_config(config):
    global _record
    try:
        _record = json.loads(compat.RECORD.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PluginError(f"{runner.rel(compat.RECORD)} cannot be read ({error}); run `make compat`") from None
    return config


def anchor(name: str) -> str:
    """07-optimizers/keras_optimizers.py -> compat-07-optimizers-keras_optimizers (its section on the home page)."""
    return "compat-" + re.sub(r"[^\w-]+", "-", name.removesuffix(".py")).strip("-")


def short(release: str) -> str:
    """2.15.1 -> 2.15: the record keeps one release of each minor version."""
    return ".".join(release.split(".")[:2])


def label(name: str) -> str:
    """03-lr-decay/exercises/first_within.py -> 03/exercises/first_within.py: the matrix's first column, kept narrow."""
    return re.sub(r"^(\d\d)-[^/]+/", r"\1/", name)


def current(name: str, record: dict) -> dict | None:
    """The record's entry for snippets/<name>, or None when the record is about an older version of it."""
    entry = record["snippets"].get(name)
    snippet = runner.SNIPPETS / name
    if entry is None or not snippet.is_file() or entry["hash"] != compat.content_hash(snippet):
        return None
    return entry


def plural(text: dict, key: str, n: int) -> str:
    one, many = text[key]
    return one if n == 1 else many.format(n=n)


def outcome(result: dict, text: dict) -> str:
    """One release's result in words: "same output", "8 lines differ", "fails"."""
    if result["status"] != "differs":
        return text[result["status"]]
    lines, figures = result["lines"], len(result.get("figures", []))
    things = ([plural(text, "line", lines)] if lines else []) + ([plural(text, "figure", figures)] if figures else [])
    one, several = text["differs"]
    verb = one if len(things) == 1 and lines + figures == 1 else several
    return verb.format(subject=text["and"].join(things))


def spans(releases: list[str], label) -> list[tuple[str, str]]:
    """Consecutive releases with the same label, as ("2.12–2.15", label)."""
    groups: list[list] = []
    for release in releases:
        value = label(release)
        if groups and groups[-1][1] == value:
            groups[-1][0].append(release)
        else:
            groups.append([[release], value])
    return [(short(rs[0]) + ("–" + short(rs[-1]) if len(rs) > 1 else ""), value) for rs, value in groups]


def line_for(name: str, record: dict, lang: str) -> str:
    """The line under a snippet, as Markdown."""
    text = TEXT[lang]
    entry = current(name, record)
    if entry is None:
        return text["stale"]
    results = entry["results"]
    said = spans(list(results), lambda release: outcome(results[release], text))
    parts = [f"{where}{text['colon']}{words}" for where, words in said]
    sentence = "TensorFlow " + " · ".join(parts)
    if any(r["status"] != "identical" for r in results.values()):
        link = f"[{text['details']}]({HOME}#{anchor(name)})"
        sentence += f" ({link})" if lang == "en" else f"（{link}）"
    return sentence


def add_lines(markdown: str, record: dict, lang: str) -> str:
    """Put the line after the fence that shows a snippet's output, or its code where no output is shown."""
    shown_outputs = {n for n in runner.INCLUDE.findall(markdown) if n.endswith(".out")}
    out, fence, indent, names = [], None, "", []
    for line in markdown.split("\n"):
        out.append(line)
        match = FENCE.match(line)
        if fence is None:
            if match:
                fence, indent, names = match[2], match[1], []
            continue
        if include := runner.INCLUDE.match(line):
            names.append(include[1])
        elif match and match[2].startswith(fence) and not match[3].strip():
            fence = None
            for name in names:
                if name.endswith(".out"):
                    snippet = name.removesuffix(".out") + ".py"
                elif name.endswith(".py") and name.removesuffix(".py") + ".out" not in shown_outputs:
                    snippet = name
                else:
                    continue
                out += ["", indent + line_for(snippet, record, lang), indent + "{: .compat data-search-exclude }"]
    return "\n".join(out)


def home_section(record: dict, lang: str, page_of) -> str:
    """The home page's record: the releases, every snippet under each, and every difference."""
    text = TEXT[lang]
    releases = list(record["releases"])
    entries = {name: current(name, record) for name in record["snippets"]}
    counted = [e for e in entries.values() if e]

    def version(release: str, package: str) -> str:
        pins = dict(p.split("==", 1) for p in record["releases"][release]["packages"])
        return pins.get(package, "–")

    out = [text["releases_title"], "", text["releases_head"], "|" + "---|" * 8]
    for release in releases:
        counts = [sum(1 for e in counted if e["results"][release]["status"] == s) for s in compat.STATUSES]
        name = text["pinned"].format(release=release) if release == record["pinned"] else release
        out.append(f"| {name} | {record['releases'][release]['python']} | {version(release, 'keras')} "
                   f"| {version(release, 'numpy')} | {version(release, 'matplotlib')} | "
                   + " | ".join(str(c) for c in counts) + " |")

    out += ["", text["matrix_title"], "", text["matrix_intro"], "",
            f"| {text['matrix_head']} | " + " | ".join(short(r) for r in releases) + " |",
            "|---|" + "---|" * len(releases)]
    for name, entry in entries.items():
        page = page_of(name)
        first = f"[{label(name)}]({page})" if page else label(name)
        if entry is None:
            out.append(f"| {first} | " + " | ".join([text["stale_cell"]] * len(releases)) + " |")
            continue
        cells = []
        for release in releases:
            result = entry["results"][release]
            if result["status"] == "differs":
                parts = [plural(text, "line", result["lines"])] if result["lines"] else []
                parts += [text["cell"]["figures"]] if result.get("figures") else []
                cell = text["cell_and"].join(parts)
            else:
                cell = text["cell"][result["status"]]
            if result["status"] != "identical":
                cell = f"[{cell}](#{anchor(name)})"
            cells.append(cell)
        out.append(f"| {first} | " + " | ".join(cells) + " |")

    out += ["", text["what_title"], ""]
    differing = {n: e for n, e in entries.items()
                 if e and any(r["status"] != "identical" for r in e["results"].values())}
    if not differing:
        out.append(text["none"])
    for name, entry in differing.items():
        out += [f"**`{name}`**", f"{{: #{anchor(name)} }}", ""]  # an anchor, not a heading: the contents stay short
        same_result = {r: json.dumps(entry["results"][r], sort_keys=True) for r in releases}
        for where, shown in spans(releases, same_result.get):
            result = json.loads(shown)
            if result["status"] == "identical":
                continue
            out += [f"**TensorFlow {where}**{text['colon']}{outcome(result, text)}", ""]
            if result["status"] == "fails":
                out += ["```text", result["error"], "```", ""]
            if "diff" in result:
                out += ["```diff", result["diff"], "```", ""]
            if "figures" in result:
                out += [text["figures_list"].format(names=", ".join(f"`{f}`" for f in result["figures"])), ""]
    return "\n".join(out)


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"]
    markdown = add_lines(markdown, _record, lang)
    if page.file.src_uri == HOME and MARKER.search(markdown):
        lessons = {p.name for p in (runner.DOCS / lang).glob("*.md")}

        def page_of(name: str) -> str | None:
            used = [Path(p).name for p in runner.pages_using(runner.SNIPPETS / name)
                    if p.startswith(f"docs/{lang}/") and Path(p).name in lessons]
            return used[0] if used and used[0] != HOME else None

        # out of search: 69 rows of "same" would drown every query (Material skips data-search-exclude)
        record = home_section(_record, lang, page_of)
        section = f'<div class="compat-record" markdown="1" data-search-exclude>\n\n{record}\n\n</div>'
        markdown = MARKER.sub(lambda _: section, markdown)
    return markdown
