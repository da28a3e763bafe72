"""The Special Group's view of Europe: progress dashboard and side-by-side comparisons, with exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Country
from audit import services as audit
from comparisons import services
from core import params, tabular
from core.html import plain_text
from core.redirects import redirect_next
from guide.models import TEMPLATE_SECTION_COUNT, SectionTemplate
from monitoring import selectors as monitoring_selectors
from reviews.models import Snapshot
from reviews.permissions import snapshot_or_404
from strategies.models import TEMPLATE_SECTIONS, Strategy
from strategies.permissions import get_strategy_or_404, reviewer_required

SECTION_RELATIONS = [model.related_name() for model in TEMPLATE_SECTIONS]


def _export(request, name: str, headers: list[str], rows: list[list]) -> HttpResponse | None:
    """CSV or XLSX of a table when ?format= asks for it (written by the one spreadsheet module)."""
    fmt = request.GET.get("format")
    if fmt not in ("csv", "xlsx"):
        return None
    audit.record(
        audit.AuditEvent.Action.EXPORT,
        summary=f"Exported {name} as {fmt.upper()} ({len(rows)} rows)",
        target=f"comparison:{name}",
        details={"format": fmt, "rows": len(rows), "countries": request.GET.getlist("country")},
    )
    return tabular.spreadsheet_response(name, fmt, headers, rows)


class Scope:
    """Which countries a comparison page shows: the newest snapshot the user may see of each country
    (one small query), narrowed to the ?country= codes picked; and which countries it leaves out."""

    def __init__(self, request):
        self.visible = services.latest_snapshots(request.user)
        self.selected = services.country_codes(request.GET.getlist("country"))
        self.views = services.chosen(self.visible, self.selected)
        #: Loaded only if the page's cached fragment is missing.
        self.left_out = SimpleLazyObject(lambda: services.countries_left_out(self.visible))
        #: What the fragment naming the left-out countries depends on.
        self.key = ",".join(str(v.snapshot_id) for v in self.visible)


def _lazy(scope: Scope, name: str, compute, *extra: str):
    """The comparison's data, computed only if the template's cached fragment is missing (or for an
    export), and the key of that fragment: both follow the ids of the snapshots read (and `extra`, the
    page's own filters)."""
    data = SimpleLazyObject(lambda: services.cached(name, scope.views, compute))
    return data, ":".join([services.cache_key(name, scope.views), *extra])


def _exporting(request) -> bool:
    return request.GET.get("format") in ("csv", "xlsx")


@login_required
def index(request):
    scope = Scope(request)
    return render(
        request,
        "comparisons/index.html",
        {
            "scope": scope,
            "countries": scope.visible,
            "sections": SectionTemplate.objects.filter(number__lte=TEMPLATE_SECTION_COUNT),
        },
    )


def _dashboard_stamp() -> str:
    """Moves whenever a strategy, a section, a row or its monitoring data changes, a snapshot is made, or an
    admin changes a country's 1+MG flags."""
    stamp = Strategy.objects.aggregate(n=Count("id"), last=Max("updated_at"), snaps=Max("snapshots__id"))
    last = stamp["last"].timestamp() if stamp["last"] else 0
    flags = Country.objects.aggregate(
        s=Count("id", filter=Q(is_signatory=True)), o=Count("id", filter=Q(is_operational=True))
    )
    return f"{stamp['n']}:{last}:{stamp['snaps']}:{flags['s']}:{flags['o']}"


def _progress_by_country() -> dict[int, dict]:
    """Status and completeness of each country's newest strategy. Recomputed only when some strategy
    changed (every edit moves its updated_at), so the dashboard stays fast at 28 full strategies."""
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
            "total": round(sum(section.completeness for section in sections) / len(TEMPLATE_SECTIONS)),
        }
    cache.set(key, progress, 24 * 3600)
    return progress


def _monitoring_by_country() -> dict[int, dict]:
    """KPI status, on-time rate, readiness checks and reports per country, cached like the rest."""
    key = f"compare:dashboard-monitoring:{_dashboard_stamp()}"
    found = cache.get(key)
    if found is None:
        found = monitoring_selectors.europe_progress()
        cache.set(key, found, 24 * 3600)
    return found


def _dashboard_rows(status: str, signatory: bool, operational: bool, sort: str) -> list[dict]:
    progress = _progress_by_country()
    running = _monitoring_by_country()
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
                "monitoring": running.get(country.pk),
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


def _monitoring_cells(entry: dict | None) -> list:
    if not entry:
        return [""] * 6
    rate = entry["on_time_rate"]
    return [
        entry["kpis"]["on_track"],
        entry["kpis"]["at_risk"],
        entry["kpis"]["off_track"],
        "" if rate is None else rate,
        entry["checks_met"],
        entry["reports_approved"],
    ]


