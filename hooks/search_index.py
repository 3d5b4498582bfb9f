"""MkDocs hook: a search index that finds the right lesson and shows readable previews (tests/test_search.py
types the queries of tests/search_queries.yml into the search box of the built site).

Material's search plugin indexes each section's title and text (the text, HTML included, is also the
preview of a result). This hook changes what it indexes:
- The snippets' printed outputs stay out of the index: tables of numbers are noise in search results.
  An output block is a code block whose fence includes only `.out` files; its title (e.g. "Output",
  "输出") is read from the page's own Markdown, and the built block with that title gets Material's
  `data-search-exclude`. The block itself is shown and copied as before.
- Of the exercises that end a lesson (tools/exercises.py) only the titles are indexed: a preview of a solution
  would give the answer away, search should lead to where a topic is taught, and a smaller index loads sooner.
- Neighbouring tab labels ("TensorFlow 2", "TensorFlow 1（旧版）") are separated by a space, which the page
  does not show (they are flex items) but the index keeps: they no longer run together in previews.
- Code blocks leave the text (a preview shows prose, not a whole program). The names they use stay
  searchable in a field of their own, KEYS, which the search box searches but the preview does not show;
  a dotted name is also indexed by its last parts, so that "ExponentialDecay" and "l2_loss" find
  `tf.keras.optimizers.schedules.ExponentialDecay` and `tf.nn.l2_loss`, in code blocks and inline code.
- Formulas are indexed in a readable form (`\\frac{\\partial loss}{\\partial w}` -> `∂loss/∂w`), not as
  LaTeX source.
- KEYS also holds the other spellings of the English words: "overfitting" for "over-fitting",
  "regularisation" for "regularization".
- The glossary page lists every term once, in a table: it comes after the lessons that explain a term
  (GLOSSARY_BOOST), and is still found first by its own title.
- Material's search worker cuts a Chinese query into the words of the index, but never lets a word reach
  the query's last character (梯度消失 -> 梯度, 学习率衰减 -> 学习率 + 衰), so Chinese queries lost their end.
  In the worker that the build copies into the site, that function is replaced (SEGMENT); the build fails if
  Material's worker no longer contains it, so an upgrade cannot undo the fix unnoticed.
- The index is written as UTF-8 instead of \\u escapes: the same JSON, a sixth smaller for Chinese.
- The index is fetched when the reader first opens search (a click on the search box or icon, or its keyboard
  shortcut), not by every page: Material's bundle already waits for that on file:// (the offline copy) and
  fetches at once elsewhere; in the bundle that the build copies into the site, it waits everywhere
  (ON_DEMAND). Until the index arrives, the results say Material's "Initializing search".
- jieba, which Material's search uses to cut Chinese text into words, keeps its start-up lines
  ("Building prefix dict ...") to itself: a build prints only what needs the reader's attention.
"""

from __future__ import annotations

import builtins
import html
import json
import keyword
import logging
import re
import sys
from pathlib import Path

import jieba
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run as a script does not put the working directory on the path
    sys.path.insert(0, str(ROOT))

from tools import exercises, jieba_terms  # noqa: E402

jieba.setLogLevel(logging.WARNING)  # after jieba's import, which sets its logger to DEBUG

# ```text title="Output"   followed by   --8<-- "<page>/<name>.out" lines, then the closing fence
OUTPUT_FENCE = re.compile(r'^\s*(`{3,}|~{3,}).*?\btitle="([^"]+)".*\n(?:\s*--8<--\s+"[^"]+\.out"\s*\n)+\s*\1\s*$', re.M)
# the blocks of the exercises section that hold text (not its headings): kept out of the index
EXERCISE_BLOCK = re.compile(r"<(p|ol|ul|div|details|table|blockquote)\b([^>]*)>")
TAB_LABELS = re.compile(r'(<div class="tabbed-labels[^"]*">)(.*?)(</div>)', re.S)

# the index fields of code names and other spellings, searched but never shown: those of the section's text
# weigh as much as its words, those of its title as much as the title (Material's boosts: title 1000, text 1)
KEYS, TITLE_KEYS = "keys", "title_keys"
FIELD_BOOSTS = {KEYS: 1.0, TITLE_KEYS: 1000.0}
GLOSSARY_PAGE = "glossary/"  # its location in the index (the pages are built with directory URLs)
GLOSSARY_BOOST = 0.2

