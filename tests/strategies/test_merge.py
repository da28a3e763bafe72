from hypothesis import given
from hypothesis import strategies as st

from strategies.merge import CONFLICT, merge_fields, merge_value, split_blocks

BASE = "<p>Alpha</p><p>Beta</p><p>Gamma</p>"


def test_edits_in_different_paragraphs_are_combined():
    mine = "<p>Alpha, edited by me</p><p>Beta</p><p>Gamma</p>"
    theirs = "<p>Alpha</p><p>Beta</p><p>Gamma, edited by them</p>"
    assert merge_value(BASE, mine, theirs) == "<p>Alpha, edited by me</p><p>Beta</p><p>Gamma, edited by them</p>"


def test_edits_of_the_same_paragraph_conflict():
    mine = "<p>Alpha one</p><p>Beta</p><p>Gamma</p>"
    theirs = "<p>Alpha two</p><p>Beta</p><p>Gamma</p>"
    assert merge_value(BASE, mine, theirs) is CONFLICT


def test_identical_edits_are_not_a_conflict():
    same = "<p>Alpha</p><p>Beta!</p><p>Gamma</p>"
    assert merge_value(BASE, same, same) == same


def test_insertions_at_the_same_place_conflict_but_elsewhere_merge():
    end_mine = BASE + "<p>Delta</p>"
    end_theirs = BASE + "<p>Epsilon</p>"
    assert merge_value(BASE, end_mine, end_theirs) is CONFLICT
    start_theirs = "<p>Zero</p>" + BASE
    assert merge_value(BASE, end_mine, start_theirs) == "<p>Zero</p>" + BASE + "<p>Delta</p>"


def test_deleting_a_paragraph_the_other_edited_conflicts():
    mine = "<p>Alpha</p><p>Gamma</p>"
    theirs = "<p>Alpha</p><p>Beta edited</p><p>Gamma</p>"
    assert merge_value(BASE, mine, theirs) is CONFLICT


def test_plain_text_merges_by_line():
    assert merge_value("a\nb\nc", "A\nb\nc", "a\nb\nC") == "A\nb\nC"


def test_non_text_values_merge_only_when_one_side_kept_them():
    assert merge_value(3, 4, 3) == 4
    assert merge_value(3, 3, 5) == 5
    assert merge_value(3, 4, 5) is CONFLICT


def test_merge_fields_reports_conflicts_and_combined_fields():
    base = {"a": BASE, "b": "x", "c": "same"}
    mine = {"a": "<p>Alpha!</p><p>Beta</p><p>Gamma</p>", "b": "mine", "c": "same"}
    theirs = {"a": "<p>Alpha</p><p>Beta</p><p>Gamma!</p>", "b": "theirs", "c": "same"}
    result = merge_fields(base, mine, theirs)
    assert result.conflicts == ["b"] and result.merged_fields == ["a"] and not result.ok
    assert result.values["a"] == "<p>Alpha!</p><p>Beta</p><p>Gamma!</p>"
    assert result.values["b"] == "theirs"  # nothing of theirs is overwritten while unresolved


paragraphs = st.lists(st.text(alphabet="abcxyz ", min_size=1, max_size=6).map(lambda t: f"<p>{t}</p>"), max_size=6)


@given(base=paragraphs, mine=paragraphs)
def test_one_sided_edits_always_win(base, mine):
    base_html, mine_html = "".join(base), "".join(mine)
    assert merge_value(base_html, mine_html, base_html) == mine_html
    assert merge_value(base_html, base_html, mine_html) == mine_html


@given(base=paragraphs, mine=paragraphs, theirs=paragraphs)
def test_a_merge_never_loses_either_sides_new_paragraphs(base, mine, theirs):
    merged = merge_value("".join(base), "".join(mine), "".join(theirs))
    if merged is CONFLICT:
        return
    blocks = split_blocks(merged)
    for block in set(mine) - set(base):
        assert block in blocks
    for block in set(theirs) - set(base):
        assert block in blocks
