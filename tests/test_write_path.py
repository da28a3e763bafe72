"""One write path: the Django admin (sections, rows, the recommendation inline, strategies, factsheets, the
guide's texts, memberships) and spreadsheet imports write through the same services as the pages: sanitised,
a revision in the history, the version bumped (so the next editor's stale save is merged, not overwritten)
and the strategy marked changed (so its PDF is made again). Reordering and the guide's printed text reach
cached PDFs too."""

from __future__ import annotations

import tablib
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from audit.models import AuditEvent
from exports import services as export_services
from exports.models import RenderedPdf
from factsheets import services as factsheet_services
from factsheets.models import FactsheetTemplate
from guide.models import GlossaryTerm, GuideText
from reviews import services as review_services
from strategies import services
from strategies.models import Introduction, RecommendationAssessment, Revision, Risk, Strategy, Task
from strategies.resources import RiskResource, TaskResource
from tests.factories import country, make_strategy
from tests.tasks import queued

SCRIPT = '<p>Admin words <script>alert("x")</script><a href="javascript:alert(1)">link</a></p>'


class AdminBrowser:
    """The admin's pages as a browser uses them: open a change form, change some fields, send every field
    the form holds (with the page's CSRF token), as rendered."""

    def __init__(self, user):
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(user)

    def form(self, url: str) -> dict:
        page = self.client.get(url)
        assert page.status_code == 200, page.status_code
        soup = BeautifulSoup(page.content, "html.parser")
        forms = [f for f in soup.select("form") if f.select_one('[name="csrfmiddlewaretoken"]')]
        # The change form (id "<model>_form"), not the header's sign-out form.
        element = next((f for f in forms if (f.get("id") or "").endswith("_form")), forms[-1])
        data: dict[str, list[str]] = {}
        for field in element.select("input, select, textarea"):
            name, kind = field.get("name"), (field.get("type") or "text").lower()
            if not name or field.has_attr("disabled") or kind in ("submit", "button", "file"):
                continue
            if field.name == "textarea":
                data.setdefault(name, []).append(field.text.removeprefix("\n"))
            elif field.name == "select":
                options = [o.get("value", o.text) for o in field.select("option")]
                chosen = [o.get("value", o.text) for o in field.select("option") if o.has_attr("selected")]
                if field.has_attr("multiple"):
                    data.setdefault(name, []).extend(chosen)
                elif chosen or options:  # a browser sends the first option when none is selected
                    data.setdefault(name, []).append((chosen or options)[0])
            elif kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    data.setdefault(name, []).append(field.get("value", "on"))
            else:
                data.setdefault(name, []).append(field.get("value", ""))
        return data

    def post(self, url: str, data: dict, **changes):
        data = {**data, **{name: [value] for name, value in changes.items()}, "_save": ["Save"]}
        return self.client.post(url, {name: values if len(values) > 1 else values[0] for name, values in data.items()})


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def saved(response) -> None:
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)[:800]


# --- Sections ------------------------------------------------------------------------------------------------


def test_an_admin_edit_of_a_section_is_history_reaches_the_pdf_and_is_merged_by_the_next_stale_save(
    client, admin_user, editor, strategy
):
    section = strategy.introduction_section
    alias_before = export_services.working_copy_alias(Strategy.objects.get(pk=strategy.pk))
    browser = AdminBrowser(admin_user)
    url = change_url(section)
    saved(browser.post(url, browser.form(url), background=SCRIPT))

    section.refresh_from_db()
    assert section.edit_version == 2
    assert "Admin words" in section.background and "script" not in section.background
    assert "javascript" not in section.background
    revision = Revision.objects.get(strategy=strategy, target="section:introduction", version=2)
    assert revision.user == admin_user and revision.data["background"] == section.background

    fresh = Strategy.objects.get(pk=strategy.pk)
    assert export_services.working_copy_alias(fresh) != alias_before  # the cached PDF is not served again
    document = export_services.working_copy_document(fresh)
    introduction = next(s for s in document["sections"] if s["key"] == "introduction")
    assert "Admin words" in introduction["prompts"][0]["html"]

    # The editor's page was opened before the admin's save (version 1): another field is merged in.
    client.force_login(editor)
    page_url = reverse("strategies:section", args=[strategy.pk, "introduction"])
    client.post(page_url, {"edit_version": "1", "background": "", "purpose": "<p>Editor's purpose</p>"})
    section.refresh_from_db()
    assert "Admin words" in section.background and "Editor's purpose" in section.purpose
    assert section.edit_version == 3
    # The same field changed by both: nothing is written, the editor gets both versions.
    response = client.post(page_url, {"edit_version": "1", "background": "<p>Editor's own background</p>"})
    assert response.status_code == 409
    section.refresh_from_db()
    assert "Admin words" in section.background


