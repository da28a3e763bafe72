"""Rendering HTML to PDF with WeasyPrint, safely.

WeasyPrint's default fetcher follows every URL it meets (img, CSS url() and @import, SVG href,
attachments, redirects) and resolves relative paths to files on the server. Ours refuses everything
except the app's own static assets (looked up through Django's staticfiles finders, never a raw path)
and data: URLs, and never follows a redirect. Every HTML() and CSS() object gets it.
"""

from __future__ import annotations

import mimetypes
import multiprocessing
import os
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

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
    """The PDF (tagged for accessibility) of `html`, and its page count."""
    fetcher = SafeURLFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        stylesheets=[CSS(string=css, base_url=BASE_URL, url_fetcher=fetcher) for css in stylesheets],
        pdf_tags=True,
    )
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf, len(document.pages)


class RenderFailed(Exception):
    """The renderer could not make this PDF; the same content would fail the same way again."""


class RenderTimedOut(RenderFailed):
    pass


def run_with_time_limit(func, *args, seconds: float):
    """`func(*args)` in a child process that is killed after `seconds`, so no document can hold the worker
    (or a web process) for longer, whatever it contains; an error in the child comes back as RenderFailed.

    The child is forked: it shares the loaded code and settings and never touches the database (the
    rendering needs no queries), and it leaves with os._exit so it closes none of the parent's
    connections."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, func, args), daemon=True)
    child.start()
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


def _child(sender, func, args) -> None:
    try:
        result = ("ok", func(*args))
    except BaseException as error:  # noqa: BLE001 - reported to the parent, whatever it is
        result = ("error", f"{type(error).__name__}: {error}"[:2000])
    try:
        sender.send(result)
    finally:
        sender.close()
        os._exit(0)
