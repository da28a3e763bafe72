"""Every form a person can submit, filled the way a browser fills it.

Each case opens the page (or the htmx partial) a person opens, reads the rendered form, fills in *every*
field it shows (text in every text box, a real option in every drop-down, the links between rows included,
every checkbox ticked), posts it where the browser would post it (the htmx endpoint for htmx forms, the
button's formaction, with the CSRF token from the page) and then checks in the database that what was
posted is what was saved. Creating and editing are separate cases. Nothing is hand-picked: if a form
offers an option that cannot be saved, or needs a value it does not offer, the case fails.

The few things a browser adds to a form are mimicked: the rich-text editor (Trix) writes HTML into its
hidden input, and a "part of" drop-down that depends on the phase (data-filter-by) shows only the options of
the chosen phase, as static/js/app.js does.
"""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from core.html import sanitize_html
from factsheets.models import Factsheet
from reviews import services as review_services
from reviews.models import Review, SectionReview
from strategies import models, services
from strategies.forms import PART_KINDS
from tests.factories import MembershipFactory, UserFactory, make_strategy

HTMX = {"HTTP_HX_REQUEST": "true"}
_serial = itertools.count(1)


# --- A small browser -------------------------------------------------------------------------------------


class Page:
    def __init__(self, url: str, response):
        assert response.status_code == 200, f"GET {url}: {response.status_code}"
        self.url = url
        self.html = response.content.decode()
        self.soup = BeautifulSoup(self.html, "html.parser")

    def form(self, selector: str = "form", *, containing: str | None = None) -> Form:
        forms = self.soup.select(selector)
        if containing is not None:
            forms = [f for f in forms if f.select_one(containing)]
        assert forms, f"no form {selector!r} on {self.url}"
        return Form(forms[0], self.url)


