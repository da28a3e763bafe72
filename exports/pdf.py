"""Rendering HTML to PDF with WeasyPrint, safely.

WeasyPrint's default fetcher follows every URL it meets (img, CSS url() and @import, SVG href,
attachments, redirects) and resolves relative paths to files on the server. Ours refuses everything
except the app's own static assets (looked up through Django's staticfiles finders, never a raw path)
and data: URLs, and never follows a redirect. Every HTML() and CSS() object gets it.
"""

from __future__ import annotations

import gc
import logging
import mimetypes
import multiprocessing
import os
import posixpath
import shutil
import threading
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.templatetags.static import static
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

#: Relative links in print templates resolve against this origin; it exists only inside the fetcher.
BASE_URL = "https://pdf.invalid/"


class SafeURLFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allow_redirects=False, allowed_protocols={"data", "https"}, timeout=1)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if f"{parts.scheme}://{parts.netloc}/" == BASE_URL and parts.path.startswith(static_prefix):
            relative = posixpath.normpath(unquote(parts.path[len(static_prefix) :]))
            if not relative.startswith(("..", "/")):
                # The finders know the source files; in production the pages name the collected, hashed copies
                # (ManifestStaticFilesStorage), which only the storage knows.
                found = finders.find(relative) or _collected(relative)
                if found:
                    with open(found, "rb") as handle:
                        body = handle.read()
                    content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})
        self.refused.append(url)
        raise ValueError(f"Blocked by the PDF fetcher: {url}")


def _collected(relative: str) -> str | None:
    """The path of a collected static file (e.g. css/print.<hash>.css) inside STATIC_ROOT, if there is one."""
    try:
        return staticfiles_storage.path(relative) if staticfiles_storage.exists(relative) else None
    except (NotImplementedError, SuspiciousFileOperation, ValueError):
        return None


def render_pdf(html: str, *, stylesheets: tuple[str, ...] = ()) -> tuple[bytes, int]:
    """The PDF (tagged for accessibility) of `html`, and its page count.

    In a render's child (run_with_time_limit) it lays the text out with the fonts its parent loaded before
    forking (_load_fonts): the child's copy is its own, so nothing a document adds to it (an @font-face)
    reaches the next one. Anywhere else WeasyPrint makes a fresh font configuration, as it does by default."""
    if not (_in_child and _fonts is not None):
        return _render(html, stylesheets, None)
    inherited = getattr(_fonts, "_folder", None)
    try:
        return _render(html, stylesheets, _fonts)
    finally:
        # WeasyPrint copies a document's own fonts (@font-face) to a temporary folder that it removes when the
        # configuration is freed; the inherited one never is, in a child that leaves with os._exit.
        folder = getattr(_fonts, "_folder", None)
        if folder and folder != inherited:
            shutil.rmtree(folder, ignore_errors=True)


def _render(html: str, stylesheets, font_config: FontConfiguration | None) -> tuple[bytes, int]:
    fetcher = SafeURLFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        stylesheets=[CSS(string=css, base_url=BASE_URL, url_fetcher=fetcher) for css in stylesheets],
        pdf_tags=True,
        font_config=font_config,
    )
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf, len(document.pages)


#: The fonts, loaded once per process by _load_fonts before the first render's child is forked, and inherited
#: by every child (None: not loaded, or loading them failed and each render loads its own).
_fonts: FontConfiguration | None = None
_fonts_tried = False
_fonts_lock = threading.Lock()
#: True in a render's child only.
_in_child = False

#: A few lines in every style the print stylesheet uses (regular, bold, italic, the sizes of the headings
#: and tables), so that Fontconfig, Pango and HarfBuzz have found, opened and measured the fonts before the
#: first fork, and the PDF writer has imported its font subsetter.
_WARM_UP = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fonts</title>
<link rel="stylesheet" href="{css}"></head><body><section class="cover"><div class="country">Country</div>
<h1>Strategy 2026–2030</h1></section><h1 class="section">1. Section</h1><h2>Part</h2><h3>Prompt</h3>
<p>Text, <strong>bold</strong>, <em>italic</em>, <strong><em>both</em></strong> · “quotes” – 0123456789 € %.</p>
<table><thead><tr><th>Name</th><th>Amount</th></tr></thead><tbody><tr><td>Row</td><td class="num">1,000.00</td></tr>
</tbody></table><p class="small">Small print.</p></body></html>"""


def _load_fonts() -> None:
    """Load the fonts in this process once, by laying out a short sample in the print stylesheet, so that each
    render's child starts with them instead of finding and measuring them again (about 2 % of a strategy's
    render). The sample is ours and small, so it needs no time limit; if it fails, renders load their own."""
    global _fonts, _fonts_tried
    with _fonts_lock:
        if _fonts_tried:
            return
        _fonts_tried = True
        try:
            fonts = FontConfiguration()
            _render(_WARM_UP.format(css=static("css/print.css")), (), fonts)
        except Exception:  # noqa: BLE001 - an optimisation only: every render still works without it
            logger.exception("Loading the PDF fonts ahead of the renders failed; each render loads its own")
            return
        _fonts = fonts


class RenderFailed(Exception):
    """The renderer could not make this PDF; the same content would fail the same way again."""


class RenderTimedOut(RenderFailed):
    pass


def run_with_time_limit(func, *args, seconds: float):
    """`func(*args)` in a child process that is killed after `seconds`, so no document can hold the worker
    (or a web process) for longer, whatever it contains; an error in the child comes back as RenderFailed.

    The child is forked: it shares the loaded code, settings and fonts (_load_fonts) and never touches the
    database (the rendering needs no queries), and it leaves with os._exit so it closes none of the parent's
    connections. No garbage collection runs between the fork and the child's gc.freeze() (_child): a
    collection walks every object the child inherited, writing to each one, which would copy the parent's
    whole heap page by page (about a tenth of a strategy's render)."""
    _load_fonts()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    collecting = gc.isenabled()
    child = context.Process(target=_child, args=(sender, func, args, collecting), daemon=True)
    gc.disable()
    try:
        child.start()
    finally:
        if collecting:
            gc.enable()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise RenderTimedOut(f"{TIMEOUT_PREFIX} {seconds:g} seconds.")
        try:
            outcome, payload = receiver.recv()
        except EOFError:
            raise RenderFailed("The renderer stopped without an answer (killed, or out of memory).") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if outcome != "ok":
        raise RenderFailed(payload)
    return payload


#: How a timed-out render's error begins.
TIMEOUT_PREFIX = "Laying out the document took longer than the limit of"


#: A full collection after this many collections of the middle generation: never, in a render's lifetime.
FULL_COLLECTIONS_NEVER = 1_000_000


def _child(sender, func, args, collecting: bool) -> None:
    global _in_child
    _in_child = True
    # What the child inherited stays out of the collector's sight (it lives until os._exit anyway). The
    # parent disabled collection around the fork.
    gc.freeze()
    # The render's young garbage is collected as usual, but no full collection: each one walks every object
    # the render keeps (boxes, pages, fonts), several times per strategy, about 5 % of its time. What dies old
    # stays until the child exits: 171 -> 175 MB at most for a strategy of 24 pages, 346 -> 369 MB for 96.
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTIONS_NEVER)
    if collecting:
        gc.enable()
    try:
        result = ("ok", func(*args))
    except BaseException as error:  # noqa: BLE001 - reported to the parent, whatever it is
        result = ("error", f"{type(error).__name__}: {error}"[:2000])
    try:
        sender.send(result)
    finally:
        sender.close()
        os._exit(0)
