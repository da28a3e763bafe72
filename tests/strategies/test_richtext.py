"""Reading rich text: what the editor rewrites without a change, and text for a text box."""

from strategies.richtext import html_as_text, same_html


def test_same_html_ignores_what_the_editor_rewrites():
    assert same_html("<p>a  b</p><p><b>c</b></p>", "<div>a b</div><div><strong>c</strong></div>")
    assert same_html("<p>x</p>\n<p></p>", "<div>x<br></div>")
    assert not same_html("<ul><li>a</li></ul>", "<ol><li>a</li></ol>")
    assert not same_html("<p>a</p>", "<p>b</p>")


def test_html_as_text_decodes_for_a_text_box():
    assert html_as_text("A &amp; B<br>C") == "A & B\nC"
    assert html_as_text("plain & simple") == "plain & simple"