# a code block in the index text, with the file name that Material shows as its title (right before it)
CODE_BLOCK = re.compile(r"([A-Za-z0-9_.\-]+\.[A-Za-z][A-Za-z0-9]{0,4})?<pre>(.*?)</pre>", re.S)
INLINE_CODE = re.compile(r"<code>(.*?)</code>", re.S)
TAG = re.compile(r"<[^>]+>")
NAME = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
COMMENT_OR_STRING = re.compile(  # code names only: comments and printed text are prose
    r"#[^\n]*|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'")
PYTHON_WORDS = set(keyword.kwlist) | set(dir(builtins))
HYPHENATED = re.compile(r"\b([A-Za-z]{2,})-([A-Za-z]{2,})\b")
IZE = re.compile(r"\b[A-Za-z]+iz(?:e|es|ed|ing|er|ers|ation|ations)\b", re.I)

FORMULA = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.S)
MATH_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "eta": "η",
    "theta": "θ", "lambda": "λ", "mu": "μ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ",
    "omega": "ω", "Delta": "Δ", "Sigma": "Σ", "nabla": "∇", "partial": "∂", "sum": "Σ", "prod": "Π",
    "infty": "∞", "cdot": "·", "times": "×", "approx": "≈", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "ne": "≠", "neq": "≠", "pm": "±", "in": "∈", "cdots": "⋯", "ldots": "…", "dots": "…", "to": "→",
    "rightarrow": "→", "leftarrow": "←", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    "lvert": "|", "rvert": "|", "vert": "|", "mid": "|", "quad": " ", "qquad": " ",
}
MATH_DROPPED = {"left", "right", "big", "bigl", "bigr", "Big", "Bigl", "Bigr", "displaystyle", "limits"}
MATH_ACCENTS = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "vec": "\u20d7", "dot": "\u0307"}
MATH_TEXT = {"text", "mathrm", "texttt", "mathbf", "mathit", "operatorname", "boldsymbol", "mathcal"}

# Material's worker cuts a Chinese query into words of the index (segment() in its search/query/segment):
# at each position the longest word that ends before the query's last character (j < length), then it
# continues only where a word starts, before the last character; if the first character starts no word,
# it gives up and searches the whole query as one word. So 梯度消失 became 梯度, 学习率衰减 became 学习率 + 衰,
# and 可复现的随机数 (可 is no word of the index) found nothing. It is replaced by the plain rule: from the
# start, take the longest word of the index, or skip a character that starts none; the query's words are
# the words taken (then, as before, each gets Material's trailing wildcard).
SEGMENT = re.compile(r'function (\w+)\((\w+),(\w+)\)\{let (\w+)=new Set,\w+=new Uint16Array\(\2\.length\);'
                     r'.*?return \4\.has\(""\)\?new Set\(\[\2\]\):\4\}', re.S)
GREEDY_SEGMENT = ("function {name}(query,index){{let words=new Set;for(let start=0;start<query.length;){{"
                  "let length=0;for(let end=start+1;end<=query.length;end++)"
                  "if(query.slice(start,end)in index)length=end-start;"
                  "if(length){{words.add(query.slice(start,start+length));start+=length}}else start++}}"
                  "return words.size?words:new Set([query])}}")

# After lunr's scores, Material boosts each result by (1 + b²), b = 1 for a page's own entry plus the share of
# the query's words it matches: a page that matches one word in a heading (1000 times a word of the text)
# still ranks above a section that matches every word ("chain rule" listed "The update rule" first,
# 参数个数 listed 参数更新公式). The share of the query's words a result matches now comes first: a result
# that matches every word ranks above one that matches fewer, and lunr's score orders results within that.
COORDINATION = re.compile(r"(\w+)=\+!(\w+)\.parent\+(Object\.values\((\w+)\)\.filter\((\w+)=>\5\)\.length/"
                          r"Object\.keys\(\4\)\.length);(.*?)score:(\w+)\*\(1\+(\w+)\(\1,2\)\)", re.S)
MATCHED_FIRST = "{boost}=+!{doc}.parent+{share};{between}score:{score}*(1+{power}({boost},2))*Math.pow(1e6,{share})"
# Material's bundle sends the index to the search worker once `merge(of(location.protocol !== "file:"),
# watchToggle("search"))` is true: at once over http(s), when search opens on file://. Keep only the toggle.
ON_DEMAND = re.compile(r'[\w$]+\([\w$]+\(location\.protocol!=="file:"\),([\w$]+\("search"\))\)')
# Its search.highlight (the words searched for, marked on the page a result leads to: ?h=...) waits for the index
# too, with combineLatest([index$, location$ that has ?h=]), which fetches the index at once on every page. It
# now asks for the index only once an address with ?h= comes: location$.pipe(switchMap(at => index$.pipe(
# map(index => [index, at])))). Rxjs' minified switchMap and map are read from the code around them.
HIGHLIGHT = re.compile(r'return [\w$]+\(\[(\w+),(\w+\.pipe\([^\[\]]*?searchParams\.get\("h"\)\)\))\]\)'
                       r'(?=\.pipe\(([\w$]+)\(\(\[)')
