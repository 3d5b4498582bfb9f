"""The Chinese pages show each snippet with Chinese comments and each figure with Chinese text.

A snippet is written once, in English (``snippets/<page>/<name>.py``, the file that runs). Beside it,
``<name>.zh.yml`` holds the Chinese of its comments and of the words in its figures:

    comments:            # every comment of the snippet, in order: a run of whole-line comments is one entry
      - en: |-
          Keras' ExponentialDecay schedule next to the hand-written formula,
          continuous and staircase, over 400 training steps.
        zh: |-
          Keras 的 ExponentialDecay 与手写公式对照……
    figure:              # every piece of text in its figures (numbers aside) -> the Chinese to show
      learning rate: 学习率

The Chinese site's pages (hooks/translated_snippets.py) and notebooks (tools/notebooks.py) show
``code(snippet, "zh")``; its figures are ``figure(svg, "zh")``. Only comments and figure text
change: the code that runs is token for token the same (tests/test_translations.py).

    python tools/translations.py update [NAME ...]   writes <name>.zh.yml for the snippets (all, or names
                                                     containing NAME): every comment and figure text, with
                                                     the translations that still apply; new ones left empty
"""

from __future__ import annotations

import html
import io
import re
import sys
import tokenize
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script (`python tools/translations.py update`): make `tools` importable
    sys.path.insert(0, str(ROOT))

from tools import snippets as runner  # noqa: E402

SOURCE_LANGUAGE = "en"
# comments that are not prose: Material's code annotation markers and tool pragmas stay as written
KEPT_COMMENT = re.compile(r"^\(\d+\)!?$|^(noqa|type:|fmt:|pragma)\b")
# a figure's text as matplotlib writes it with svg.fonttype "none" (tools/matplotlibrc): one <text> per
# label; mathtext and log-axis ticks are <tspan> glyphs, which hold no words to translate
SVG_TEXT = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")
# the attributes that hold coordinates (path data, positions, transforms), and a number with 3+ decimals in them
COORDINATES = re.compile(r'(\s(?:d|x|y|transform)=")([^"]*)(")')
COORDINATE = re.compile(r"-?\d+\.\d{3,}")
WORDLESS = re.compile(r"^[\s\d.,:;%+\-\u2212()\[\]=×/^*]*$")  # tick labels and other numbers


def shown(path: Path) -> str:
    """A path as messages name it: from the repository root (or whole, for a copy elsewhere)."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


class TranslationError(Exception):
    """A snippet's translation file is missing, malformed or incomplete (the message names the file)."""


@dataclass(frozen=True)
class Comment:
    """A whole-line comment block (lines first..last, same column) or a comment after code on one line."""

    first: int  # 1-based line numbers
    last: int
    column: int
    text: str  # without "# ", lines joined by "\n"
    after_code: bool


def comments(source: str) -> list[Comment]:
    """The snippet's comments in order; runs of whole-line comments at one column are one block."""
    found: list[Comment] = []
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        row, column = token.start
        text = re.sub(r"^#+ ?", "", token.string).rstrip()
        if KEPT_COMMENT.search(text):
            continue
        after_code = bool(lines[row - 1][:column].strip())
        previous = found[-1] if found else None
        if (not after_code and previous and not previous.after_code
                and previous.last == row - 1 and previous.column == column):
            found[-1] = Comment(previous.first, row, column, previous.text + "\n" + text, False)
        else:
            found.append(Comment(row, row, column, text, after_code))
    return found


def translation_file(snippet: Path, lang: str) -> Path:
    return snippet.resolve().with_name(f"{snippet.stem}.{lang}.yml")


@cache
def _load(path: Path, mtime: float) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise TranslationError(f"{shown(path)} is not valid YAML: {error}") from None
    if not isinstance(data, dict) or set(data) - {"comments", "figure"}:
        raise TranslationError(f"{shown(path)}: expected only the keys `comments` and `figure`")
    pairs = data.get("comments") or []
    if not all(isinstance(p, dict) and set(p) == {"en", "zh"} for p in pairs):
        raise TranslationError(f"{shown(path)}: every entry of `comments` needs `en` and `zh`")
    return {
        "comments": [(str(p["en"]).rstrip("\n"), str(p["zh"]).rstrip("\n")) for p in pairs],
        "figure": {str(k): str(v) for k, v in (data.get("figure") or {}).items()},
    }


def load(snippet: Path, lang: str) -> dict:
    """{"comments": [(en, zh), ...], "figure": {en: zh}} of a snippet, empty when it has no file."""
    path = translation_file(snippet, lang)
    if not path.is_file():
        return {"comments": [], "figure": {}}
    return _load(path, path.stat().st_mtime)


