"""The read-only REST API (Django REST Framework). Every list is the permission policy's "which ones?" for
the caller (visible_strategies, visible_snapshots, the comparisons' latest visible snapshots), every object is
loaded through it (a hidden one is a 404, as on the pages), and what a strategy's content endpoints return is
what the pages show that person: the working copy for members, the newest visible snapshot otherwise."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from accounts.models import Country
from accounts.policy import visible_snapshots, visible_strategies
from api import serializers
from comparisons.services import latest_snapshots, load_content, plan_progress
from exports import exchange
from guide.models import SectionTemplate
from reviews.models import Snapshot
from strategies.content import strategy_content
from strategies.forms import PART_KINDS
from strategies.models import Strategy

KINDS = tuple(PART_KINDS)


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    """The countries of the 1+MG initiative (reference data every signed-in person sees)."""

    queryset = Country.objects.order_by("name")
    serializer_class = serializers.CountrySerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()


class StrategyViewSet(viewsets.ReadOnlyModelViewSet):
    """The strategies the caller may see, and their content as the caller may read it."""

    serializer_class = serializers.StrategySerializer

    def get_queryset(self):
        return visible_strategies(self.request.user, Strategy.objects.select_related("country")).order_by(
            "country__name", "pk"
        )

    def get_serializer_context(self):
        def reads(strategy) -> str:
            try:
                snapshot = exchange.readable_snapshot(self.request.user, strategy)
            except Http404:
                return "nothing"
            return "working_copy" if snapshot is None else f"snapshot:{snapshot.pk}"

        return {**super().get_serializer_context(), "reads": reads}

    def _content(self) -> tuple[Strategy, Snapshot | None, dict]:
        strategy = self.get_object()
        snapshot = exchange.readable_snapshot(self.request.user, strategy)
        return strategy, snapshot, (strategy_content(strategy) if snapshot is None else snapshot.data)

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        description="The strategy as one JSON document in the planner's exchange format (docs/schema/"
        "strategy.v1.json; format onemg-strategy, version 1): what the JSON download gives.",
    )
    @action(detail=True)
    def document(self, request, pk=None):
        strategy, snapshot, _content = self._content()
        data = exchange.strategy_export(
            strategy=strategy, snapshot=snapshot, approved=bool(snapshot and exchange.is_approved(snapshot))
        )
        return Response(data)

    @extend_schema(responses=serializers.SectionSerializer(many=True))
    @action(detail=True)
    def sections(self, request, pk=None):
        _strategy, _snapshot, content = self._content()
        rows = [
            {"key": t.key, "number": t.number, "title": str(t), "values": content.get("sections", {}).get(t.key, {})}
            for t in SectionTemplate.objects.order_by("number")
        ]
        return Response(serializers.SectionSerializer(rows, many=True).data)

    def _rows(self, kind: str):
        _strategy, _snapshot, content = self._content()
        rows = [
            {"id": row["id"], "kind": kind, "position": position, "fields": row["fields"], "values": row["values"]}
            for position, row in enumerate(content.get("parts", {}).get(kind, []), start=1)
        ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializers.RowSerializer(page, many=True).data)

    @extend_schema(
        responses=serializers.RowSerializer(many=True),
        parameters=[OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=list(KINDS))],
    )
    @action(detail=True, url_path=f"parts/(?P<kind>{'|'.join(KINDS)})", url_name="parts")
    def parts(self, request, pk=None, kind=None):
        """The structured rows of one kind (segments, messages, channels, tactics, content, stakeholders,
        objectives, kpis, risks, roles, budget, tasks)."""
        return self._rows(kind)

    @extend_schema(responses=serializers.RowSerializer(many=True))
    @action(detail=True)
    def tasks(self, request, pk=None):
        """The action plan's tasks (phase, parent task, dates, status, owner)."""
        return self._rows("tasks")

    @extend_schema(responses=serializers.KpiReadingSerializer(many=True))
    @action(detail=True, url_path="kpi-readings", url_name="kpi-readings")
    def kpi_readings(self, request, pk=None):
        """KPI readings against their targets. Extension point: no readings are recorded yet (the monitoring
        app of issue #14 adds them); the permission check is already the strategy's, and the list is empty."""
        self._content()
        page = self.paginate_queryset(kpi_readings(request.user, self.get_object()))
        return self.get_paginated_response(serializers.KpiReadingSerializer(page, many=True).data)


def kpi_readings(user, strategy) -> list[dict]:
    """The readings of the strategy's KPIs that `user` may see. Returns [] until the monitoring app exists: it
    will plug its selector in here (same permission: whoever reads the strategy reads its readings)."""
    return []


class SnapshotViewSet(viewsets.ReadOnlyModelViewSet):
    """Frozen submissions the caller may read (their country's, all for reviewers and admins, approved ones for
    everybody signed in). A snapshot's document is in the exchange format."""

    serializer_class = serializers.SnapshotSerializer

    def get_queryset(self):
        queryset = Snapshot.objects.select_related("strategy__country", "review")
        strategy = self.request.query_params.get("strategy", "")
        if strategy.isdigit():
            queryset = queryset.filter(strategy_id=int(strategy))
        return visible_snapshots(self.request.user, queryset).order_by("-created_at", "-pk")

    @extend_schema(parameters=[OpenApiParameter("strategy", int, description="Only the snapshots of this strategy.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True)
    def document(self, request, pk=None):
        snapshot = self.get_object()
        return Response(
            exchange.strategy_export(
                strategy=snapshot.strategy, snapshot=snapshot, approved=exchange.is_approved(snapshot)
            )
        )


class ComparisonList(ListAPIView):
    """What the comparison pages show: per country, the newest snapshot the caller may see, how it addresses
    each B1MG recommendation, and its action plan's progress by phase."""

    serializer_class = serializers.ComparisonSerializer

    def get_queryset(self):
        views = load_content(latest_snapshots(self.request.user))
        progress = {row["view"].snapshot_id: row["phases"] for row in plan_progress(views)}
        return [
            {
                "country": view.country.code,
                "country_name": view.country.name,
                "snapshot": view.snapshot_id,
                "approved": view.approved,
                "recommendations": {str(a["number"]): a["status"] for a in view.data.get("assessments", [])},
                "action_plan": progress[view.snapshot_id],
            }
            for view in views
        ]
