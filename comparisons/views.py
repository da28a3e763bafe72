"""The Special Group's view of Europe: progress dashboard and side-by-side comparisons, with exports."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Country
from audit import services as audit
from comparisons import services
from guide.models import SectionTemplate
from onemg_planner import params
from reviews.models import Snapshot
from strategies.models import SECTION_MODELS, Strategy, plain_text
from strategies.permissions import get_strategy_or_404, visible_snapshots

SECTION_RELATIONS = [model.related_name() for model in SECTION_MODELS[:12]]


def _export(request, name: str, headers: list[str], rows: list[list]) -> HttpResponse | None:
    """CSV or XLSX of a table when ?format= asks for it."""
    fmt = request.GET.get("format")
    if fmt not in ("csv", "xlsx"):
        return None
    data = tablib.Dataset(*rows, headers=headers, title=name[:31])
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    )
    audit.record(
        audit.AuditEvent.Action.EXPORT,
        summary=f"Exported {name} as {fmt.upper()} ({len(rows)} rows)",
        target=f"comparison:{name}",
        details={"format": fmt, "rows": len(rows), "countries": request.GET.getlist("country")},
    )
    response = HttpResponse(data.export(fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
    return response


def _lazy(request, name: str, compute):
    """The comparison's data, computed only if the template's cached fragment is missing (or for an
    export), and the key of that fragment: both follow the ids of the snapshots read."""
    views = _views(request)
    return SimpleLazyObject(lambda: services.cached(name, views, compute)), services.cache_key(name, views)


def _exporting(request) -> bool:
    return request.GET.get("format") in ("csv", "xlsx")


def _views(request):
    codes = [c.upper() for c in request.GET.getlist("country") if c]
    return services.latest_snapshots(request.user, codes or None)


@login_required
def index(request):
    views = _views(request)
    return render(
        request,
        "comparisons/index.html",
        {
            "views": views,
            "countries": services.latest_snapshots(request.user),
            "sections": SectionTemplate.objects.filter(number__lte=12),
        },
    )


def _dashboard_stamp() -> str:
    """Moves whenever a strategy, a section or a row changes, a snapshot is made, or an admin changes a
    country's 1+MG flags."""
    stamp = Strategy.objects.aggregate(n=Count("id"), last=Max("updated_at"), snaps=Max("snapshots__id"))
    last = stamp["last"].timestamp() if stamp["last"] else 0
    flags = Country.objects.aggregate(
        s=Count("id", filter=Q(is_signatory=True)), o=Count("id", filter=Q(is_operational=True))
    )
    return f"{stamp['n']}:{last}:{stamp['snaps']}:{flags['s']}:{flags['o']}"


def _progress_by_country() -> dict[int, dict]:
    """Status and completeness of each country's newest strategy. Recomputed only when some strategy
    changed (every edit moves its updated_at), so the dashboard stays fast at 28 full strategies."""
    from django.core.cache import cache

    key = f"compare:dashboard:{_dashboard_stamp()}"
    progress = cache.get(key)
    if progress is not None:
        return progress
    progress = {}
    snapshots = Prefetch("snapshots", queryset=Snapshot.objects.only("id", "number", "strategy_id"))
    queryset = Strategy.objects.select_related(*SECTION_RELATIONS).prefetch_related(snapshots).order_by("updated_at")
    for strategy in queryset:  # the most recently changed strategy of each country wins
        sections = strategy.template_sections()
        snaps = list(strategy.snapshots.all())
        progress[strategy.country_id] = {
            "status": strategy.status,
            "status_label": strategy.get_status_display(),
            "updated_at": strategy.updated_at,
            "snapshot_id": max(snaps, key=lambda s: s.number).pk if snaps else None,
            "cells": [(section.key, section.completeness) for section in sections],
            "total": round(sum(section.completeness for section in sections) / 12),
        }
    cache.set(key, progress, 24 * 3600)
    return progress


