"""What the API returns. The structured content (sections, rows, tasks) is read from the same content the pages
and exports read: the working copy for the country's members and admins, the newest visible snapshot for
everybody else (exports.exchange.readable_snapshot)."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Country
from reviews.models import Snapshot
from strategies.models import Strategy


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name", "languages", "is_signatory", "signed_on", "is_operational", "website"]


class StrategySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")
    country_name = serializers.CharField(source="country.name")
    period = serializers.CharField(source="period_label")
    reads = serializers.SerializerMethodField(
        help_text="What the caller reads of this strategy: its live working copy, or its newest snapshot they "
        "may see (what sections/, parts/, tasks/ and document/ return)."
    )

    class Meta:
        model = Strategy
        fields = ["id", "country", "country_name", "title", "status", "version", "period", "reads"]

    def get_reads(self, strategy) -> str:
        return self.context["reads"](strategy)


class SnapshotSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="strategy.country.code")
    title = serializers.SerializerMethodField()
    approved = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()

    class Meta:
        model = Snapshot
        fields = ["id", "strategy", "country", "number", "version", "title", "created_at", "approved", "decision"]

    def get_title(self, snapshot) -> str:
        return snapshot.data.get("title", "")

    def get_approved(self, snapshot) -> bool:
        return self.get_decision(snapshot) == "approve"

    def get_decision(self, snapshot) -> str:
        review = getattr(snapshot, "review", None)
        return (review.decision if review else "") or ""


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    values = serializers.DictField(child=serializers.CharField(), help_text="Prompt field -> answer (HTML).")


class RowSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The row's id (in a snapshot: its id when the snapshot was made).")
    kind = serializers.CharField()
    position = serializers.IntegerField()
    fields = serializers.DictField(help_text="The row as people read it (names, labels, formatted dates).")
    values = serializers.DictField(help_text="The row's stored values (links to other rows as their ids).")


class KpiReadingSerializer(serializers.Serializer):
    """Extension point: the shape KPI readings will have once the monitoring app (issue #14) records them."""

    kpi = serializers.IntegerField()
    date = serializers.DateField()
    value = serializers.CharField()
    status = serializers.CharField()


class PhaseProgressSerializer(serializers.Serializer):
    label = serializers.CharField()
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    pct = serializers.IntegerField()


class ComparisonSerializer(serializers.Serializer):
    country = serializers.CharField()
    country_name = serializers.CharField()
    snapshot = serializers.IntegerField()
    approved = serializers.BooleanField()
    recommendations = serializers.DictField(child=serializers.CharField(), help_text="Recommendation number -> status.")
    action_plan = PhaseProgressSerializer(many=True)