class Form:
    """A rendered form: what a browser would send for it, with every field filled in."""

    def __init__(self, element, page_url: str):
        self.element = element
        self.page_url = page_url
        self.data: dict[str, list[str]] = {}
        self.chosen: dict[str, str] = {}

    # Which URL, and whether htmx sends it.
    def target(self, button=None) -> tuple[str, bool]:
        hx_post = self.element.get("hx-post")
        trigger = self.element.get("hx-trigger", "submit")
        if hx_post and "submit" in trigger:
            return hx_post, True
        url = (button.get("formaction") if button is not None else None) or self.element.get("action") or self.page_url
        return url, False

    def fields(self):
        for field in self.element.select("input, select, textarea"):
            if field.has_attr("disabled") or not field.get("name"):
                continue
            yield field

    def fill(self, mode: str = "create", **overrides) -> Form:
        """Fill every field as a person would (create: a fresh value; edit: a different value)."""
        serial = next(_serial)
        dates = iter(datetime.date(2026, 5, 4) + datetime.timedelta(days=30 * i + serial) for i in range(20))
        radios_done: set[str] = set()
        for field in self.fields():
            name = field["name"]
            if name in overrides:
                continue
            tag = field.name
            kind = (field.get("type") or "text").lower() if tag == "input" else tag
            if kind in ("submit", "button", "reset", "file", "image"):
                continue
            if kind == "hidden":
                value = field.get("value", "")
                if field.has_attr("data-rich-text"):  # what Trix writes into its input
                    value = f"<div>Browser text {serial} with <strong>emphasis</strong></div><ul><li>a point</li></ul>"
                self.data[name] = [value]
            elif kind == "checkbox":
                self.data.setdefault(name, []).append(field.get("value", "on"))
            elif kind == "radio":
                if name in radios_done:
                    continue
                radios_done.add(name)
                options = [
                    r for r in self.element.select(f'input[type="radio"][name="{name}"]') if not r.has_attr("disabled")
                ]
                checked = [r for r in options if r.has_attr("checked")]
                pick = [r for r in options if r not in checked] or options
                self.data[name] = [pick[0].get("value", "on")]
            elif kind == "select":
                self.data[name] = [self._choose(field, mode)]
            elif kind == "date":
                self.data[name] = [next(dates).isoformat()]
            elif kind == "number":
                low, high = field.get("min"), field.get("max")
                step = field.get("step", "1")
                number = Decimal(low or 0) + (2 if mode == "create" else 3)
                if high is not None:
                    number = min(number, Decimal(high))
                self.data[name] = [str(number if step == "1" else number + Decimal("1234.5"))]
            elif kind == "email":
                self.data[name] = [f"person{serial}@example.org"]
            elif kind == "url":
                self.data[name] = [f"https://example.org/{serial}"]
            else:
                # An ampersand and quotes, as people write them: text must come back exactly as typed.
                text = f"{name.replace('_', ' ').replace('-', ' ')} & “quotes” by a browser {serial}"
                maxlength = int(field.get("maxlength") or 0)
                self.data[name] = [text[:maxlength] if maxlength else text]
        for name, value in overrides.items():
            self.data[name] = [str(value)] if not isinstance(value, list) else value
        return self

    def _choose(self, select, mode: str) -> str:
        options = [o for o in select.select("option") if o.get("value", o.text) != ""]
        depends_on = select.get("data-filter-by")
        if depends_on:  # the options the page's script shows for the chosen value of the other field
            wanted = self.data.get(depends_on, [""])[0]
            options = [o for o in options if o.get("data-phase") in (None, wanted)]
        else:
            options = [o for o in options if not o.has_attr("disabled") and not o.has_attr("hidden")]
        assert options, f"drop-down {select['name']!r} offers no real option"
        current = [o for o in options if o.has_attr("selected")]
        if mode == "edit":
            others = [o for o in options if o not in current]
            pick = (others or options)[-1]
        else:
            pick = current[0] if current else options[-1]
        value = pick.get("value", pick.text)
        self.chosen[select["name"]] = value
        return value

    def value(self, name: str) -> str:
        return self.data[name][0]

    def submit(self, client, button_text: str | None = None):
        button = None
        if button_text is not None:
            button = next(
                b
                for b in self.element.select("button, input[type=submit]")
                if button_text in b.get_text(" ", strip=True)
            )
        url, htmx = self.target(button)
        data = {name: values if len(values) > 1 else values[0] for name, values in self.data.items()}
        if button is not None and button.get("name"):
            data[button["name"]] = button.get("value", "")
        return client.post(url, data, **(HTMX if htmx else {}))


def textarea_text(textarea) -> str:
    """A text box's text as a browser reads it: HTML drops one line break right after `<textarea>` (Django
    writes one, so that text starting with a line break keeps it)."""
    return textarea.get_text().removeprefix("\n")


def browser(user) -> Client:
    client = Client(enforce_csrf_checks=True)  # the token must come from the page, as in a browser
    client.force_login(user)
    return client


def open_page(client, url: str, htmx: bool = False) -> Page:
    return Page(url, client.get(url, **(HTMX if htmx else {})))


def ok(response) -> None:
    assert response.status_code in (200, 302), (
        f"{response.status_code}: {BeautifulSoup(response.content, 'html.parser').get_text(' ', strip=True)[:600]}"
    )
    text = response.content.decode()
    assert "Not saved yet" not in text and "is-invalid" not in text, BeautifulSoup(text, "html.parser").get_text(
        " ", strip=True
    )[:600]


# --- The world the forms are filled in -------------------------------------------------------------------


