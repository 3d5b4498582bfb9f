"""MkDocs hook: a lighter search index (every page's first visit downloads all of it, and
tests/test_browser.py weighs that visit).

- The snippets' printed outputs stay out of the index: tables of numbers are noise in search results.
  An output block is a code block whose fence includes only `.out` files; its title (e.g. "Output",
  "输出") is read from the page's own Markdown, and the built block with that title gets Material's
  `data-search-exclude`. The block itself is shown and copied as before.
- The index is written as UTF-8 instead of \\u escapes: the same JSON, a sixth smaller for Chinese.
- jieba, which Material's search uses to cut Chinese text into words, keeps its start-up lines
  ("Building prefix dict ...") to itself: a build prints only what needs the reader's attention.
"""

import html
import json
import logging
import re
from pathlib import Path

import jieba
from mkdocs.plugins import event_priority

jieba.setLogLevel(logging.WARNING)  # after jieba's import, which sets its logger to DEBUG

# ```text title="Output"   followed by   --8<-- "<page>/<name>.out" lines, then the closing fence
OUTPUT_FENCE = re.compile(r'^\s*(`{3,}|~{3,}).*?\btitle="([^"]+)".*\n(?:\s*--8<--\s+"[^"]+\.out"\s*\n)+\s*\1\s*$', re.M)


def on_page_content(content, page, config, files):
    titles = {html.escape(match[2], quote=False) for match in OUTPUT_FENCE.finditer(page.markdown or "")}
    for title in titles:
        content = content.replace(
            f'<div class="highlight"><span class="filename">{title}</span>',
            f'<div class="highlight" data-search-exclude><span class="filename">{title}</span>',
        )
    return content


@event_priority(-50)  # after the search plugin has written the index
def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
