"""MkDocs hook: the widgets that recompute a snippet's output in the browser for the reader's settings.

A page places a widget with one line, `<div data-widget="lr-decay"></div>`. This hook replaces it by the
widget's settings form: one <input> or <select> per setting of the snippet, named after the snippet's
variable in lower case (LR_BASE -> lr_base), its default read from the snippet itself, so that the widget
starts where the snippet does. overrides/javascripts/widgets.js computes the table (<pre data-output>) and
the chart; tests/test_widgets.py checks them against the committed outputs, NumPy and TensorFlow.
"""

from __future__ import annotations

import ast
import html
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r'<div data-widget="([\w-]+)">\s*</div>')


@dataclass(frozen=True)
class Setting:
    name: str  # the snippet's variable, lower case
    kind: str  # "number", "integer", "checkbox" or "select"
    en: str
    zh: str
    low: float = 0  # the accepted range (the widget refuses anything else, and says why)
    high: float = 0
    step: float = 0  # what the arrow keys add
    slider: tuple[float, float, float] | None = None  # a slider's range and step, for settings worth sweeping
    options: tuple[str, ...] = ()


WIDGETS = {
    "learning-rate": ("02-learning-rate/gradient_descent_tf2.py", [
        Setting("lr", "number", "learning rate", "学习率", 0, 100, 0.01, (0, 1.2, 0.01)),
        Setting("w0", "number", "w at the start", "w 的初值", -1e6, 1e6, 1, (-10, 10, 0.5)),
        Setting("steps", "integer", "steps", "步数", 1, 10_000, 1),
    ]),
    "lr-decay": ("03-lr-decay/decay_tf2.py", [
        Setting("lr_base", "number", "rate at epoch 0", "初始学习率", 0, 100, 0.01, (0, 1, 0.01)),
        Setting("lr_decay", "number", "decay rate", "衰减率", 0, 10, 0.01, (0.5, 1, 0.005)),
        Setting("lr_step", "number", "epochs per factor", "衰减一整次所需轮数", 0.001, 10_000, 1, (1, 20, 1)),
        Setting("staircase", "checkbox", "whole factors only", "阶梯式衰减"),
        Setting("epochs", "integer", "epochs", "轮数", 1, 10_000, 1),
        Setting("w0", "number", "w at the start", "w 的初值", -1e6, 1e6, 1),
    ]),
    "optimizer-path": ("07-optimizers/optimizer_path.py", [
        Setting("optimizer", "select", "optimizer", "优化器",
                options=("sgd", "sgdm", "nesterov", "adagrad", "rmsprop", "adadelta", "adam")),
        Setting("lr", "number", "learning rate", "学习率", 0, 100, 0.01, (0, 3, 0.01)),
        Setting("beta", "number", "SGDM, Nesterov, RMSProp", "SGDM、Nesterov、RMSProp", 0, 1, 0.01),
        Setting("beta1", "number", "Adam, for m", "Adam 中 m 的", 0, 1, 0.01),
        Setting("beta2", "number", "Adam, for V", "Adam 中 V 的", 0, 1, 0.001),
        Setting("rho", "number", "AdaDelta", "AdaDelta", 0, 1, 0.01),
        Setting("eps", "number", "ε", "ε", 0, 1, 1e-7),
        Setting("steps", "integer", "steps", "步数", 1, 10_000, 1),
    ]),
}
OPTION_NAMES = {"sgd": "SGD", "sgdm": "SGDM", "nesterov": "Nesterov", "adagrad": "Adagrad",
                "rmsprop": "RMSProp", "adadelta": "AdaDelta", "adam": "Adam"}
TEXT = {
    "en": {
        "settings": "Settings of {snippet}",
        "intro": "Computed in your browser in float32, one operation at a time in the order TensorFlow runs "
                 "them: the table is what {snippet} prints with these settings, character for character.",
        "reset": "Back to the snippet's settings",
        "output": "What {snippet} prints",
        "noscript": "This widget needs JavaScript.",
    },
    "zh": {
        "settings": "{snippet} 的参数",
        "intro": "在你的浏览器里按 TensorFlow 的运算顺序逐个用 float32 计算：下表就是 {snippet} "
                 "在这组参数下打印的内容，一个字符都不差。",
        "reset": "恢复代码里的参数",
        "output": "{snippet} 打印的内容",
        "noscript": "这个小工具需要 JavaScript。",
    },
}