@pytest.fixture
def world(db, lead, editor, reviewer):
    strategy = make_strategy("DE")
    MembershipFactory(user=UserFactory(username="colleague"), role=Membership.Role.EDITOR)
    add = services.part_create
    segment = add(model=models.AudienceSegment, strategy=strategy, group="citizens", name="Patients")
    channel = add(model=models.Channel, strategy=strategy, name="Website")
    objective = add(model=models.Objective, strategy=strategy, title="Awareness")
    rows = {
        "segments": segment,
        "messages": add(model=models.KeyMessage, strategy=strategy, message="General message"),
        "channels": channel,
        "tactics": add(model=models.Tactic, strategy=strategy, channel=channel, description="FAQ page"),
        "content": add(model=models.ContentItem, strategy=strategy, title="Launch video", content_type="video"),
        "stakeholders": add(model=models.Stakeholder, strategy=strategy, name="Patient groups"),
        "objectives": objective,
        "kpis": add(model=models.KPI, strategy=strategy, metric="Visits"),
        "risks": add(model=models.Risk, strategy=strategy, description="Low trust"),
        "roles": add(model=models.ImplementationRole, strategy=strategy, role="Coordinator"),
        "budget": add(model=models.BudgetLine, strategy=strategy, item="Videos", amount=Decimal("1000")),
        "tasks": strategy.tasks.filter(parent__isnull=True, phase="execute").first(),
        "subtasks": strategy.tasks.filter(parent__isnull=False, phase="initiate").first(),
    }
    return {"strategy": strategy, "lead": lead, "editor": editor, "reviewer": reviewer, "rows": rows}


def assert_row_saved(kind: str, row, form: Form) -> None:
    """Every field the form sent is the row's value now."""
    model, fields = PART_KINDS[kind]
    row.refresh_from_db()
    for name in fields:
        field = model._meta.get_field(name)
        sent = form.data.get(name, [None])[0]
        stored = getattr(row, field.attname)
        if field.get_internal_type() == "BooleanField":
            assert stored is (sent is not None), name
        elif sent is None:
            continue
        elif field.is_relation:
            assert str(stored or "") == sent, f"{kind}.{name}: {stored!r} != {sent!r}"
        elif isinstance(stored, datetime.date):
            assert stored.isoformat() == sent, name
        elif isinstance(stored, Decimal):
            assert stored == Decimal(sent), name
        else:
            assert str(stored) == sent, f"{kind}.{name}: {stored!r} != {sent!r}"


# --- Cases -------------------------------------------------------------------------------------------------

CASES = {}


def case(name):
    def register(function):
        CASES[name] = function
        return function

    return register


def _part_create(world, kind, url_query="", **overrides):
    strategy = world["strategy"]
    url_kind = "tasks" if kind == "subtasks" else kind
    model = PART_KINDS[url_kind][0]
    client = browser(world["editor"])
    page = open_page(client, reverse("strategies:part_new", args=[strategy.pk, url_kind]) + url_query, htmx=True)
    form = page.form().fill("create", **overrides)
    before = set(model.objects.filter(strategy=strategy).values_list("pk", flat=True))
    ok(form.submit(client))
    created = model.objects.filter(strategy=strategy).exclude(pk__in=before)
    assert created.count() == 1, f"{kind}: nothing saved"
    assert_row_saved(url_kind, created.get(), form)
    return created.get(), form


def _part_edit(world, kind):
    strategy = world["strategy"]
    row = world["rows"][kind]
    url_kind = "tasks" if kind == "subtasks" else kind
    client = browser(world["editor"])
    page = open_page(client, reverse("strategies:part", args=[strategy.pk, url_kind, row.pk]) + "?edit=1", htmx=True)
    form = page.form().fill("edit")
    ok(form.submit(client))
    assert_row_saved(url_kind, row, form)


for _kind in [k for k in PART_KINDS if k != "tasks"]:
    case(f"{_kind}-create")(lambda world, kind=_kind: _part_create(world, kind))
    case(f"{_kind}-edit")(lambda world, kind=_kind: _part_edit(world, kind))


@case("tasks-create")
def _task_create(world):
    # "Add task" in the Initiate phase: the phase is chosen already (not the drop-down's last option).
    task, _form = _part_create(world, "tasks", "?phase=initiate", parent="")
    assert task.phase == "initiate" and task.parent_id is None


@case("tasks-edit")
def _task_edit(world):
    _part_edit(world, "tasks")


