from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from accounts.models import Membership
from guide.models import SectionTemplate
from strategies.models import SECTION_MODELS, Strategy, Task
from strategies.permissions import can_edit, can_read_working_copy, get_strategy_or_404

SECTION_RELATIONS = [model.related_name() for model in SECTION_MODELS]


@login_required
def home(request):
    """The user's countries and their strategies, with completeness and the tasks due soon."""
    memberships = list(Membership.objects.filter(user=request.user).select_related("country"))
    strategies = list(
        Strategy.objects.for_user(request.user)
        .filter(Q(country__in=[m.country_id for m in memberships]) | Q(status=Strategy.Status.APPROVED))
        .select_related("country", *SECTION_RELATIONS)
        .annotate(open_tasks=Count("tasks", filter=~Q(tasks__status=Task.Status.DONE)))
        .order_by("country__name", "-updated_at")
    )
    mine = [s for s in strategies if any(m.country_id == s.country_id for m in memberships)]
    library = [s for s in strategies if s not in mine]
    today = timezone.localdate()
    my_tasks = (
        Task.objects.filter(owner=request.user, strategy__in=[s.pk for s in mine])
        .open()
        .filter(due__isnull=False, due__lte=today + timezone.timedelta(days=14))
        .select_related("strategy__country")
        .order_by("due")[:20]
    )
    return render(
        request,
        "strategies/home.html",
        {
            "memberships": memberships,
            "strategies": mine,
            "library": library,
            "my_tasks": my_tasks,
            "today": today,
        },
    )


@login_required
def strategy_detail(request, pk: int):
    strategy = get_strategy_or_404(request.user, pk, Strategy.objects.select_related("country", *SECTION_RELATIONS))
    if not can_read_working_copy(request.user, strategy):
        # Reviewers and other countries read submitted/approved snapshots (review workflow), not the draft.
        return render(request, "strategies/strategy_summary.html", {"strategy": strategy}, status=200)
    templates = {t.key: t for t in SectionTemplate.objects.prefetch_related("prompts")}
    sections = [{"template": templates.get(section.key), "section": section} for section in strategy.sections()]
    tasks_by_phase = (
        strategy.tasks.values("phase")
        .annotate(total=Count("id"), done=Count("id", filter=Q(status=Task.Status.DONE)))
        .order_by("phase")
    )
    return render(
        request,
        "strategies/strategy_detail.html",
        {
            "strategy": strategy,
            "sections": sections,
            "can_edit": can_edit(request.user, strategy),
            "assessments": strategy.assessments.select_related("recommendation"),
            "tasks_by_phase": tasks_by_phase,
            "segments": strategy.segments.all(),
        },
    )