def defaults(snippet: Path) -> dict[str, object]:
    """The snippet's settings: its top-level `NAME = constant` assignments, by lower-case name."""
    found = {}
    for node in ast.parse(snippet.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id.isupper():
                    found[target.id.lower()] = node.value.value
    return found


def number(value: float) -> str:
    """A number as an HTML attribute: Python's shortest spelling, without a trailing ".0"."""
    return repr(float(value)).removesuffix(".0")


def control(widget: str, setting: Setting, value: object, lang: str) -> str:
    ident = f"widget-{widget}-{setting.name}"
    label = (f'<label for="{ident}"><code>{setting.name.upper()}</code> '
             f'<span class="nn-widget__hint">{html.escape(getattr(setting, lang))}</span></label>')
    if setting.kind == "select":
        options = "".join(f'<option value="{o}"{" selected" if o == value else ""}>{OPTION_NAMES[o]}</option>'
                          for o in setting.options)
        select = f'<select id="{ident}" name="{setting.name}">{options}</select>'
        return f'<div class="nn-widget__setting">{label}{select}</div>'
    if setting.kind == "checkbox":
        checked = " checked" if value else ""
        return (f'<div class="nn-widget__setting nn-widget__setting--check"><input type="checkbox" id="{ident}" '
                f'name="{setting.name}"{checked}>{label}</div>')
    attributes = (f'type="number" id="{ident}" name="{setting.name}" value="{number(value)}" '
                  f'min="{number(setting.low)}" max="{number(setting.high)}" step="{number(setting.step)}" '
                  f'inputmode="{"numeric" if setting.kind == "integer" else "decimal"}"')
    if setting.kind == "integer":
        attributes += " data-integer"
    slider = ""
    if setting.slider:
        low, high, step = map(number, setting.slider)
        # a second way to set the same value, by pointer; keyboards use the number field (arrow keys step it)
        slider = (f'<input type="range" min="{low}" max="{high}" step="{step}" value="{number(value)}" '
                  f'tabindex="-1" aria-hidden="true" data-slider-for="{setting.name}">')
    return f'<div class="nn-widget__setting">{label}<input {attributes}>{slider}</div>'


def widget_html(widget: str, lang: str) -> str:
    if widget not in WIDGETS:
        raise PluginError(f'unknown widget "{widget}" (known: {", ".join(WIDGETS)})')
    snippet_name, settings = WIDGETS[widget]
    values = defaults(ROOT / "snippets" / snippet_name)
    missing = [s.name.upper() for s in settings if s.name not in values]
    if missing:
        raise PluginError(f"snippets/{snippet_name} has no setting {', '.join(missing)} for the {widget} widget")
    text = {key: value.format(snippet=f"<code>{Path(snippet_name).name}</code>")
            for key, value in TEXT[lang].items()}
    controls = "".join(control(widget, s, values[s.name], lang) for s in settings)
    return (
        f'<div class="nn-widget" data-widget="{widget}" data-snippet="{snippet_name}" id="widget-{widget}">'
        f'<p class="nn-widget__intro">{text["intro"]}</p>'
        f'<form class="nn-widget__settings" aria-label="{html.escape(re.sub("<[^>]+>", "", text["settings"]))}" '
        f'novalidate>{controls}<button type="reset" class="md-button">{text["reset"]}</button></form>'
        f'<p class="nn-widget__message" data-message aria-live="polite"></p>'
        f'<div class="nn-widget__chart" data-chart></div>'
        f'<p class="nn-widget__caption">{text["output"]}</p>'
        f'<pre class="nn-widget__output" data-output tabindex="0">{text["noscript"]}</pre>'
        f"</div>"
    )


def on_page_content(html_text, page, config, files):
    lang = config.theme["language"]
    try:
        return MARKER.sub(lambda m: widget_html(m[1], lang), html_text)
    except PluginError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