@login_required
@reviewer_required
def dashboard(request):
    """Every country x the twelve sections: completeness and status (never the text). Reviewers and admins."""
    titles = list(SectionTemplate.objects.filter(number__lte=TEMPLATE_SECTION_COUNT).order_by("number"))
    for title in titles:
        title.short = services.SHORT_TITLES.get(title.key, title.title)
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "country")
    codes = sorted({c.strip().upper() for c in request.GET.getlist("country") if c.strip()})
    signatory, operational = bool(request.GET.get("signatory")), bool(request.GET.get("operational"))

    def build_rows():
        rows = _dashboard_rows(status, signatory, operational, sort)
        return [r for r in rows if r["country"].code in codes] if codes else rows

    rows = build_rows() if _exporting(request) else SimpleLazyObject(build_rows)
    view = "running" if request.GET.get("view") == "running" else ""  # issue #14: running the plan
    fragment = f"{_dashboard_stamp()}:{status}:{signatory}:{operational}:{sort}:{','.join(codes)}:{view}"
    # Only an export needs the data here; a page may be served from its cached fragment.
    export = _exporting(request) and _export(
        request,
        "europe-dashboard",
        [
            _("Country"),
            _("Signatory"),
            _("Operational"),
            _("Status"),
            _("Complete %"),
            _("KPIs on track"),
            _("KPIs at risk"),
            _("KPIs off track"),
            _("Tasks on time %"),
            _("Readiness checks met"),
            _("Reports approved"),
            *[t.title for t in titles],
        ],
        [
            [
                r["country"].name,
                r["country"].is_signatory,
                r["country"].is_operational,
                r["strategy"]["status_label"] if r["strategy"] else "",
                r["total"],
                *_monitoring_cells(r["monitoring"]),
                *([pct for _key, pct in r["cells"]] or [""] * len(titles)),
            ]
            for r in rows
        ],
    )
    if export:
        return export
    others = request.GET.copy()
    others.pop("sort", None)
    others.pop("format", None)
    context = {
        "rows": rows,
        "titles": titles,
        "statuses": Strategy.Status.choices,
        "sort": sort,
        "fragment": fragment,
        "countries": Country.objects.only("code", "name").order_by("name"),
        "selected": codes,
        "keep": others.urlencode(),
        "view": view,
    }
    return render(request, "comparisons/dashboard.html", context)


@login_required
def section(request, key: str):
    if key not in services.SECTION_KEYS:
        raise Http404
    if request.GET.get("format") == "pdf":
        # The PDF is made (and its URL served) by exports; links from before it moved still work.
        query = request.GET.copy()
        query.pop("format")
        return redirect(f"{reverse('exports:comparison_pdf', args=[key])}?{query.urlencode()}")
    scope = Scope(request)
    views = scope.views[: services.MAX_COLUMNS]
    template = SectionTemplate.objects.get(key=key)
    rows = services.section_rows(views, key)
    # Only an export needs the data here; a page may be served from its cached fragment.
    export = _exporting(request) and _export(
        request,
        f"compare-{key}",
        [_("Prompt"), *[v.country.name for v in views]],
        [[r["prompt"], *[plain_text(c["html"]) for c in r["cells"]]] for r in rows],
    )
    context = {"views": views, "template": template, "rows": rows, "scope": scope}
    return export or render(request, "comparisons/section.html", context)


def _comparison_page(request, name: str, compute, template: str, table):
    """One comparison page: its data (lazy, cached by snapshot ids) rendered into `template` as `data`,
    or, for ?format=csv|xlsx, the (headers, rows) that `table(data)` gives."""
    scope = Scope(request)
    data, fragment = _lazy(scope, name, compute)
    if _exporting(request):
        return _export(request, name, *table(data))
    return render(request, f"comparisons/{template}.html", {"data": data, "fragment": fragment, "scope": scope})


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
    """Key messages, one row per country, filtered by the audience they address and by country."""
    scope = Scope(request)
    audience = request.GET.get("audience", "")
    choices = services.audience_choices()
    if audience not in {value for _group, options in choices for value, _label in options}:
        audience = ""
    data, fragment = _lazy(scope, "key-messages", services.messages_by_country, audience)

    def filtered():
        return [{**c, "messages": [m for m in c["messages"] if services.message_matches(m, audience)]} for c in data]

    if _exporting(request):
        headers = [_("Country"), _("Audience"), _("Audience group"), _("Citizens or professionals"), _("Message")]
        rows = [
            [
                c["view"].country.name,
                m["audience"] or _("General"),
                m["group"] or (_("Other") if m["kind"] != "general" else ""),
                m["kind_label"],
                m["message"],
                m["points"],
                m["evidence"],
            ]
            for c in filtered()
            for m in c["messages"]
        ]
        return _export(request, "key-messages", [*headers, _("Supporting points"), _("Evidence")], rows)
    context = {
        "data": SimpleLazyObject(filtered),
        "fragment": fragment,
        "scope": scope,
        "audience": audience,
        "audience_choices": choices,
    }
    return render(request, "comparisons/messages.html", context)


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
                    r.text("description"),
                    r.value("likelihood"),
                    r.value("impact"),
                    r.text("mitigation"),
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
            [[row["view"].country.name, *[c.status_label if c else "" for c in row["cells"]]] for row in h["rows"]],
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
    snapshot = snapshot_or_404(
        request.user, snapshot_id, Snapshot.objects.select_related("strategy__country", "review")
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
    return redirect_next(request, reverse("reviews:snapshot", args=[snapshot.pk]))
