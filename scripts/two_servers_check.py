"""Two app servers, one worker, one PostgreSQL: what several machines must share (scripts/two_servers.sh).

`setup` (run with Django, against DATABASE_URL) makes a lead and an editor of Germany's draft. `check A B`
(plain HTTP, the standard library only) then shows, through servers A and B:
- a session signed in on A works on B;
- presence recorded through A is seen through B;
- a section saved through A shows at once in the page B had stored (the page cache's data version is shared);
- a cache change through A is seen through B (the API's rate limit counts calls in the shared cache);
- a PDF asked for on A is rendered by the worker and downloaded from B.
Exits non-zero at the first thing that does not hold.
"""

from __future__ import annotations

import html
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "Two-servers-2026!"  # noqa: S105 - a throwaway database's test account


def setup() -> None:
    import django

    django.setup()
    from accounts.models import Membership
    from tests.factories import MembershipFactory, make_strategy

    strategy = make_strategy("DE", title="Two servers plan")
    people = (("ts-lead", Membership.Role.LEAD, "Lena"), ("ts-editor", Membership.Role.EDITOR, "Eno"))
    for name, role, first in people:
        user = MembershipFactory(user__username=name, user__first_name=first, user__last_name="Two", role=role).user
        user.set_password(PASSWORD)
        user.save()
    print(strategy.pk)


class Browser:
    """Cookies kept by hand: the production settings mark them Secure, and these servers speak plain HTTP."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, base: str, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(base + path, data=body, headers=dict(headers or {}))  # noqa: S310 - http only
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, response.read()

    def sign_in(self, base: str, username: str) -> None:
        _status, _headers, page = self.request(base, "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1].decode()
        status, headers, _body = self.request(
            base, "/accounts/login/", {"csrfmiddlewaretoken": token, "login": username, "password": PASSWORD}
        )
        expect(status == 302 and "sessionid" in self.cookies, f"{username} signs in on {base} ({status})")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def expect(condition: bool, what: str) -> None:
    if not condition:
        print(f"FAIL: {what}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {what}")


def check(a: str, b: str, strategy: int) -> None:
    lead, editor = Browser(), Browser()
    lead.sign_in(a, "ts-lead")
    status, _h, page = lead.request(b, "/")
    expect(status == 200 and b"Lena" in page and b"Sign in" not in page, "the session made on A is signed in on B")

    section = f"/strategies/{strategy}/sections/conclusion/presence/"
    lead.request(a, section)
    editor.sign_in(b, "ts-editor")
    status, _h, fragment = editor.request(b, section)
    expect(status == 200 and b"Also editing now" in fragment and b"Lena" in fragment, "presence via A seen on B")

    # Each server keeps the pages it rendered (core/pagecache.py); a save through A reaches B's stored copy.
    editor_page = f"/strategies/{strategy}/sections/conclusion/"
    for _twice in range(2):
        status, _h, page = editor.request(b, editor_page)
    expect(status == 200 and b"Saved on server A" not in page, "B shows the section editor (and keeps the page)")
    _status, _h, form = lead.request(a, editor_page)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1].decode()
    version = re.search(rb'name="edit_version" value="(\d+)"', form)[1].decode()
    data = {"csrfmiddlewaretoken": token, "edit_version": version, "summary": "<p>Saved on server A</p>"}
    status, _h, _body = lead.request(a, editor_page, data, headers={"Referer": a + editor_page})
    expect(status == 302, f"the lead saves the section through A ({status})")
    status, _h, page = editor.request(b, editor_page)
    expect(b"Saved on server A" in page, "the save through A shows at once in the page B had stored")

    # The API allows API_RATE calls a minute per user, counted in the cache: two on A, then B knows.
    calls = [lead.request(server, "/api/v1/countries/")[0] for server in (a, a, b, b)]
    expect(calls == [200, 200, 200, 429], f"a cache change on A is seen on B (API calls answered {calls})")

    pdf = f"/exports/strategies/{strategy}/strategy.pdf"
    status, _h, page = editor.request(a, pdf)
    expect(status == 202 and b"Preparing your PDF" in page, f"the PDF asked for on A is queued ({status})")
    link = html.unescape(re.search(r'hx-get="([^"]+)"', page.decode().split('id="job-status"')[1])[1])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status, _h, fragment = editor.request(b, link)
        if b"Download the PDF" in fragment or b"could not be made" in fragment:
            break
        time.sleep(1)
    expect(b"Download the PDF" in fragment, "the worker rendered it; B's status page says so")
    status, headers, content = editor.request(b, pdf)
    served = status == 200 and headers["Content-Type"] == "application/pdf" and content.startswith(b"%PDF")
    expect(served, "B serves it")


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup()
    else:
        check(sys.argv[2], sys.argv[3], int(sys.argv[4]))