SWITCH_MAP = re.compile(r'\.pipe\([\w$]+\(\w+=>\w+\),([\w$]+)\(\(\)=>\w+\)\)\.subscribe\(\(\{config:')
HIGHLIGHT_FIX = "return {at}.pipe({switch_map}(__at=>{index}.pipe({map}(__index=>[__index,__at]))))"
WORKER_FIXES = (
    (SEGMENT, lambda m: GREEDY_SEGMENT.format(name=m[1])),
    (COORDINATION, lambda m: MATCHED_FIRST.format(boost=m[1], doc=m[2], share=m[3], between=m[6], score=m[7],
                                                  power=m[8])),
)


def on_page_content(content, page, config, files):
    titles = {html.escape(match[2], quote=False) for match in OUTPUT_FENCE.finditer(page.markdown or "")}
    for title in titles:
        content = content.replace(
            f'<div class="highlight"><span class="filename">{title}</span>',
            f'<div class="highlight" data-search-exclude><span class="filename">{title}</span>',
        )
    start = content.find(f'<h2 id="{exercises.SECTION_ID}"')
    if start >= 0:
        content = content[:start] + EXERCISE_BLOCK.sub(r"<\1\2 data-search-exclude>", content[start:])
    return TAB_LABELS.sub(lambda m: m[1] + m[2].replace("</label><label", "</label> <label") + m[3], content)


def math_group(latex: str, start: int) -> tuple[str, int]:
    """The argument at latex[start:] ({...} or one character): (its LaTeX, the index after it)."""
    while start < len(latex) and latex[start] == " ":
        start += 1
    if start >= len(latex):
        return "", start
    if latex[start] != "{":
        if latex[start] == "\\":
            command = re.match(r"\\(?:[A-Za-z]+|.)", latex[start:])[0]
            return command, start + len(command)
        return latex[start], start + 1
    depth = 0
    for end in range(start, len(latex)):
        depth += {"{": 1, "}": -1}.get(latex[end], 0)
        if depth == 0:
            return latex[start + 1:end], end + 1
    return latex[start + 1:], len(latex)


def wrapped(text: str) -> str:
    """A fraction's part or an exponent, in parentheses unless it is a single symbol or number."""
    return text if re.fullmatch(r"[\w.∂∇′]+", text) else f"({text})"


def readable_math(latex: str) -> str:
    """LaTeX -> text a reader can read in a search preview: \\frac{a}{b} -> a/b, \\beta_1 -> β_1, ..."""
    out, i = [], 0
    while i < len(latex):
        char = latex[i]
        if char == "\\":
            command = re.match(r"\\([A-Za-z]+|.)", latex[i:])
            name, i = command[1], i + len(command[0])
            if name in ("frac", "tfrac", "dfrac"):
                top, i = math_group(latex, i)
                bottom, i = math_group(latex, i)
                out.append(f"{wrapped(readable_math(top))}/{wrapped(readable_math(bottom))}")
            elif name == "sqrt":
                body, i = math_group(latex, i)
                out.append(f"√{wrapped(readable_math(body))}")
            elif name in MATH_ACCENTS:
                body, i = math_group(latex, i)
                out.append(readable_math(body) + MATH_ACCENTS[name])
            elif name in MATH_TEXT:
                body, i = math_group(latex, i)
                out.append(body)
            elif name in ("begin", "end"):
                _, i = math_group(latex, i)
            elif name == "\\":
                out.append("; ")
            elif name in MATH_SYMBOLS:
                out.append(MATH_SYMBOLS[name])
            elif name in MATH_DROPPED or not name.isalpha() and name not in "_%{}#$&":
                out.append(" " if name in ",;: " else "")
            else:  # \_ -> _, \ln -> ln, and any other command by its name
                out.append(name)
        elif char in "_^":
            body, i = math_group(latex, i + 1)
            body = readable_math(body)
            out.append(char + (body if re.fullmatch(r"[\w′]+", body) else f"({body})"))
        elif char in "{}":
            i += 1
        elif char == "&":
            out.append(" ")
            i += 1
        elif char == "'":
            out.append("′")
            i += 1
        else:
            out.append(char)
            i += 1
    return re.sub(r"\s+", " ", "".join(out)).strip()


