"""Load test of the planner (run by scripts/loadtest.sh, against 127.0.0.1 only).

Simulated people: editors save sections (paragraph edits that merge or conflict), edit and add rows, comment,
and read pages; reviewers read the inbox and reviews, give section verdicts and export comparisons;
exporters download strategy PDFs (following the progress page) and spreadsheets. Every save carries a unique
token; the accepted ones are written to LOADTEST_OUT at the end, so scripts/loadtest_verify.py can check
that each of them is in the history (zero lost saves).

Any status other than the expected ones (a 5xx, a 403, a 404, ...) is a failure.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import threading
import uuid

from locust import HttpUser, between, events, task

with open(os.environ["LOADTEST_TARGETS"], encoding="utf-8") as targets_file:
    TARGETS = json.load(targets_file)
OUT = os.environ.get("LOADTEST_OUT", "loadtest-accepted.json")
PASSWORD = "onemg-demo"
# The app runs as in production behind a TLS proxy (BEHIND_TLS_PROXY=1): say the request came over HTTPS.
HEADERS = {"X-Forwarded-Proto": "https"}

accepted = {"sections": [], "row_edits": [], "row_adds": [], "comments": [], "review_comments": []}
counts = {"conflicts": 0, "saves": 0}
lock = threading.Lock()

_INPUT_TAG = re.compile(r"<input\b[^>]*>")
_NAME = re.compile(r'\bname="([\w-]+)"')
_VALUE = re.compile(r'\bvalue="([^"]*)"')
_TEXTAREA = re.compile(r'<textarea[^>]*name="(\w+)"[^>]*>(.*?)</textarea>', re.S)
_BLOCK = re.compile(r"<(p|h[1-6]|ul|ol|blockquote|pre|div)\b[^>]*>.*?</\1\s*>", re.S)


def inputs(page: str) -> dict[str, str]:
    """Every named <input>'s value in a page (hidden rich-text fields, edit_version, text inputs)."""
    found = {}
    for tag in _INPUT_TAG.findall(page):
        name, value = _NAME.search(tag), _VALUE.search(tag)
        if name and name.group(1) != "csrfmiddlewaretoken":
            found[name.group(1)] = html.unescape(value.group(1)) if value else ""
    return found


def record(kind: str, item) -> None:
    with lock:
        accepted[kind].append(item)


def token() -> str:
    return uuid.uuid4().hex[:12]


class Person(HttpUser):
    abstract = True
    host = "http://127.0.0.1:8105"
    wait_time = between(1, 3)
    username = ""

    def request(self, method, url, *, expect=(200,), name=None, **kwargs):
        headers = {**HEADERS, "Referer": f"https://127.0.0.1:8105{url}", **kwargs.pop("headers", {})}
        with self.client.request(
            method, url, headers=headers, allow_redirects=False, catch_response=True, name=name or url, **kwargs
        ) as response:
            # Secure cookies (production settings) over the proxy's plain hop: keep sending them.
            for cookie in self.client.cookies:
                cookie.secure = False
            if response.status_code not in expect:
                response.failure(f"{method} {url}: {response.status_code} {response.error or ''}".strip())
            else:
                response.success()
            return response

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def post(self, url, data, *, expect=(302,), name=None, headers=None):
        return self.request(
            "POST",
            url,
            data={"csrfmiddlewaretoken": self.csrf(), **data},
            expect=expect,
            name=name,
            headers={"X-CSRFToken": self.csrf(), **(headers or {})},
        )

    def on_start(self):
        self.request("GET", "/accounts/login/", name="login page")
        self.post("/accounts/login/", {"username": self.username, "password": PASSWORD}, name="sign in")


