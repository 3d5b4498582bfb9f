"""tools/chinese_text.py joins a Chinese paragraph's lines and nothing else."""

from __future__ import annotations

import pytest

from tools import chinese_text


@pytest.mark.parametrize(
    "source, shown",
    [
        ("在一小批样本上\n算出来的", "在一小批样本上算出来的"),
        ("取 256 个，\n    再整体平移", "取 256 个，再整体平移"),  # inside an admonition or a list item
        ("是**过拟合**\n的表现", "是**过拟合**的表现"),
        ("过拟合是\n**学得太好**", "过拟合是**学得太好**"),
        ("见\n[上一节](02.md)", "见[上一节](02.md)"),
        ("用 `tf.where`\n计算", "用 `tf.where`\n计算"),  # a space between code and Chinese is wanted
        ("第一段。\n\n第二段", "第一段。\n\n第二段"),
        ("要点：\n- 第一点", "要点：\n- 第一点"),
        ("## 标题\n正文", "## 标题\n正文"),
        ("| 表格 |\n| 下一行 |", "| 表格 |\n| 下一行 |"),
        ('!!! warning "易错点"\n    内容', '!!! warning "易错点"\n    内容'),
        ("```python\n# 中文注释\n# 第二行\n```", "```python\n# 中文注释\n# 第二行\n```"),
        ("English text\nwraps here", "English text\nwraps here"),
    ],
)
def test_join_lines(source, shown):
    assert chinese_text.join_lines(source) == shown


def test_the_check_finds_breaks_in_html_and_markdown():
    html = "<p>在一小批样本上\n<strong>算出来</strong>的</p>\n<p>下一段</p><pre>中文\n中文</pre>"
    [gap] = chinese_text.broken_lines(html)  # not the break between paragraphs, not the one in <pre>
    assert "样本上\n<strong>算" in gap
    markdown = "在一小批样本上\n**算出来**的\n\n```\n中文\n中文\n```"
    assert len(chinese_text.broken_lines(markdown)) == 1
    assert chinese_text.broken_lines(chinese_text.join_lines(markdown)) == []
