"""Figures inside a report's sentences: a clause that would say 0 is left out."""

from xaso.documents.wording import counted


def test_a_count_is_written_with_its_words_and_its_lead():
    assert counted(1234, "lượt người tham gia", before=" với ") == " với 1.234 lượt người tham gia"


def test_nothing_to_count_leaves_the_clause_out():
    assert counted(0, "lượt người tham gia", before=" với ") == ""
    assert counted(None, "lượt học sinh") == ""
