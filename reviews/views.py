"""Reviewer inbox, review pages, workflow actions, snapshots and notifications."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import policy
from core.limits import validate_planning_date
from core.redirects import redirect_next, safe_url
from guide.models import SectionPrompt, SectionTemplate
from monitoring.checks import run_checks
from monitoring.selectors import lessons_for_next_version
from reviews import report_views, selectors, services
from reviews.models import Notification, Review, SectionReview, Snapshot
from reviews.permissions import latest_snapshot_or_404, review_or_404, snapshot_or_404
from strategies.diffs import html_diff
from strategies.forms import PART_KINDS, REUSABLE_KINDS, DateInput
from strategies.models import SECTIONS_BY_KEY, TEMPLATE_SECTIONS, Comment, Strategy
from strategies.permissions import get_strategy_or_404, reviewer_required, working_copy_or_404


class ClaimForm(forms.Form):
    due = forms.DateField(
        required=False, widget=DateInput(), label=gettext_lazy("Due"), validators=[validate_planning_date]
    )


class VerdictForm(forms.Form):
    status = forms.ChoiceField(choices=SectionReview.Status.choices)
    comment = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Review.Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    # Approving is asked twice: once from the review page, once on the confirmation page that lists the
    # sections without a verdict. Only the second carries this flag.
    confirmed = forms.BooleanField(required=False)


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[("submit", "submit"), ("withdraw", "withdraw"), ("reopen", "reopen")])
    reason = forms.CharField(required=False, max_length=5000)
    confirmed = forms.BooleanField(required=False)  # submitting is confirmed on a page of its own


class PreferencesForm(forms.Form):
    email_mode = forms.ChoiceField(label=gettext_lazy("E-mail notifications"), widget=forms.RadioSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email_mode"].choices = get_user_model().EmailMode.choices
        self.fields["email_mode"].initial = user.email_mode


# --- Reviewer inbox and review page -------------------------------------------------------------------


@login_required
@reviewer_required
def inbox(request):
    waiting = selectors.waiting_reviews()
    decided = selectors.decided_reviews()
    return render(
        request,
        "reviews/inbox.html",
        {
            "waiting": waiting,
            "decided": decided,
            "now": timezone.now(),
            "claim_form": ClaimForm(),
            "waiting_reports": report_views.waiting_reports(),  # progress reports (issue #14)
        },
    )


@login_required
@require_POST
@reviewer_required
def claim(request, pk: int):
    review = review_or_404(request.user, pk)
    form = ClaimForm(request.POST)
    try:
        if request.POST.get("release"):
            services.review_release(review=review, user=request.user)
            messages.success(request, _("You released the review."))
        elif form.is_valid():
            services.review_claim(review=review, user=request.user, due=form.cleaned_data["due"])
            messages.success(request, _("The review is yours."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect_next(request, reverse("reviews:inbox"))


def _previous_review(review: Review) -> Review | None:
    return (
        Review.objects.filter(
            snapshot__strategy=review.snapshot.strategy,
            snapshot__number__lt=review.snapshot.number,
            completed_at__isnull=False,
        )
        .exclude(decision="")
        .select_related("snapshot")
        .order_by("-snapshot__number")
        .first()
    )


def _section_rows(snapshot: Snapshot, previous: Snapshot | None) -> list[dict]:
    templates = list(SectionTemplate.objects.all())
    prompts: dict[str, list[SectionPrompt]] = {}
    for prompt in SectionPrompt.objects.select_related("section"):
        prompts.setdefault(prompt.section.key, []).append(prompt)
    rows = []
    for template in templates:
        values = snapshot.section(template.key)
        old = previous.section(template.key) if previous else None
        changed = previous is None or snapshot.section_hashes.get(template.key) != previous.section_hashes.get(
            template.key
        )
        fields = [
            {
                "prompt": p.prompt,
                "value": values.get(p.field, ""),
                "diff": html_diff(old.get(p.field, ""), values.get(p.field, "")) if old is not None and changed else "",
            }
            for p in prompts.get(template.key, [])
        ]
        rows.append({"template": template, "key": template.key, "fields": fields, "changed": changed})
    return rows


@login_required
@reviewer_required
def review_detail(request, pk: int):
    review = review_or_404(
        request.user,
        pk,
        Review.objects.select_related("snapshot__strategy__country", "snapshot__created_by", "reviewer"),
    )
    snapshot = review.snapshot
    previous = _previous_review(review)
    rows = _section_rows(snapshot, previous.snapshot if previous else None)
    verdicts = {v.section_key: v for v in review.sections.all()}
    comments: dict[str, list[Comment]] = {}
    for comment in (
        Comment.objects.filter(strategy=snapshot.strategy, from_review=True)
        .select_related("author", "resolved_by")
        .prefetch_related("replies__author")
        .order_by("created_at")
    ):
        comments.setdefault(comment.section_key, []).append(comment)
    for row in rows:
        row["verdict"] = verdicts.get(row["key"])
        row["comments"] = comments.get(row["key"], [])
    return render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "snapshot": snapshot,
            "strategy": snapshot.strategy,
            "previous": previous,
            "rows": rows,
            "reviewed_count": sum(1 for row in rows if row["verdict"]),
            "unreviewed": [row["template"] for row in rows if not row["verdict"]],
            "parts": _parts(snapshot),
            "decision_form": DecisionForm(),
            "claim_form": ClaimForm(initial={"due": review.due}),
            "can_decide": review.is_open and policy.can_review(request.user, snapshot.strategy),
        },
    )


def _parts(snapshot: Snapshot) -> list[dict]:
    labels = {}
    for kind, (model, fields) in PART_KINDS.items():
        labels[kind] = (
            str(model._meta.verbose_name_plural),
            [(name, str(model._meta.get_field(name).verbose_name)) for name in fields],
        )
    result = []
    for kind, rows in snapshot.data.get("parts", {}).items():
        if kind not in labels or not rows:
            continue
        title, fields = labels[kind]
        result.append({"kind": kind, "title": title, "fields": fields, "rows": rows})
    return result


@login_required
@require_POST
@reviewer_required
def section_verdict(request, pk: int, key: str):
    if key not in SECTIONS_BY_KEY:
        raise Http404
    review = review_or_404(request.user, pk, Review.objects.select_related("snapshot__strategy"))
    form = VerdictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accepted or needs changes."))
    else:
        try:
            services.section_review_set(
                review=review,
                key=key,
                status=form.cleaned_data["status"],
                user=request.user,
                comment=form.cleaned_data["comment"],
            )
        except PermissionDenied:
            messages.error(request, _("This review is closed."))
    return redirect(reverse("reviews:review", args=[review.pk]) + f"#{key}")


def _unreviewed_sections(review: Review) -> list[SectionTemplate]:
    """The template sections (and appendices) that have no verdict in this review yet."""
    judged = set(review.sections.values_list("section_key", flat=True))
    return [template for template in SectionTemplate.objects.all() if template.key not in judged]


@login_required
@require_POST
@reviewer_required
def decide(request, pk: int):
    review = review_or_404(request.user, pk, Review.objects.select_related("snapshot__strategy__country"))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or request changes."))
        return redirect("reviews:review", pk=review.pk)
    if (
        form.cleaned_data["decision"] == Review.Decision.APPROVE
        and not form.cleaned_data["confirmed"]
        and review.is_open
        and policy.can_review(request.user, review.snapshot.strategy)
    ):
        # Approving is final for this submission: ask once more, naming every section nobody reviewed.
        # Approving them unreviewed stays possible on purpose (the Special Group may trust a section).
        unreviewed = _unreviewed_sections(review)
        return render(
            request,
            "reviews/confirm_decision.html",
            {
                "review": review,
                "snapshot": review.snapshot,
                "strategy": review.snapshot.strategy,
                "unreviewed": unreviewed,
                "section_count": SectionTemplate.objects.count(),
                "reason": form.cleaned_data["reason"],
            },
        )
    try:
        services.review_decide(
            review=review, user=request.user, decision=form.cleaned_data["decision"], reason=form.cleaned_data["reason"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])) or _("You may not do that."))
        return redirect("reviews:review", pk=review.pk)
    messages.success(request, _("Decision sent to the country."))
    return redirect("reviews:inbox")


# --- Country side: workflow actions, timeline, snapshots ---------------------------------------------------


@login_required
@require_POST
def transition(request, pk: int):
    strategy = working_copy_or_404(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown action."))
        return redirect("strategies:detail", pk=strategy.pk)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    if (
        action == "submit"
        and not form.cleaned_data["confirmed"]
        and action in strategy.available_actions()
        and policy.can_transition(request.user, strategy, action)
    ):
        return _confirm_submit(request, strategy, reason)
    actions = {
        "submit": lambda: services.strategy_submit(strategy=strategy, user=request.user, note=reason),
        "withdraw": lambda: services.strategy_withdraw(strategy=strategy, user=request.user, reason=reason),
        "reopen": lambda: services.strategy_reopen(strategy=strategy, user=request.user, reason=reason),
    }
    try:
        actions[action]()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        messages.error(request, _("Only the country's lead can do that."))
    else:
        done = {
            "submit": _("Submitted for review. You can keep working on the draft."),
            "withdraw": _("Submission withdrawn."),
            "reopen": _("A new version is open for editing."),
        }
        messages.success(request, done[action])
        if action == "reopen" and lessons_for_next_version(strategy):
            # The guide's "modify the strategy based on lessons learnt": start the new version from them.
            return redirect("monitoring:lessons", pk=strategy.pk)
    return redirect("strategies:detail", pk=strategy.pk)


def _confirm_submit(request, strategy: Strategy, note: str):
    """Submitting freezes what the reviewers will read: say so, and show what is still incomplete."""
    relations = [model.related_name() for model in TEMPLATE_SECTIONS]
    strategy = Strategy.objects.select_related("country", *relations).get(pk=strategy.pk)
    titles = dict(SectionTemplate.objects.values_list("key", "title"))
    incomplete = [
        {"key": section.key, "title": titles.get(section.key, section.title), "completeness": section.completeness}
        for section in strategy.template_sections()
        if not section.is_complete
    ]
    open_comments = Comment.objects.filter(strategy=strategy, parent=None, resolved_at=None).count()
    return render(
        request,
        "reviews/confirm_submit.html",
        {
            "strategy": strategy,
            "incomplete": incomplete,
            "open_comments": open_comments,
            "note": note,
            "checks": run_checks(strategy),  # the guide's readiness checks: advice, submitting stays possible
        },
    )


@login_required
def snapshot_detail(request, pk: int):
    snapshot = snapshot_or_404(request.user, pk, Snapshot.objects.select_related("strategy__country", "created_by"))
    review = Review.objects.filter(snapshot=snapshot).select_related("reviewer").first()
    reuse_targets = []
    if review and review.decision == "approve":
        # Good practice travels: editors of other countries may copy rows into their own draft.
        reuse_targets = [
            s
            for s in Strategy.objects.for_user(request.user)
            .exclude(country_id=snapshot.strategy.country_id)
            .exclude(status=Strategy.Status.APPROVED)
            .select_related("country")
            if policy.can_edit(request.user, s)
        ]
    return render(
        request,
        "reviews/snapshot_detail.html",
        {
            "snapshot": snapshot,
            "strategy": snapshot.strategy,
            "review": review,
            "rows": _section_rows(snapshot, None),
            "parts": _parts(snapshot),
            "reuse_targets": reuse_targets,
            "reusable": REUSABLE_KINDS,
        },
    )


@login_required
def latest_snapshot(request, pk: int):
    """What someone outside the country may read of a strategy: its approved (or, for reviewers, submitted)
    snapshot."""
    snapshot = latest_snapshot_or_404(request.user, get_strategy_or_404(request.user, pk))
    return redirect("reviews:snapshot", pk=snapshot.pk)


# --- Notifications ----------------------------------------------------------------------------------------


@login_required
def notifications(request):
    form = PreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if request.POST.get("mark_read"):
            Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        elif form.is_valid():
            request.user.email_mode = form.cleaned_data["email_mode"]
            request.user.save(update_fields=["email_mode"])
            messages.success(request, _("Your e-mail preference is saved."))
        return redirect("reviews:notifications")
    items = Notification.objects.filter(user=request.user).select_related("strategy__country")[:50]
    return render(request, "reviews/notifications.html", {"items": items, "form": form})


@login_required
def notification_open(request, pk: int):
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    # Our own addresses, stored by the services; checked like any return address all the same.
    return redirect(safe_url(request, note.url, "reviews:notifications"))
