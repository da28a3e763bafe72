"""Diffs between versions keep what the text looks like, and escape every piece of user text."""

from strategies.diffs import html_diff


def test_diff_keeps_bullets_numbers_and_emphasis():
    old = "<ul><li>One</li><li>Two <strong>bold</strong></li></ul><ol><li>First</li></ol><p>An <em>aside</em></p>"
    new = (
        "<ul><li>One</li><li>Two <strong>bolder</strong></li><li>Three</li></ul>"
        "<ol><li>First</li></ol><p>An <em>aside</em></p>"
    )
    diff = str(html_diff(old, new))
    assert diff.startswith("<ul><li>One</li><li>Two <del><strong>bold</strong></del><ins><strong>bolder</strong></ins>")
    assert '<li class="diff-new-block"><ins>Three</ins></li></ul><ol><li>First</li></ol>' in diff
    assert "<p>An <em>aside</em></p>" in diff


def test_diff_marks_a_paragraph_turned_into_a_bullet():
    assert (
        str(html_diff("<p>A point</p>", "<ul><li>A point</li></ul>"))
        == '<ul><li class="diff-new-block">A point</li></ul>'
    )


def test_diff_escapes_user_text():
    diff = str(html_diff("<p>a &lt;script&gt;</p>", '<p>a &lt;script&gt; <a href="x">&quot;b&quot;</a></p>'))
    assert "<script>" not in diff and "&lt;script&gt;" in diff and "&quot;b&quot;" in diff
    assert str(html_diff("x < y", "x < y & z")) == "<p>x &lt; y<ins> &amp; z</ins></p>"
    hostile = str(html_diff("", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"))
    assert "<img" not in hostile and "&lt;img src=x onerror=alert(1)&gt;" in hostile


def test_diff_of_plain_text_keeps_lines_apart():
    assert str(html_diff("one\ntwo", "one\ntwo and more")) == "<p>one</p><p>two<ins> and more</ins></p>"
