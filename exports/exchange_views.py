"""Word/ODT and JSON downloads of strategies, snapshots and factsheets, and the strategy import with its preview.

Same permission policy as the PDF: the working copy for the country's members and admins, the newest snapshot
a user may see for everybody else (strategies/permissions.py, reviews' snapshots through visible_snapshots);
anything else is a 404. Every download is recorded in the audit trail like a PDF download.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from accounts.policy import can_export_factsheets, can_import_strategy_into, visible_snapshots
from audit import services as audit
from exports import exchange, services, word
from exports.forms import ImportConfirmForm, ImportSourceForm
from factsheets.models import Factsheet
from factsheets.services import factsheet_document
from reviews.models import Snapshot
from strategies.forms import PART_KINDS
from strategies.models import Strategy
from strategies.permissions import get_strategy_or_404

_approved = exchange.is_approved


def _readable(request, strategy: Strategy) -> Snapshot | None:
    return exchange.readable_snapshot(request.user, strategy)


def _snapshot_or_404(request, pk: int) -> Snapshot:
    return get_object_or_404(
        visible_snapshots(request.user, Snapshot.objects.select_related("strategy__country", "review")), pk=pk
    )


def _download(content: bytes, mime: str, filename: str, *, target: str, summary: str) -> HttpResponse:
    audit.record(audit.AuditEvent.Action.EXPORT, summary=summary, target=target, details={"bytes": len(content)})
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _snapshot_document(snapshot: Snapshot) -> dict:
    strategy = snapshot.strategy
    status, label = ("approved", "Approved") if _approved(snapshot) else ("submitted", "In review")
    fallback = {"name": strategy.contact_name, "email": strategy.contact_email, "address": strategy.contact_address}
    return services.strategy_document(
        content=snapshot.data, country=strategy.country, status=status, label=label, contact=fallback
    )


def _word_response(document: dict, fmt: str, name: str, target: str) -> HttpResponse:
    content, mime = word.strategy_file(document, fmt)
    return _download(content, mime, f"{name}.{fmt}", target=target, summary=f"Downloaded {name}.{fmt}")


@login_required
def strategy_word(request, pk: int, fmt: str):
    """The strategy as an editable Word (DOCX) or OpenDocument (ODT) file that reads like its PDF."""
    strategy = get_strategy_or_404(request.user, pk)
    snapshot = _readable(request, strategy)
    if snapshot is None:
        name = slugify(f"{strategy.country.code}-{strategy.title}-v{strategy.version}")
        return _word_response(services.working_copy_document(strategy), fmt, name, f"{fmt}:strategy:{strategy.pk}")
    name = slugify(f"{strategy.country.code}-{snapshot.data.get('title', '')}-v{snapshot.version}")
    return _word_response(_snapshot_document(snapshot), fmt, name, f"{fmt}:snapshot:{snapshot.pk}")


@login_required
def snapshot_word(request, pk: int, fmt: str):
    snapshot = _snapshot_or_404(request, pk)
    name = slugify(f"{snapshot.strategy.country.code}-{snapshot.data.get('title', '')}-v{snapshot.version}")
    return _word_response(_snapshot_document(snapshot), fmt, name, f"{fmt}:snapshot:{snapshot.pk}")


@login_required
def factsheet_word(request, pk: int, fmt: str):
    factsheet = get_object_or_404(Factsheet.objects.select_related("country", "template"), pk=pk)
    if not can_export_factsheets(request.user, factsheet.country):
        raise Http404
    final = request.GET.get("final") == "1"
    try:
        document = factsheet_document(factsheet, final=final)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("factsheets:edit", pk=factsheet.pk)
    content, mime = word.factsheet_file(document, fmt)
    suffix = "" if final else "-draft"
    name = slugify(f"{factsheet.country.code}-{factsheet.template.key}-{factsheet.language}{suffix}")
    return _download(
        content, mime, f"{name}.{fmt}", target=f"{fmt}:factsheet:{factsheet.pk}", summary=f"Downloaded {name}.{fmt}"
    )


def _json_response(data: dict, name: str, target: str) -> HttpResponse:
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return _download(content, "application/json", f"{name}.json", target=target, summary=f"Downloaded {name}.json")


@login_required
def strategy_json(request, pk: int):
    """The strategy as JSON (docs/schema/strategy.v1.json): the working copy for members, with the country's
    factsheets; the newest visible snapshot for everybody else."""
    strategy = get_strategy_or_404(request.user, pk)
    snapshot = _readable(request, strategy)
    if snapshot is None:
        data = exchange.strategy_export(
            strategy=strategy, factsheets=can_export_factsheets(request.user, strategy.country)
        )
        name = slugify(f"{strategy.country.code}-{strategy.title}-v{strategy.version}")
        return _json_response(data, name, f"json:strategy:{strategy.pk}")
    return _snapshot_json(snapshot)


def _snapshot_json(snapshot: Snapshot) -> HttpResponse:
    data = exchange.strategy_export(strategy=snapshot.strategy, snapshot=snapshot, approved=_approved(snapshot))
    name = slugify(f"{snapshot.strategy.country.code}-{snapshot.data.get('title', '')}-v{snapshot.version}")
    return _json_response(data, name, f"json:snapshot:{snapshot.pk}")


@login_required
def snapshot_json(request, pk: int):
    return _snapshot_json(_snapshot_or_404(request, pk))


# --- Import ---------------------------------------------------------------------------------------------


def _approved_elsewhere(user, strategy: Strategy):
    """The newest approved snapshot of every other country that the user may see."""
    approved = (
        visible_snapshots(user, Snapshot.objects.filter(review__decision="approve"))
        .exclude(strategy__country_id=strategy.country_id)
        .select_related("strategy__country")
        .order_by("strategy__country__name", "-number")
    )
    newest, seen = [], set()
    for snapshot in approved:
        if snapshot.strategy_id not in seen:
            seen.add(snapshot.strategy_id)
            newest.append(snapshot.pk)
    return (
        Snapshot.objects.filter(pk__in=newest).select_related("strategy__country").order_by("strategy__country__name")
    )


def _target_or_404(request, pk: int) -> Strategy:
    strategy = get_strategy_or_404(request.user, pk)
    if not can_import_strategy_into(request.user, strategy):
        raise Http404
    return strategy


@login_required
def strategy_import(request, pk: int):
    """Choose a source (GET), see what it would add and what it would overwrite (POST of the source), import
    what was ticked (POST of the preview's form, which carries the file back)."""
    strategy = _target_or_404(request, pk)
    snapshots = _approved_elsewhere(request.user, strategy)
    if request.method != "POST":
        initial = {}
        if request.GET.get("snapshot", "").isdigit():
            initial["snapshot"] = snapshots.filter(pk=int(request.GET["snapshot"])).first()
        return _source_page(
            request, strategy, ImportSourceForm(snapshots=snapshots, strategy=strategy, initial=initial)
        )
    try:
        if "payload" in request.POST:  # the preview posts the file back with the ticks
            data = exchange.parse_strategy_file(request.POST["payload"])
        else:
            source = ImportSourceForm(request.POST, request.FILES, snapshots=snapshots, strategy=strategy)
            if not source.is_valid():
                return _source_page(request, strategy, source, status=422)
            data = _source_data(source)
        plan = exchange.import_plan(strategy=strategy, data=data)
        form = ImportConfirmForm(request.POST if "payload" in request.POST else None, plan=plan)
        if not form.is_bound:
            form.initial["payload"] = json.dumps(data, ensure_ascii=False)
        if not (form.is_bound and form.is_valid() and form.confirmed):
            return _preview_page(request, strategy, plan, form)
        result = exchange.strategy_import(
            strategy=strategy, data=data, overwrite=set(form.cleaned_data["overwrite"]), user=request.user
        )
    except (
        exchange.ExchangeError
    ) as error:  # an unreadable file, or a row the schema lets through but the model refuses
        form = ImportSourceForm(snapshots=snapshots, strategy=strategy)
        return _source_page(request, strategy, form, error=str(error), status=422)
    _tell_imported(request, strategy, plan, data, result)
    return redirect("strategies:detail", pk=strategy.pk)


def _source_data(source: ImportSourceForm) -> dict:
    if source.cleaned_data["snapshot"]:
        return exchange.snapshot_as_file(source.cleaned_data["snapshot"], approved=True)
    return exchange.parse_strategy_file(source.cleaned_data["file"].read())


def _source_page(request, strategy: Strategy, form: ImportSourceForm, *, error: str = "", status: int = 200):
    context = {"strategy": strategy, "form": form, "error": error}
    return render(request, "exports/import_source.html", context, status=status)


def _preview_page(request, strategy: Strategy, plan, form: ImportConfirmForm):
    context = {
        "strategy": strategy,
        "plan": plan,
        "form": form,
        "boxes": form.boxes(),
        "payload": form["payload"].value(),
        "kinds": {kind: _kind_label(kind) for kind in plan.rows},
    }
    return render(request, "exports/import_preview.html", context, status=422 if form.errors else 200)


def _tell_imported(request, strategy: Strategy, plan, data: dict, result) -> None:
    audit.record(
        audit.AuditEvent.Action.IMPORT,
        summary=f"Imported {plan.origin} into {strategy.country.name}'s draft",
        target=f"strategy:{strategy.pk}",
        details={
            "origin": data["strategy"]["origin"],
            "rows_added": result.added,
            "sections": result.sections_written,
            "overwritten": result.overwritten,
        },
    )
    messages.success(
        request,
        _(
            "Imported from %(origin)s: %(rows)s rows added, %(sections)s sections written, %(over)s answers or rows "
            "overwritten."
        )
        % {
            "origin": plan.origin,
            "rows": result.rows_added,
            "sections": result.sections_written,
            "over": result.overwritten,
        },
    )
    for warning in dict.fromkeys(result.warnings):
        messages.warning(request, warning)


def _kind_label(kind: str) -> str:
    if kind == "content":
        return _("Content calendar")
    return capfirst(str(PART_KINDS[kind][0]._meta.verbose_name_plural))