class Editor(Person):
    weight = 35

    def on_start(self):
        # Several people per country, so they really do edit the same sections and rows at once.
        self.target = random.choice(TARGETS["editable"][:6])
        code = self.target["code"].lower()
        self.username = random.choice([f"lead-{code}", f"editor-{code}"])
        super().on_start()
        self.pk = self.target["pk"]

    @task(6)
    def edit_section(self):
        key = random.choice(TARGETS["sections"])
        url = f"/strategies/{self.pk}/sections/{key}/"
        page = self.request("GET", url, name="section page").text
        fields = {
            name: value
            for name, value in inputs(page).items()
            if name in TARGETS["fields"][key] or name == "edit_version"
        }
        if "edit_version" not in fields:
            return
        names = [n for n in fields if n != "edit_version"]
        name = random.choice(names)
        blocks = [m.group(0) for m in _BLOCK.finditer(fields[name])] or [""]
        mark = token()
        blocks[random.randrange(len(blocks))] = f"<p>Load test edit {mark}</p>"
        fields[name] = "".join(blocks)
        response = self.post(url, fields, expect=(302, 409), name="save section")
        with lock:
            counts["saves"] += 1
        if response.status_code == 302:
            record("sections", {"strategy": self.pk, "target": f"section:{key}", "token": mark})
        else:
            with lock:
                counts["conflicts"] += 1

    @task(3)
    def edit_row(self):
        listing = self.request("GET", f"/strategies/{self.pk}/parts/stakeholders/", name="rows page").text
        ids = re.findall(r'id="stakeholders-(\d+)"', listing)
        if not ids:
            return
        row = random.choice(ids[:4])  # the first rows: shared by everyone editing this country
        url = f"/strategies/{self.pk}/parts/stakeholders/{row}/"
        form = self.request("GET", f"{url}?edit=1", headers={"HX-Request": "true"}, name="row form").text
        data = inputs(form)
        data.update({name: html.unescape(value) for name, value in _TEXTAREA.findall(form)})
        if "edit_version" not in data:
            return
        mark = token()
        data["engagement_activity"] = f"Load test activity {mark}"
        response = self.post(url, data, expect=(200, 409), name="save row", headers={"HX-Request": "true"})
        with lock:
            counts["saves"] += 1
        if response.status_code == 200:
            record("row_edits", {"strategy": self.pk, "target": f"stakeholder:{row}", "token": mark})
        else:
            with lock:
                counts["conflicts"] += 1

    @task(1)
    def add_row(self):
        mark = token()
        response = self.post(
            f"/strategies/{self.pk}/parts/stakeholders/new/",
            {"name": f"Load test stakeholder {mark}", "role": "", "engagement_activity": "", "feedback_mechanism": ""},
            expect=(200,),
            name="add row",
            headers={"HX-Request": "true"},
        )
        if response.status_code == 200:
            record("row_adds", {"strategy": self.pk, "token": mark})

    @task(2)
    def comment(self):
        mark = token()
        key = random.choice(TARGETS["sections"])
        response = self.post(
            f"/strategies/{self.pk}/sections/{key}/comments/", {"body": f"Load test comment {mark}"}, name="comment"
        )
        if response.status_code == 302:
            record("comments", {"strategy": self.pk, "token": mark})

    @task(3)
    def read(self):
        self.request("GET", f"/strategies/{self.pk}/", name="strategy overview")
        self.request("GET", f"/strategies/{self.pk}/action-plan/", name="action plan")

    @task(2)
    def presence(self):
        key = random.choice(TARGETS["sections"])
        self.request("GET", f"/strategies/{self.pk}/sections/{key}/presence/", name="presence")


class Reviewer(Person):
    weight = 10
    username = "reviewer"

    @task(3)
    def review(self):
        inbox = self.request("GET", "/reviews/", name="review inbox").text
        reviews = sorted(set(re.findall(r'href="/reviews/(\d+)/"', inbox)))
        if not reviews:
            return
        review = random.choice(reviews)
        self.request("GET", f"/reviews/{review}/", name="review page")
        key = random.choice(TARGETS["sections"])
        mark = token()
        data = {"status": random.choice(["accepted", "needs_changes"]), "comment": ""}
        if random.random() < 0.3:
            data["comment"] = f"Load test review comment {mark}"
        response = self.post(f"/reviews/{review}/sections/{key}/", data, name="section verdict")
        if response.status_code == 302 and data["comment"]:
            record("review_comments", {"token": mark})

    @task(2)
    def compare(self):
        self.request("GET", "/compare/europe/", name="europe dashboard")
        self.request("GET", random.choice(["/compare/kpis/", "/compare/risks/", "/compare/audiences/"]), name="compare")

    @task(1)
    def export_table(self):
        fmt = random.choice(["csv", "xlsx"])
        self.request("GET", f"/compare/recommendations/?format={fmt}", name=f"comparison {fmt}")


class Exporter(Person):
    weight = 5

    def on_start(self):
        self.target = random.choice(TARGETS["all"])
        self.username = f"viewer-{self.target['code'].lower()}"
        super().on_start()

    @task(2)
    def strategy_pdf(self):
        url = f"/exports/strategies/{self.target['pk']}/strategy.pdf"
        response = self.request("GET", url, expect=(200, 202), name="strategy PDF")
        # The progress page polls its signed status link (a render task's id; see exports/views.py).
        job = re.search(r'hx-get="(/exports/jobs/[^"]+)"', response.text) if response.status_code == 202 else None
        for _poll in range(5 if job else 0):
            status = self.request("GET", html.unescape(job.group(1)), name="PDF progress").text
            if "Download the PDF" in status or "could not be made" in status:
                break

    @task(1)
    def spreadsheet(self):
        self.request("GET", "/compare/kpis/?format=xlsx", name="comparison xlsx")


@events.test_stop.add_listener
def write_accepted(environment, **kwargs):
    with open(OUT, "w", encoding="utf-8") as handle:
        json.dump({"accepted": accepted, "counts": counts}, handle)