def _dashboard_rows(status: str, signatory: bool, operational: bool, sort: str) -> list[dict]:
    progress = _progress_by_country()
    rows = []
    for country in Country.objects.all():
        entry = progress.get(country.pk)
        rows.append(
            {
                "country": country,
                "strategy": entry,
                "snapshot_id": entry["snapshot_id"] if entry else None,
                "cells": entry["cells"] if entry else [],
                "total": entry["total"] if entry else 0,
            }
        )
    if status:
        rows = [r for r in rows if (r["strategy"]["status"] if r["strategy"] else "none") == status]
    if signatory:
        rows = [r for r in rows if r["country"].is_signatory]
    if operational:
        rows = [r for r in rows if r["country"].is_operational]
    keys = {
        "country": lambda r: r["country"].name,
        "total": lambda r: -r["total"],
        "status": lambda r: r["strategy"]["status"] if r["strategy"] else "~",
        "changed": lambda r: -(r["strategy"]["updated_at"].timestamp() if r["strategy"] else 0),
    }
    return sorted(rows, key=keys.get(sort, keys["country"]))


@login_required
def dashboard(request):
    """Every country x the twelve sections: completeness and status (never the text). Reviewers and admins."""
    if not (request.user.is_reviewer or request.user.is_superuser):
        raise Http404
    titles = list(SectionTemplate.objects.filter(number__lte=12).order_by("number"))
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "country")

    signatory, operational = bool(request.GET.get("signatory")), bool(request.GET.get("operational"))

    def build_rows():
        return _dashboard_rows(status, signatory, operational, sort)

    rows = build_rows() if _exporting(request) else SimpleLazyObject(build_rows)
    fragment = f"{_dashboard_stamp()}:{status}:{signatory}:{operational}:{sort}"
    # Only an export needs the data here; a page may be served from its cached fragment.
    export = _exporting(request) and _export(
        request,
        "europe-dashboard",
        [_("Country"), _("Signatory"), _("Operational"), _("Status"), _("Complete %"), *[t.title for t in titles]],
        [
            [
                r["country"].name,
                r["country"].is_signatory,
                r["country"].is_operational,
                r["strategy"]["status_label"] if r["strategy"] else "",
                r["total"],
                *([pct for _key, pct in r["cells"]] or [""] * len(titles)),
            ]
            for r in rows
        ],
    )
    if export:
        return export
    return render(
        request,
        "comparisons/dashboard.html",
        {"rows": rows, "titles": titles, "statuses": Strategy.Status.choices, "sort": sort, "fragment": fragment},
    )


@login_required
def section(request, key: str):
    if key not in services.SECTION_KEYS:
        raise Http404
    views = _views(request)[:4]  # two to four columns stay readable
    template = SectionTemplate.objects.get(key=key)
    rows = services.cached(f"section-{key}", views, lambda loaded: services.section_columns(loaded, key))
    if request.GET.get("format") == "pdf":
        return _section_pdf(request, template, views, rows)
    # Only an export needs the data here; a page may be served from its cached fragment.
    export = _exporting(request) and _export(
        request,
        f"compare-{key}",
        [_("Prompt"), *[v.country.name for v in views]],
        [[r["prompt"], *[plain_text(c["html"]) for c in r["cells"]]] for r in rows],
    )
    return export or render(request, "comparisons/section.html", {"views": views, "template": template, "rows": rows})


def _section_pdf(request, template, views, rows):
    from exports.services import pdf_request
    from exports.views import respond
    from strategies.services import sanitize_html

    document = {
        "title": f"{template} – " + ", ".join(v.country.name for v in views),
        "note": _("From each country's newest version the reader may see; working drafts are never included."),
        "countries": [f"{v.country.name} (v{v.version})" for v in views],
        "width": round(84 / max(len(views), 1)),
        "rows": [{"prompt": r["prompt"], "cells": [sanitize_html(c["html"]) for c in r["cells"]]} for r in rows],
    }
    name = slugify(f"compare-{template.key}-" + "-".join(v.country.code for v in views))
    state, result = pdf_request(
        kind="comparison", template="pdf/comparison.html", document=document, filename=name, title=document["title"]
    )
    return respond(request, state, result, name)