@case("subtasks-create")
def _subtask_create(world):
    parent = world["strategy"].tasks.filter(parent__isnull=True, phase="execute").last()
    task, _form = _part_create(world, "subtasks", f"?parent={parent.pk}")
    assert task.parent_id is not None and task.phase == task.parent.phase


@case("subtasks-edit")
def _subtask_edit(world):
    _part_edit(world, "subtasks")
    row = world["rows"]["subtasks"]
    row.refresh_from_db()
    assert row.parent_id is not None and row.parent.phase == row.phase


@case("section-edit")
def _section(world):
    strategy = world["strategy"]
    client = browser(world["editor"])
    page = open_page(client, reverse("strategies:section", args=[strategy.pk, "introduction"]))
    form = page.form("form[data-draft-key]").fill("edit")
    ok(form.submit(client))
    section = models.Introduction.objects.get(strategy=strategy)
    assert section.edit_version == 2
    for name in section.prompt_fields:
        assert getattr(section, name) == sanitize_html(form.value(name))


def _comments_panel(world):
    strategy = world["strategy"]
    client = browser(world["editor"])
    url = reverse("strategies:section_comments", args=[strategy.pk, "objectives"])
    return client, open_page(client, url, htmx=True)


@case("comment-create")
def _comment(world):
    client, page = _comments_panel(world)
    form = page.form("#comments-panel form", containing="textarea").fill("create", body="Please check this, @lead")
    ok(form.submit(client))
    comment = models.Comment.objects.get(section_key="objectives")
    assert comment.body == "Please check this, @lead" and list(comment.mentions.all()) == [world["lead"]]


@case("comment-reply")
def _reply(world):
    thread = services.comment_add(strategy=world["strategy"], key="objectives", author=world["lead"], body="Thread")
    client, page = _comments_panel(world)
    form = page.form("#comments-panel form", containing='input[name="parent"]').fill("create")
    ok(form.submit(client))
    reply = thread.replies.get()
    assert reply.body == form.value("body") and reply.author == world["editor"]


@case("assignment-create")
def _assignment(world):
    strategy = world["strategy"]
    client = browser(world["lead"])
    page = open_page(client, reverse("strategies:detail", args=[strategy.pk]))
    form = page.form("tr#objectives form").fill("create")
    ok(form.submit(client))
    assignment = models.SectionAssignment.objects.get(strategy=strategy, section_key="objectives")
    assert str(assignment.assignee_id) == form.value("assignee") and assignment.due.isoformat() == form.value("due")


@case("assignment-edit")
def _assignment_edit(world):
    strategy = world["strategy"]
    services.section_assign(
        strategy=strategy, key="objectives", assignee=world["lead"], due=None, assigned_by=world["lead"]
    )
    client = browser(world["lead"])
    page = open_page(client, reverse("strategies:detail", args=[strategy.pk]))
    form = page.form("tr#objectives form").fill("edit")
    ok(form.submit(client))
    assignment = models.SectionAssignment.objects.get(strategy=strategy, section_key="objectives")
    assert str(assignment.assignee_id) == form.value("assignee") != str(world["lead"].pk)


def _recommendations(world, mode):
    strategy = world["strategy"]
    client = browser(world["editor"])
    page = open_page(client, reverse("strategies:assessments", args=[strategy.pk]))
    form = page.form('form[method="post"]', containing="textarea").fill(mode)
    ok(form.submit(client))
    for assessment in strategy.assessments.all():
        assert assessment.status == form.value(f"status-{assessment.pk}")
        assert unescape(assessment.evidence) == form.value(f"evidence-{assessment.pk}")  # stored as safe HTML
    return form


@case("recommendations-create")
def _recommendations_first(world):
    _recommendations(world, "create")


@case("recommendations-edit")
def _recommendations_again(world):
    _recommendations(world, "create")
    _recommendations(world, "edit")