def code(snippet: Path, lang: str) -> str:
    """The snippet as the `lang` pages show it: its comments in that language, its code unchanged."""
    snippet = snippet.resolve()
    source = snippet.read_text(encoding="utf-8")
    if lang == SOURCE_LANGUAGE:
        return source
    found = comments(source)
    pairs = load(snippet, lang)["comments"]
    where = shown(translation_file(snippet, lang))
    if [en for en, zh in pairs if zh.strip()] != [c.text for c in found]:
        missing = [c.text for c in found if c.text not in {en for en, zh in pairs if zh.strip()}]
        stale = [en for en, _ in pairs if en not in {c.text for c in found}]
        raise TranslationError(
            f"{where} does not match the comments of {shown(snippet)} "
            f"(`python tools/translations.py update {snippet.stem}` lists what to translate)"
            + "".join(f"\n  not translated: {text!r}" for text in missing)
            + "".join(f"\n  no longer in the snippet: {text!r}" for text in stale)
            + ("\n  (same comments, another order)" if not missing and not stale else "")
        )
    lines = source.splitlines(keepends=True)
    for comment, (_, translated) in sorted(zip(found, pairs), key=lambda item: -item[0].first):
        if comment.after_code:
            line = lines[comment.first - 1]
            lines[comment.first - 1] = line[: comment.column] + "# " + translated + "\n"
        else:
            indent = " " * comment.column
            block = "".join(f"{indent}# {text}".rstrip() + "\n" for text in translated.split("\n"))
            lines[comment.first - 1 : comment.last] = [block]
    return "".join(lines)


def figure_words(svg: str) -> list[str]:
    """The texts of a figure that hold words, in order, each once."""
    texts = (html.unescape(match[2]) for match in SVG_TEXT.finditer(svg))
    return list(dict.fromkeys(text for text in texts if not WORDLESS.match(text)))


def lighter(svg: str) -> str:
    """The figure with its coordinates rounded to 0.01 pt, a fraction of a pixel: the file matplotlib writes
    (6 decimals) shrinks by about a fifth, gzip-compressed, and looks the same."""

    def rounded(match: re.Match) -> str:
        return match[1] + COORDINATE.sub(lambda m: f"{float(m[0]):.2f}".rstrip("0").rstrip("."), match[2]) + match[3]

    return COORDINATES.sub(rounded, svg)


def figure(svg: Path, lang: str) -> bytes:
    """A committed figure (English) as the site shows it: its words in `lang`, from the file of the snippet
    that draws it, and lighter()."""
    if lang == SOURCE_LANGUAGE:
        return lighter(svg.read_text(encoding="utf-8")).encode("utf-8")
    snippet = runner.figure_snippet(svg)
    table = load(snippet, lang)["figure"]
    text = svg.read_text(encoding="utf-8")
    missing = [words for words in figure_words(text) if not table.get(words, "").strip()]
    if missing:
        raise TranslationError(
            f"{shown(translation_file(snippet, lang))}: `figure` has no {lang} for "
            f"{', '.join(map(repr, missing))} ({svg.name})"
        )

    def translate(match: re.Match) -> str:
        words = html.unescape(match[2])
        return match[1] + html.escape(table.get(words, words), quote=False) + match[3]

    return lighter(SVG_TEXT.sub(translate, text)).encode("utf-8")


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line comments as YAML blocks (|-), as a translator would type them."""


_BlockDumper.add_representer(
    str, lambda dump, text: dump.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)
)


def template(snippet: Path, lang: str = "zh") -> str:
    """The translation file of the snippet as it is now, keeping every translation that still applies."""
    done = dict(load(snippet, lang)["comments"])
    table = load(snippet, lang)["figure"]
    data: dict = {"comments": [{"en": c.text, "zh": done.get(c.text, "")}
                               for c in comments(snippet.read_text(encoding="utf-8"))]}
    figures = sorted(runner.committed_figures(snippet).values())  # in the same order on every machine
    words = [w for svg in figures for w in figure_words(svg.read_text(encoding="utf-8"))]
    if words:
        data["figure"] = {w: table.get(w, "") for w in dict.fromkeys(words)}
    header = f"# The {lang} comments and figure text of {snippet.name} (tools/translations.py)\n"
    return header + yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=1000)


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        for snippet in runner.all_snippets():
            if len(argv) == 1 or any(name in runner.rel(snippet) for name in argv[1:]):
                path = translation_file(snippet, "zh")
                text = template(snippet)
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    runner.write_atomically(path, text.encode("utf-8"))
                    print(f"wrote {runner.rel(path)}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
