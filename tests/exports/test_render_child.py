"""The render's child process (exports/pdf.py): it starts from the fonts its parent loaded once and from a heap
the garbage collector no longer walks, and it still makes the very PDF WeasyPrint makes alone, stays within
its time limit, and leaves nothing of one document to the next."""

import base64
import gc
import io
import logging
import time

import pytest

from exports import pdf
from exports.pdf import BASE_URL, RenderTimedOut, render_pdf, run_with_time_limit

SAMPLE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sample</title>
<link rel="stylesheet" href="{BASE_URL}static/css/print.css"></head><body>
<h1 class="section">1. Target audience</h1><h2>Segments</h2>
<p>Plain, <strong>bold</strong>, <em>italic</em> and <strong><em>both</em></strong>: 1,234.50 € – “quoted”.</p>
<table><thead><tr><th>Name</th><th>Reach</th></tr></thead><tbody><tr><td>Patients</td><td>40 %</td></tr></tbody>
</table><p class="small">Small print.</p></body></html>"""


def _state():
    """What the child sees of its own process."""
    return {
        "in_child": pdf._in_child,
        "fonts": pdf._fonts is not None,
        "frozen": gc.get_freeze_count(),
        "collecting": gc.isenabled(),
        "threshold": gc.get_threshold(),
    }


def test_a_render_in_the_child_makes_the_same_pdf_as_weasyprint_alone():
    in_child, pages = run_with_time_limit(render_pdf, SAMPLE, seconds=60)
    alone, alone_pages = render_pdf(SAMPLE)  # in this process: WeasyPrint's own fresh font configuration
    assert in_child.startswith(b"%PDF") and pages == alone_pages == 1
    assert in_child == alone  # byte for byte: the fonts loaded ahead change nothing in the output


def test_the_child_starts_from_the_loaded_fonts_and_a_frozen_heap():
    frozen_here = gc.get_freeze_count()
    child = run_with_time_limit(_state, seconds=30)
    assert child["in_child"] and child["fonts"]
    # Everything inherited is out of the collector's sight (a collection would copy the parent's heap)...
    assert child["frozen"] > frozen_here + 10_000
    # ... and the render's own garbage is still collected while young, without full collections.
    assert child["collecting"]
    young, middle, _old = gc.get_threshold()
    assert child["threshold"] == (young, middle, pdf.FULL_COLLECTIONS_NEVER)
    # The parent: unchanged.
    assert gc.isenabled() and gc.get_freeze_count() == frozen_here and not pdf._in_child
    assert gc.get_threshold() == (young, middle, _old)


def test_a_parent_without_garbage_collection_keeps_it_off_in_the_child_too():
    gc.disable()
    try:
        assert run_with_time_limit(_state, seconds=30)["collecting"] is False
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_hanging_render_is_still_killed_at_the_limit_and_the_next_one_renders():
    run_with_time_limit(render_pdf, SAMPLE, seconds=60)  # fonts loaded, as in a worker that has rendered before
    started = time.perf_counter()
    with pytest.raises(RenderTimedOut, match="longer than the limit of 0.5 seconds"):
        run_with_time_limit(time.sleep, 30, seconds=0.5)
    assert time.perf_counter() - started < 10
    content, pages = run_with_time_limit(render_pdf, SAMPLE, seconds=60)
    assert content.startswith(b"%PDF") and pages == 1


def _probe_font() -> bytes:
    """A one-glyph TrueType font named ProbeFace (fontTools comes with WeasyPrint)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 0))
    pen.lineTo((500, 700))
    pen.closePath()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    builder.setupGlyf({".notdef": pen.glyph(), "A": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "ProbeFace", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def _font_names(content: bytes) -> list[str]:
    from pypdf import PdfReader

    fonts = PdfReader(io.BytesIO(content)).pages[0]["/Resources"]["/Font"]
    return [str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values()]


def test_a_font_one_document_brings_never_reaches_the_next_and_leaves_no_files(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where WeasyPrint keeps a document's own fonts
    font = base64.b64encode(_probe_font()).decode()
    with_font = (
        '<html lang="en"><head><style>@font-face { font-family: ProbeFace; '
        f'src: url("data:font/ttf;base64,{font}") format("truetype"); }}'
        "p { font-family: ProbeFace; }</style></head><body><p>AAA</p></body></html>"
    )
    content, _pages = run_with_time_limit(render_pdf, with_font, seconds=60)
    assert _font_names(content) == ["ProbeFace"]  # the document's own font was used
    assert not list(tmp_path.glob("weasyprint-*"))  # and its copy on disk removed, though the child never exits
    assert pdf._fonts is not None and pdf._fonts._folder is None  # the parent's fonts: untouched

    without = '<html lang="en"><head><style>p { font-family: ProbeFace; }</style></head><body><p>AAA</p></body></html>'
    content, _pages = run_with_time_limit(render_pdf, without, seconds=60)
    assert "ProbeFace" not in _font_names(content)  # the next document does not find it


def test_renders_still_work_when_the_fonts_cannot_be_loaded_ahead(monkeypatch, caplog):
    def broken():
        raise OSError("no fonts here")

    monkeypatch.setattr(pdf, "_fonts", None)
    monkeypatch.setattr(pdf, "_fonts_tried", False)
    monkeypatch.setattr(pdf, "FontConfiguration", broken)
    with caplog.at_level(logging.ERROR, "exports.pdf"):
        content, pages = run_with_time_limit(render_pdf, SAMPLE, seconds=60)
    assert content == render_pdf(SAMPLE)[0] and pages == 1
    assert pdf._fonts is None and "each render loads its own" in caplog.text
    assert run_with_time_limit(_state, seconds=30)["fonts"] is False  # not tried again on every render


DOCUMENT = {"title": "Plan", "country": "Germany", "language": "en"}


def test_a_render_is_stored_with_one_insert(db, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from exports import services

    monkeypatch.setattr(services, "render_pdf", lambda html: (b"%PDF-ours", 1))
    with CaptureQueriesContext(connection) as captured:
        stored = services.render_document(
            key="k" * 64, kind="strategy", template="pdf/base.html", document=DOCUMENT, title="Plan"
        )
    # (The page cache's data version moves on after the commit; in a test, at the write: not a look-up.)
    statements = [
        q["sql"]
        for q in captured
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE")) and "core_dataversion" not in q["sql"]
    ]
    assert len(statements) == 1 and statements[0].startswith("INSERT")  # no second look for the key
    assert bytes(stored.content) == b"%PDF-ours" and stored.pages == 1 and stored.render_seconds > 0


def test_a_render_stored_first_by_another_worker_is_served_not_duplicated(db, monkeypatch):
    from exports import services
    from exports.models import RenderedPdf

    theirs = RenderedPdf.objects.create(key="k" * 64, kind="strategy", title="Plan", content=b"%PDF-theirs", pages=2)
    monkeypatch.setattr(services, "render_pdf", lambda html: (b"%PDF-ours", 1))
    stored = services.render_document(
        key="k" * 64, kind="strategy", template="pdf/base.html", document=DOCUMENT, title="Plan"
    )
    assert stored.pk == theirs.pk and bytes(stored.content) == b"%PDF-theirs"
    assert RenderedPdf.objects.count() == 1
