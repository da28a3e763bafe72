"""The Special Group's view of Europe: progress dashboard and side-by-side comparisons, with exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit import services as audit
from comparisons import selectors, services
from comparisons.forms import DashboardFilterForm, ScopeForm, SectionPickForm
from core import params, tabular
from core.html import plain_text
from core.pagecache import cached_page
from core.redirects import redirect_next
from guide.models import SectionTemplate
from reviews.models import Snapshot
from reviews.permissions import snapshot_or_404
from strategies.permissions import get_strategy_or_404, reviewer_required


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
    (one small query), narrowed to the ?country= codes picked in its filter form; and which countries it
    leaves out."""

    def __init__(self, request, audiences=None):
        self.visible = services.latest_snapshots(request.user)
        self.form = ScopeForm(request.GET, visible=self.visible, audiences=audiences)
        self.selected = self.form.codes()
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
@cached_page
def index(request):
    scope = Scope(request)
    context = {
        "scope": scope,
        "form": SectionPickForm(visible=scope.visible),
        "sections": selectors.template_sections(),
    }
    return render(request, "comparisons/index.html", context)


def _dashboard_table(titles, rows) -> tuple[list, list]:
    headers = [
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
    ]
    body = [
        [
            r["country"].name,
            r["country"].is_signatory,
            r["country"].is_operational,
            r["strategy"]["status_label"] if r["strategy"] else "",
            r["total"],
            *selectors.monitoring_cells(r["monitoring"]),
            *([pct for _key, pct in r["cells"]] or [""] * len(titles)),
        ]
        for r in rows
    ]
    return headers, body


@login_required
@reviewer_required
@cached_page
def dashboard(request):
    """Every country x the twelve sections: completeness and status (never the text). Reviewers and admins."""
    countries = selectors.countries()
    form = DashboardFilterForm(request.GET, countries=countries)
    filters = form.filters()
    titles = selectors.dashboard_titles()
    if _exporting(request):
        return _export(request, "europe-dashboard", *_dashboard_table(titles, selectors.dashboard_rows(**filters)))
    # The rows are read only if the page's cached fragment is missing.
    rows = SimpleLazyObject(lambda: selectors.dashboard_rows(**filters))
    keys = [filters[k] for k in ("status", "signatory", "operational", "sort")]
    fragment = ":".join(map(str, [selectors.dashboard_stamp(), *keys, ",".join(filters["codes"]), filters["view"]]))
    others = request.GET.copy()
    others.pop("sort", None)
    others.pop("format", None)
    context = {"rows": rows, "titles": titles, "form": form, "fragment": fragment, "keep": others.urlencode()}
    return render(request, "comparisons/dashboard.html", {**context, "sort": filters["sort"], "view": filters["view"]})


@login_required
@cached_page
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
@cached_page
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
@cached_page
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


def _messages_table(countries) -> tuple[list, list]:
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
        for c in countries
        for m in c["messages"]
    ]
    return [*headers, _("Supporting points"), _("Evidence")], rows


@login_required
@cached_page
def messages_view(request):
    """Key messages, one row per country, filtered by the audience they address and by country."""
    scope = Scope(request, audiences=services.audience_choices())
    audience = scope.form.chosen_audience()
    data, fragment = _lazy(scope, "key-messages", services.messages_by_country, audience)

    def filtered():
        return [{**c, "messages": [m for m in c["messages"] if services.message_matches(m, audience)]} for c in data]

    if _exporting(request):
        return _export(request, "key-messages", *_messages_table(filtered()))
    context = {"data": SimpleLazyObject(filtered), "fragment": fragment, "scope": scope, "audience": audience}
    return render(request, "comparisons/messages.html", context)


@login_required
@cached_page
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
@cached_page
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
@cached_page
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
@cached_page
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