def test_a_stale_admin_form_is_refused_and_keeps_the_admins_text(admin_user, editor, strategy):
    section = strategy.introduction_section
    browser = AdminBrowser(admin_user)
    url = change_url(section)
    form = browser.form(url)  # version 1
    services.section_update(
        strategy=strategy, key="introduction", data={"background": "<p>Editor first</p>"}, base_version=1, user=editor
    )
    response = browser.post(url, form, background="<p>Admin late</p>")
    assert response.status_code == 200
    assert "saved this meanwhile" in response.content.decode() and "Admin late" in response.content.decode()
    section.refresh_from_db()
    assert section.background == "<p>Editor first</p>" and section.edit_version == 2


def test_sections_cannot_be_deleted_in_the_admin(admin_user, strategy):
    browser = AdminBrowser(admin_user)
    section = strategy.introduction_section
    url = reverse("admin:strategies_introduction_delete", args=[section.pk])
    assert browser.client.get(url).status_code == 403
    assert Introduction.objects.filter(pk=section.pk).exists()


# --- Rows ------------------------------------------------------------------------------------------------------


def test_an_admin_edit_and_delete_of_a_row_are_in_the_history(admin_user, strategy):
    risk = services.part_create(model=Risk, strategy=strategy, description="Low trust")
    stamp = Strategy.objects.get(pk=strategy.pk).updated_at
    browser = AdminBrowser(admin_user)
    url = change_url(risk)
    saved(browser.post(url, browser.form(url), mitigation=SCRIPT, impact="5"))
    risk.refresh_from_db()
    assert risk.edit_version == 2 and risk.impact == 5 and "script" not in risk.mitigation
    assert Revision.objects.get(target=f"risk:{risk.pk}", version=2).user == admin_user
    assert Strategy.objects.get(pk=strategy.pk).updated_at > stamp

    delete = reverse("admin:strategies_risk_delete", args=[risk.pk])
    form = browser.form(delete)
    saved(browser.client.post(delete, {"csrfmiddlewaretoken": form["csrfmiddlewaretoken"][0], "post": "yes"}))
    assert not Risk.objects.filter(pk=risk.pk).exists()
    deletion = Revision.objects.get(target=f"risk:{risk.pk}", action=Revision.Action.DELETE)
    assert deletion.user == admin_user and deletion.data["description"] == "Low trust"


def test_a_row_added_in_the_admin_goes_to_the_end_of_its_list_with_a_revision(admin_user, strategy):
    first = services.part_create(model=Risk, strategy=strategy, description="First")
    browser = AdminBrowser(admin_user)
    url = reverse("admin:strategies_risk_add")
    form = browser.form(url)
    saved(browser.post(url, form, strategy=str(strategy.pk), description="Added by the admin"))
    added = Risk.objects.get(description="Added by the admin")
    assert added.position == first.position + 1 and added.updated_by == admin_user
    assert Revision.objects.get(target=f"risk:{added.pk}").action == Revision.Action.CREATE


# --- Strategies and the recommendation checklist --------------------------------------------------------------


def test_status_and_version_are_read_only_in_the_admin(admin_user, strategy):
    browser = AdminBrowser(admin_user)
    url = change_url(strategy)
    form = browser.form(url)
    assert "status" not in form and "version" not in form
    saved(browser.post(url, form, status="approved", version="9", title="Renamed by the admin"))
    strategy.refresh_from_db()
    assert (strategy.status, strategy.version, strategy.title) == ("draft", 1, "Renamed by the admin")
    revision = Revision.objects.get(strategy=strategy, target=services.DETAILS_TARGET, version=2)
    assert revision.user == admin_user and revision.data["title"] == "Renamed by the admin"


def test_the_recommendation_inline_saves_through_the_service(admin_user, strategy):
    assessment = strategy.assessments.order_by("recommendation__number").first()
    browser = AdminBrowser(admin_user)
    url = change_url(strategy)
    form = browser.form(url)
    index = next(
        name.split("-")[1] for name, values in form.items() if name.endswith("-id") and values == [str(assessment.pk)]
    )
    saved(
        browser.post(url, form, **{f"assessments-{index}-evidence": SCRIPT, f"assessments-{index}-status": "planned"})
    )
    assessment.refresh_from_db()
    assert (
        assessment.status == "planned" and "Admin words" in assessment.evidence and "script" not in assessment.evidence
    )
    assert assessment.edit_version == 2
    assert Revision.objects.get(target=f"recommendationassessment:{assessment.pk}", version=2).user == admin_user