def readable_formulas(text: str) -> str:
    def replace(match):
        latex = html.unescape(match[1] if match[1] is not None else match[2])
        return html.escape(readable_math(latex), quote=False)

    return FORMULA.sub(replace, text)


def code_names(code: str) -> list[str]:
    """The names a piece of code uses, and the last parts of dotted names: tf.nn.l2_loss -> nn.l2_loss, l2_loss."""
    names = []
    for name in NAME.findall(COMMENT_OR_STRING.sub(" ", code)):
        parts = name.split(".")
        names += [".".join(parts[start:]) for start in range(len(parts))]
    return [name for name in names if len(name) > 1 and name not in PYTHON_WORDS]


def other_spellings(text: str) -> list[str]:
    """over-fitting -> overfitting; regularization -> regularisation."""
    words = [first + second for first, second in HYPHENATED.findall(text)]
    return words + [word.replace("iz", "is").replace("IZ", "IS") for word in IZE.findall(text)]


def inline_code_names(text: str) -> list[str]:
    return [name for code in INLINE_CODE.findall(text) for name in code_names(html.unescape(TAG.sub("", code)))]


def terms_in(text: str, terms: list[str]) -> list[str]:
    text = text.replace("\u200b", "")
    return [term for term in terms if term in text]


def clean_entry(entry: dict, terms: list[str]) -> None:
    """One section of the index: code blocks out of the text and into KEYS, formulas made readable."""
    keys = []

    def take_code(match):
        keys.extend([match[1]] if match[1] else [])
        keys.extend(code_names(html.unescape(TAG.sub("", match[2]))))
        return " "

    text = CODE_BLOCK.sub(take_code, entry["text"])
    entry["title"] = readable_formulas(entry["title"])
    entry["text"] = re.sub(r"\s{2,}", " ", readable_formulas(text)).strip()
    # other spellings only as words of the text: "learningrate" in a title must not draw "learning"
    words = html.unescape(TAG.sub(" ", f"{entry['title']} {entry['text']}"))
    keys += inline_code_names(entry["text"]) + other_spellings(words)
    keys += terms_in(entry["text"], terms)
    title_keys = inline_code_names(entry["title"]) + terms_in(entry["title"], terms)
    for field, found in ((KEYS, keys), (TITLE_KEYS, title_keys)):
        if found:
            entry[field] = " ".join(dict.fromkeys(key.lower() for key in found))
    if entry["location"].startswith(GLOSSARY_PAGE):
        entry["boost"] = GLOSSARY_BOOST


def fix(path: Path, fixes) -> None:
    """Apply each (pattern, replacement) of `fixes` to Material's script at `path`: each must match once."""
    code = path.read_text(encoding="utf-8")
    for pattern, fixed in fixes:
        code, count = pattern.subn(fixed, code)
        if count != 1:
            raise PluginError(f"hooks/search_index.py: found the code to fix {count} times, not once, in Material's "
                              f"{path.name}: check {pattern.pattern[:60]!r}... against it")
    path.write_text(code, encoding="utf-8")


def material_script(site_dir: Path, pattern: str) -> Path:
    found = sorted((site_dir / "assets" / "javascripts").glob(pattern))
    if len(found) != 1:
        raise PluginError(f"hooks/search_index.py: expected one {pattern} in the site, found {found}")
    return found[0]


def fix_search_scripts(site_dir: Path) -> None:
    fix(material_script(site_dir, "workers/search.*.min.js"), WORKER_FIXES)
    bundle = material_script(site_dir, "bundle.*.min.js")
    switch_map = SWITCH_MAP.findall(bundle.read_text(encoding="utf-8"))
    if len(switch_map) != 1:
        raise PluginError(f"hooks/search_index.py: found rxjs' switchMap {len(switch_map)} times, not once, where "
                          f"Material's {bundle.name} sends the index to its worker: check SWITCH_MAP against it")
    highlight = (HIGHLIGHT, lambda m: HIGHLIGHT_FIX.format(at=m[2], index=m[1], map=m[3], switch_map=switch_map[0]))
    fix(bundle, [(ON_DEMAND, r"\1"), highlight])


@event_priority(-50)  # after the search plugin has written the index
def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        # jieba cuts many glossary terms into words (tools/jieba_terms.py); the index keeps them whole too,
        # so that a query for the whole term (梯度消失) finds the sections that use it
        terms = jieba_terms.glossary_terms()
        for entry in data["docs"]:
            clean_entry(entry, terms)
        for field, boost in FIELD_BOOSTS.items():
            data["config"]["fields"].setdefault(field, {"boost": boost})
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        fix_search_scripts(Path(config.site_dir))