@case("recommendations-unchanged")
def _recommendations_unchanged(world):
    """Saving the checklist as it is shown changes nothing (no new version, no text mangled)."""
    typed = _recommendations(world, "create")
    strategy = world["strategy"]
    before = {a.pk: (a.status, a.evidence, a.edit_version) for a in strategy.assessments.all()}
    client = browser(world["editor"])
    page = open_page(client, reverse("strategies:assessments", args=[strategy.pk]))
    form = page.form('form[method="post"]', containing="textarea")
    for textarea in form.element.select("textarea"):  # the page shows the text as it was typed
        assert textarea_text(textarea) == typed.value(textarea["name"])
    for field in form.fields():  # what the browser sends for an untouched form
        if field.name == "textarea":
            form.data[field["name"]] = [textarea_text(field)]
        elif field.name == "select":
            form.data[field["name"]] = [field.select_one("option[selected]")["value"]]
        else:
            form.data[field["name"]] = [field.get("value", "")]
    ok(form.submit(client))
    assert {a.pk: (a.status, a.evidence, a.edit_version) for a in strategy.assessments.all()} == before


@case("factsheet-create")
def _factsheet_start(world):
    client = browser(world["editor"])
    page = open_page(client, reverse("factsheets:list", args=["DE"]))
    form = page.form('form[action*="/start/"]').fill("create")
    response = form.submit(client)
    assert response.status_code == 302
    assert Factsheet.objects.filter(country__code="DE").count() == 1


@case("factsheet-edit")
def _factsheet_edit(world):
    client = browser(world["editor"])
    form = open_page(client, reverse("factsheets:list", args=["DE"])).form('form[action*="/start/"]')
    response = form.fill("create").submit(client)
    page = open_page(client, response.url)
    form = page.form("form[data-draft-key]").fill("edit")
    ok(form.submit(client, button_text="Save"))
    factsheet = Factsheet.objects.get(country__code="DE")
    assert factsheet.placeholders["national_website"] == form.value("ph-national_website")
    number = next(iter(factsheet.answers))
    assert factsheet.answers[number]["own"] is True
    assert factsheet.answers[number]["text"] == sanitize_html(form.value(f"text-{number}"))


@pytest.fixture
def submitted(world):
    strategy = world["strategy"]
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>Words</p>"}, base_version=1, user=world["lead"]
    )
    review_services.strategy_submit(strategy=strategy, user=world["lead"])
    return review_services.open_review(strategy)


@case("submit-for-review")
def _submit(world):
    strategy = world["strategy"]
    client = browser(world["lead"])
    page = open_page(client, reverse("strategies:detail", args=[strategy.pk]))
    form = page.form('form[action$="/transition/"]', containing='input[value="submit"]').fill("create")
    response = form.submit(client)
    ok(response)
    if response.status_code == 200:  # the confirmation page: its own form, filled and sent as shown
        page = Page(reverse("reviews:transition", args=[strategy.pk]), response)
        form = page.form('form[action$="/transition/"]').fill("create")
        ok(form.submit(client))
    strategy.refresh_from_db()
    assert strategy.status == "submitted" and strategy.events.get().reason == form.value("reason")


def _as_reviewer(world, review):
    client = browser(world["reviewer"])
    return client, open_page(client, reverse("reviews:review", args=[review.pk]))


@case("review-claim")
def _claim(world):
    review = review_services.open_review(world["strategy"])
    client, page = _as_reviewer(world, review)
    form = page.form('form[action$="/claim/"]').fill("create")
    ok(form.submit(client))
    review.refresh_from_db()
    assert review.reviewer == world["reviewer"] and review.due.isoformat() == form.value("due")


def _verdict(world, mode):
    review = review_services.open_review(world["strategy"])
    client, page = _as_reviewer(world, review)
    form = page.form('form[action$="/sections/objectives/"]').fill(mode)
    ok(form.submit(client))
    verdict = SectionReview.objects.get(review=review, section_key="objectives")
    assert verdict.status == form.value("status")
    assert models.Comment.objects.filter(from_review=True, body=form.value("comment")).exists()


@case("review-verdict-create")
def _verdict_create(world):
    _verdict(world, "create")