def test_deleting_a_strategy_in_the_admin_is_in_the_audit_trail(admin_user):
    strategy = make_strategy("FR", title="Doomed")
    browser = AdminBrowser(admin_user)
    url = reverse("admin:strategies_strategy_delete", args=[strategy.pk])
    form = browser.form(url)
    saved(browser.client.post(url, {"csrfmiddlewaretoken": form["csrfmiddlewaretoken"][0], "post": "yes"}))
    assert not Strategy.objects.filter(pk=strategy.pk).exists()
    assert AuditEvent.objects.get(action="delete").target == f"strategy:{strategy.pk}"


# --- Factsheets, the guide, memberships --------------------------------------------------------------------


def test_an_admin_edit_of_a_factsheet_is_sanitised_and_versioned(admin_user):
    factsheet = factsheet_services.factsheet_get_or_create(
        country=country("DE"), template=FactsheetTemplate.objects.get(audience="citizens"), language="en"
    )
    browser = AdminBrowser(admin_user)
    url = change_url(factsheet)
    answers = '{"1": {"own": true, "text": "<p>Ours <script>x()</script></p>"}}'
    saved(browser.post(url, browser.form(url), answers=answers))
    factsheet.refresh_from_db()
    assert factsheet.answers["1"]["text"] == "<p>Ours </p>" and factsheet.edit_version == 2
    assert factsheet.updated_by == admin_user
    response = browser.post(url, browser.form(url), answers='["not", "answers"]')
    assert response.status_code == 200 and "map each question" in response.content.decode()


def test_an_admin_edit_of_a_guide_text_is_sanitised(admin_user):
    text = GuideText.objects.get(key="contact")
    browser = AdminBrowser(admin_user)
    url = change_url(text)
    saved(browser.post(url, browser.form(url), text=SCRIPT))
    text.refresh_from_db()
    assert "Admin words" in text.text and "script" not in text.text and "javascript" not in text.text


def test_memberships_edited_on_a_users_page_go_through_the_service(admin_user, editor):
    browser = AdminBrowser(admin_user)
    url = change_url(editor)
    form = browser.form(url)
    form["memberships-0-DELETE"] = ["on"]
    saved(browser.post(url, form))
    assert not Membership.objects.filter(user=editor).exists()
    last = AuditEvent.objects.filter(action="role_change", target=f"user:{editor.pk}").order_by("-id").first()
    assert last.details["to"] is None and last.user == admin_user


# --- Imports -----------------------------------------------------------------------------------------------


def test_an_import_writes_revisions_and_marks_the_strategy_changed(admin_user, strategy):
    risk = services.part_create(model=Risk, strategy=strategy, description="Known risk")
    stamp = Strategy.objects.get(pk=strategy.pk).updated_at
    data = tablib.Dataset(headers=["id", "strategy", "description", "likelihood", "impact", "mitigation"])
    data.append([risk.pk, strategy.pk, "Known risk", 4, 4, "<p>Talk <script>x</script> early</p>"])
    data.append(["", strategy.pk, "Imported risk", 2, 2, ""])
    result = RiskResource().import_data(data, dry_run=False, user=admin_user)
    assert not result.has_errors() and not result.has_validation_errors()
    risk.refresh_from_db()
    assert risk.edit_version == 2 and risk.likelihood == 4 and "script" not in risk.mitigation
    update = Revision.objects.get(target=f"risk:{risk.pk}", version=2)
    assert update.user == admin_user and update.action == Revision.Action.UPDATE
    new = Risk.objects.get(description="Imported risk")
    assert Revision.objects.get(target=f"risk:{new.pk}").action == Revision.Action.CREATE
    assert Strategy.objects.get(pk=strategy.pk).updated_at > stamp


def test_an_imported_change_is_merged_with_an_editors_stale_save(client, editor, strategy):
    task = strategy.tasks.filter(parent__isnull=True).first()
    data = tablib.Dataset(headers=["id", "strategy", "phase", "title", "status"])
    data.append([task.pk, strategy.pk, task.phase, task.title, "done"])
    TaskResource().import_data(data, dry_run=False)
    result = services.part_update(part=task, data={"description": "Editor's note"}, base_version=1, user=editor)
    assert result.status == "merged"
    task.refresh_from_db()
    assert task.status == "done" and task.description == "Editor's note"


def test_a_dry_run_import_writes_nothing(strategy):
    data = tablib.Dataset(headers=["id", "strategy", "description"])
    data.append(["", strategy.pk, "Only previewed"])
    RiskResource().import_data(data, dry_run=True, use_transactions=True)
    assert not Risk.objects.exists() and not Revision.objects.filter(target__startswith="risk:").exists()