def _comparison_page(request, name: str, compute, template: str, table):
    """One comparison page: its data (lazy, cached by snapshot ids) rendered into `template` as `data`,
    or, for ?format=csv|xlsx, the (headers, rows) that `table(data)` gives."""
    data, fragment = _lazy(request, name, compute)
    if _exporting(request):
        return _export(request, name, *table(data))
    return render(request, f"comparisons/{template}.html", {"data": data, "fragment": fragment})


@login_required
def audiences(request):
    return _comparison_page(
        request,
        "audiences",
        services.audience_matrix,
        "audiences",
        lambda m: (
            [_("Country"), *[p.name for p in m["presets"]], _("Hard to reach"), _("Other groups")],
            [
                [r["view"].country.name, *r["cells"], "; ".join(r["hard_to_reach"]), "; ".join(r["other"])]
                for r in m["rows"]
            ],
        ),
    )


@login_required
def channels(request):
    return _comparison_page(
        request,
        "channels",
        services.channel_matrix,
        "channels",
        lambda m: (
            [_("Country"), *[p.name for p in m["presets"]], _("Other channels")],
            [[r["view"].country.name, *r["cells"], "; ".join(r["other"])] for r in m["rows"]],
        ),
    )


@login_required
def messages_view(request):
    return _comparison_page(
        request,
        "key-messages",
        services.messages_by_country,
        "messages",
        lambda columns: (
            [_("Country"), _("Audience"), _("Message"), _("Supporting points"), _("Evidence")],
            [
                [c["view"].country.name, m["audience"] or _("General"), m["message"], m["points"], m["evidence"]]
                for c in columns
                for m in c["messages"]
            ],
        ),
    )


@login_required
def kpis(request):
    return _comparison_page(
        request,
        "kpis",
        services.kpis_by_metric,
        "kpis",
        lambda t: (
            [_("Metric"), *[f"{v.country.name} ({_('target')})" for v in t["views"]]],
            [
                [m["metric"], *[m["by_country"].get(v.country.code, {}).get("target", "") for v in t["views"]]]
                for m in t["metrics"]
            ],
        ),
    )


@login_required
def risks(request):
    return _comparison_page(
        request,
        "risks",
        services.risk_matrices,
        "risks",
        lambda matrices: (
            [_("Country"), _("Risk"), _("Likelihood"), _("Impact"), _("Mitigation")],
            [
                [
                    m["view"].country.name,
                    r["fields"]["description"],
                    r["values"]["likelihood"],
                    r["values"]["impact"],
                    r["fields"].get("mitigation", ""),
                ]
                for m in matrices
                for r in m["rows"]
            ],
        ),
    )


@login_required
def recommendations(request):
    return _comparison_page(
        request,
        "recommendations",
        services.recommendation_heatmap,
        "recommendations",
        lambda h: (
            [_("Country"), *[r.title for r in h["recommendations"]]],
            [
                [row["view"].country.name, *[(c or {}).get("status_label", "") for c in row["cells"]]]
                for row in h["rows"]
            ],
        ),
    )


@login_required
def progress(request):
    return _comparison_page(
        request,
        "action-plan-progress",
        services.plan_progress,
        "progress",
        lambda rows: (
            [_("Country"), *[f"{p['label']} ({_('done')})" for p in (rows[0]["phases"] if rows else [])]],
            [[r["view"].country.name, *[f"{p['done']}/{p['total']}" for p in r["phases"]]] for r in rows],
        ),
    )


@login_required
@require_POST
def reuse(request, snapshot_id: int, kind: str, row_id: int):
    """Copy a row of an approved strategy into the user's own draft (good-practice reuse)."""
    snapshot = get_object_or_404(
        visible_snapshots(request.user, Snapshot.objects.select_related("strategy__country", "review")),
        pk=snapshot_id,
    )
    target = get_strategy_or_404(request.user, params.whole_number(request.POST.get("strategy"), name="strategy"))
    try:
        part = services.part_copy_from_snapshot(
            snapshot=snapshot, kind=kind, row_id=row_id, strategy=target, user=request.user
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            _("Copied “%(row)s” into %(strategy)s.") % {"row": str(part)[:80], "strategy": target.title},
        )
    return redirect(params.safe_next(request, reverse("reviews:snapshot", args=[snapshot.pk])))