@case("review-verdict-edit")
def _verdict_edit(world):
    _verdict(world, "create")
    _verdict(world, "edit")


def _decide(world, decision):
    review = review_services.open_review(world["strategy"])
    client, page = _as_reviewer(world, review)
    form = page.form('form[action$="/decide/"]').fill("create", decision=decision)
    response = form.submit(client)
    ok(response)
    if response.status_code == 200:  # approving asks for confirmation on a page of its own
        confirm = Page(reverse("reviews:decide", args=[review.pk]), response)
        ok(confirm.form('form[action$="/decide/"]').fill("create").submit(client))
    review.refresh_from_db()
    assert review.decision == decision and review.reason


@case("review-request-changes")
def _request_changes(world):
    _decide(world, "request_changes")


@case("review-approve")
def _approve(world):
    _decide(world, "approve")
    world["strategy"].refresh_from_db()
    assert world["strategy"].status == "approved"


@case("withdraw")
def _withdraw(world):
    strategy = world["strategy"]
    client = browser(world["lead"])
    page = open_page(client, reverse("strategies:detail", args=[strategy.pk]))
    ok(page.form('form[action$="/transition/"]', containing='input[value="withdraw"]').fill("create").submit(client))
    strategy.refresh_from_db()
    assert strategy.status == "draft"


@case("reopen")
def _reopen(world):
    strategy = world["strategy"]
    review_services.review_decide(
        review=review_services.open_review(strategy), user=world["reviewer"], decision="approve"
    )
    client = browser(world["lead"])
    page = open_page(client, reverse("strategies:detail", args=[strategy.pk]))
    form = page.form('form[action$="/transition/"]', containing='input[value="reopen"]').fill("create")
    ok(form.submit(client))
    strategy.refresh_from_db()
    assert strategy.status == "draft" and strategy.version == 2
    assert strategy.events.order_by("-id").first().reason == form.value("reason")


@case("notification-preferences")
def _preferences(world):
    client = browser(world["editor"])
    page = open_page(client, reverse("reviews:notifications"))
    form = page.form("form", containing='input[name="email_mode"]').fill("edit")
    ok(form.submit(client))
    world["editor"].refresh_from_db()
    assert world["editor"].email_mode == form.value("email_mode")


@case("reuse-approved-row")
def _reuse(world):
    portugal = make_strategy("PT", title="Portugal")
    services.part_create(model=models.Risk, strategy=portugal, description="Rumours about data sales")
    lead_pt = MembershipFactory(user=UserFactory(username="lead-pt"), role="lead", country=portugal.country).user
    review_services.strategy_submit(strategy=portugal, user=lead_pt)
    review_services.review_decide(
        review=review_services.open_review(portugal), user=world["reviewer"], decision="approve"
    )
    client = browser(world["editor"])
    page = open_page(client, reverse("reviews:snapshot", args=[portugal.snapshots.get().pk]))
    ok(page.form('form[action*="/risks/"]').fill("create").submit(client))
    assert world["strategy"].risks.filter(description="Rumours about data sales").exists()


NEEDS_SUBMISSION = {
    "review-claim",
    "review-verdict-create",
    "review-verdict-edit",
    "review-request-changes",
    "review-approve",
    "withdraw",
    "reopen",
}


@pytest.mark.parametrize("name", list(CASES))
def test_every_form_saves_what_a_browser_sends(name, world, request):
    """One case per form and purpose: the page's own form, every field filled, saved as sent."""
    if name in NEEDS_SUBMISSION:
        request.getfixturevalue("submitted")
    CASES[name](world)


def test_every_part_kind_is_covered():
    assert {f"{kind}-{mode}" for kind in PART_KINDS for mode in ("create", "edit")} <= set(CASES)
    assert {"subtasks-create", "subtasks-edit"} <= set(CASES)


def test_the_review_cases_start_from_a_submission(world, submitted):
    assert isinstance(submitted, Review) and submitted.is_open
