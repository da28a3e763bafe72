"""Loading what the monitoring pages show: a strategy's monitoring data and progress reports the user may
see, 404 otherwise (the rules: the "Monitoring, progress reports and panel review" section of
accounts/policy.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts import policy
from monitoring.models import ProgressReport
from strategies.models import Strategy
from strategies.permissions import get_strategy_or_404


def monitored_strategy(request, pk: int, *, record: bool = False, queryset=None) -> Strategy:
    """The strategy's monitoring data: 404 unless the user is a member (or admin); 403 for viewers asked to
    record something. `queryset` (of strategies) may add what the page reads with the strategy."""
    strategy = get_strategy_or_404(request.user, pk, queryset)
    if not policy.can_read_monitoring(request.user, strategy):
        raise Http404
    if record and not policy.can_record_monitoring(request.user, strategy):
        raise PermissionDenied(_("You can read the monitoring data but not record it."))
    return strategy


def report_or_404(request, pk: int) -> ProgressReport:
    """A progress report the user may read (policy.visible_reports), 404 otherwise."""
    queryset = policy.visible_reports(request.user, ProgressReport.objects.select_related("strategy__country"))
    return get_object_or_404(queryset, pk=pk)
