"""Plans of other provinces and communes and the seed in other shapes (xaso/intake/corpus/),
received as text, a real DOCX and a real PDF, give their expected targets and tasks; figures of
a retrospective part are never taken as targets. The 200 dpi scan runs in bench/intake_corpus.py
(a minute of OCR); test_scan.py reads one page of it."""

from __future__ import annotations

import pytest

from xaso.intake import corpus

DOCUMENTS = [d for d in corpus.load() if d.get("render", "text") != "scan"]


def test_corpus_has_ten_documents_three_not_from_the_seed():
    everything = corpus.load()
    assert len(everything) >= 10
    assert sum(1 for d in everything if not d.get("seed_derived")) >= 3


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d["name"] for d in DOCUMENTS])
def test_document_gives_its_expected_structure(document):
    _, score = corpus.run(document)
    assert score.identity_ok
    assert score.bases_missing == []
    assert score.targets_found == score.targets_expected, score.missed
    assert score.tasks_found == score.tasks_expected, score.missed
    assert score.retro_taken == []