# --- Cached PDFs follow reordering and the guide's printed text ---------------------------------------------


def _cache(alias: str, document: dict) -> RenderedPdf:
    """A rendered PDF in the cache, as the worker leaves it (without spending seconds on WeasyPrint)."""
    return RenderedPdf.objects.create(
        key=export_services.fingerprint(document), alias=alias, kind="strategy", title="t", content=b"%PDF-1.7"
    )


def test_moving_a_row_changes_what_the_pdf_is_cached_under(client, editor, strategy):
    first = services.part_create(model=Risk, strategy=strategy, description="First risk")
    services.part_create(model=Risk, strategy=strategy, description="Second risk")
    fresh = Strategy.objects.get(pk=strategy.pk)
    _cache(export_services.working_copy_alias(fresh), export_services.working_copy_document(fresh))
    client.force_login(editor)
    assert client.get(reverse("exports:strategy_pdf", args=[strategy.pk])).status_code == 200
    client.post(reverse("strategies:part_move", args=[strategy.pk, "risks", first.pk, "down"]))
    response = client.get(reverse("exports:strategy_pdf", args=[strategy.pk]))
    assert response.status_code == 202  # the reordered list is rendered again, not served from the old PDF
    (task,) = queued("pdf")
    risks = next(s for s in task.args_kwargs["kwargs"]["document"]["sections"] if s["key"] == "risk_management")
    assert [row["lead"] for row in risks["tables"][0]["rows"]] == ["Second risk", "First risk"]


def test_editing_the_guides_printed_text_reaches_cached_pdfs(client, admin_user, editor, reviewer, lead, strategy):
    fresh = Strategy.objects.get(pk=strategy.pk)
    _cache(export_services.working_copy_alias(fresh), export_services.working_copy_document(fresh))
    snapshot = review_services.strategy_submit(strategy=strategy, user=lead)
    _cache(export_services.snapshot_alias(snapshot.pk, False), {"snapshot": snapshot.pk})
    client.force_login(reviewer)
    assert client.get(reverse("exports:strategy_pdf", args=[strategy.pk])).status_code == 200
    browser = AdminBrowser(admin_user)
    term = GlossaryTerm.objects.order_by("position").first()
    saved(browser.post(change_url(term), browser.form(change_url(term)), definition="A definition the admin rewrote"))
    statement = GuideText.objects.get(key="funding_statement")
    url = change_url(statement)
    saved(browser.post(url, browser.form(url), text="Funded by a grant the admin corrected."))

    assert client.get(reverse("exports:strategy_pdf", args=[strategy.pk])).status_code == 202  # reviewer
    client.force_login(editor)
    assert client.get(reverse("exports:strategy_pdf", args=[strategy.pk])).status_code == 202  # working copy
    # The working copy's render carries the document its request gathered; the snapshot's is gathered by
    # the task from the snapshot's id, with the same function.
    (draft_task,) = queued("pdf").filter(task_path="exports.tasks.render_pdf")
    (snapshot_task,) = queued("pdf").filter(task_path="exports.tasks.render_snapshot_pdf")
    assert snapshot_task.args_kwargs["args"] == [snapshot.pk, False]
    for document in (
        draft_task.args_kwargs["kwargs"]["document"],
        export_services.snapshot_document(snapshot, approved=False),
    ):
        assert document["texts"]["funding_statement"] == "Funded by a grant the admin corrected."
        assert {"term": term.term, "definition": "A definition the admin rewrote"} in document["glossary"]


def test_only_leads_and_editors_of_the_country_own_imported_tasks(strategy, outsider):
    """The import's owner rule comes from the policy (unchanged behaviour, one place)."""
    task = Task.objects.filter(strategy=strategy).first()
    data = tablib.Dataset(headers=["id", "strategy", "phase", "title", "status", "owner"])
    data.append([task.pk, strategy.pk, task.phase, task.title, "todo", outsider.username])
    result = TaskResource().import_data(data, dry_run=False)
    assert "not a lead or editor" in str(result.invalid_rows[0].error_dict)
    assert RecommendationAssessment.objects.filter(strategy=strategy).count() == 6


def test_the_pdf_aliases_fit_their_column(strategy):
    """SQLite does not enforce a column's length; PostgreSQL refuses a longer alias (every download failed)."""
    limit = RenderedPdf._meta.get_field("alias").max_length
    assert len(export_services.working_copy_alias(strategy)) <= limit
    assert len(export_services.snapshot_alias(10**12, True)) <= limit
