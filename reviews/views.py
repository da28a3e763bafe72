"""Reviewer inbox, review pages, workflow actions, snapshots and notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from core.pagecache import cached_page
from core.redirects import redirect_next, safe_url
from monitoring.checks import run_checks
from monitoring.selectors import lessons_for_next_version
from reviews import selectors, services
from reviews.forms import (
    ClaimForm,
    ConfirmApprovalForm,
    ConfirmSubmitForm,
    DecisionForm,
    MarkReadForm,
    PreferencesForm,
    ReleaseForm,
    TransitionForm,
    VerdictForm,
)
from reviews.models import Notification, Review, Snapshot
from reviews.permissions import latest_snapshot_or_404, review_or_404, snapshot_or_404
from strategies.forms import REUSABLE_KINDS
from strategies.models import SECTIONS_BY_KEY, Strategy
from strategies.permissions import get_strategy_or_404, reviewer_required, working_copy_or_404


def _error(error: Exception) -> str:
    return " ".join(getattr(error, "messages", [])) or _("You may not do that.")


# --- Reviewer inbox and review page -------------------------------------------------------------------


def _claim_forms(review: Review, user):
    if review.reviewer_id == user.pk:
        return ReleaseForm(review=review)
    return None if review.reviewer_id else ClaimForm(review=review)


@login_required
@reviewer_required
@cached_page
def inbox(request):
    waiting = list(selectors.inbox_waiting())
    for review in waiting:
        review.claim_form = _claim_forms(review, request.user)
    context = {
        "waiting": waiting,
        "decided": selectors.inbox_decided(),
        "now": timezone.now(),
        "waiting_reports": selectors.waiting_reports(),  # progress reports (issue #14)
    }
    return render(request, "reviews/inbox.html", context)


@login_required
@require_POST
@reviewer_required
def claim(request, pk: int):
    review = review_or_404(request.user, pk)
    release = ReleaseForm(request.POST, review=review)
    form = ClaimForm(request.POST, review=review)
    try:
        if request.POST.get("release") and release.is_valid():
            services.review_release(review=review, user=request.user)
            messages.success(request, _("You released the review."))
        elif form.is_valid():
            services.review_claim(review=review, user=request.user, due=form.cleaned_data["due"])
            messages.success(request, _("The review is yours."))
        else:
            messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    except ValidationError as error:
        messages.error(request, _error(error))
    return redirect_next(request, reverse("reviews:inbox"))


def _review_page(request, review: Review, decision_form=None, verdict_form=None, status: int = 200):
    """The review page; a refused decision or verdict comes back with what was typed and what is missing."""
    snapshot = review.snapshot
    previous = selectors.previous_review(review)
    rows = selectors.review_rows(review, previous)
    can_decide = review.is_open and policy.can_review(request.user, snapshot.strategy)
    for row in rows:
        row["form"] = VerdictForm(review=review, key=row["key"], verdict=row["verdict"]) if can_decide else None
        if verdict_form is not None and verdict_form.key == row["key"]:
            row["form"] = verdict_form
    context = {
        "review": review,
        "snapshot": snapshot,
        "strategy": snapshot.strategy,
        "previous": previous,
        "rows": rows,
        "reviewed_count": sum(1 for row in rows if row["verdict"]),
        "unreviewed": [row["template"] for row in rows if not row["verdict"]],
        "parts": selectors.snapshot_parts(snapshot),
        "decision_form": decision_form or DecisionForm(review=review),
        "claim_form": ClaimForm(review=review, next_url=reverse("reviews:review", args=[review.pk])),
        "can_decide": can_decide,
    }
    return render(request, "reviews/review_detail.html", context, status=status)


def _review(request, pk: int) -> Review:
    related = Review.objects.select_related("snapshot__strategy__country", "snapshot__created_by", "reviewer")
    return review_or_404(request.user, pk, related)


@login_required
@reviewer_required
@cached_page
def review_detail(request, pk: int):
    return _review_page(request, _review(request, pk))


@login_required
@require_POST
@reviewer_required
def section_verdict(request, pk: int, key: str):
    if key not in SECTIONS_BY_KEY:
        raise Http404
    review = review_or_404(request.user, pk, Review.objects.select_related("snapshot__strategy"))
    form = VerdictForm(request.POST, review=review, key=key)
    if not form.is_valid():  # the page again, the comment kept
        messages.error(request, _("Choose accepted or needs changes."))
        return _review_page(request, _review(request, pk), verdict_form=form, status=400)
    try:
        services.section_review_set(review=review, key=key, user=request.user, **form.cleaned_data)
    except PermissionDenied:
        messages.error(request, _("This review is closed."))
    return redirect(reverse("reviews:review", args=[review.pk]) + f"#{key}")


def _asks_confirmation(request, review: Review, data: dict) -> bool:
    """Approving is final for this submission: it is asked once more, naming every section nobody reviewed.
    Approving them unreviewed stays possible on purpose (the Special Group may trust a section)."""
    return (
        data["decision"] == Review.Decision.APPROVE
        and not data["confirmed"]
        and review.is_open
        and policy.can_review(request.user, review.snapshot.strategy)
    )


def _confirm_approval(request, review: Review, reason: str):
    unreviewed = selectors.unreviewed_sections(review)
    context = {
        "review": review,
        "snapshot": review.snapshot,
        "strategy": review.snapshot.strategy,
        "unreviewed": unreviewed,
        "section_count": selectors.section_count(),
        "form": ConfirmApprovalForm(initial={"reason": reason}, review=review, anyway=bool(unreviewed)),
    }
    return render(request, "reviews/confirm_decision.html", context)


@login_required
@require_POST
@reviewer_required
def decide(request, pk: int):
    review = _review(request, pk)
    form = DecisionForm(request.POST, review=review)
    if not form.is_valid():  # the page again, with what was typed and what is missing
        messages.error(request, _("Choose approve or request changes."))
        return _review_page(request, review, decision_form=form, status=400)
    if _asks_confirmation(request, review, form.cleaned_data):
        return _confirm_approval(request, review, form.cleaned_data["reason"])
    data = {key: form.cleaned_data[key] for key in ("decision", "reason")}
    try:
        services.review_decide(review=review, user=request.user, **data)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error(error))
        return redirect("reviews:review", pk=review.pk)
    messages.success(request, _("Decision sent to the country."))
    return redirect("reviews:inbox")


# --- Country side: workflow actions, timeline, snapshots ---------------------------------------------------

_ACTIONS = {
    "submit": (services.strategy_submit, "note"),
    "withdraw": (services.strategy_withdraw, "reason"),
    "reopen": (services.strategy_reopen, "reason"),
}


def _done_message(action: str) -> str:
    return {
        "submit": _("Submitted for review. You can keep working on the draft."),
        "withdraw": _("Submission withdrawn."),
        "reopen": _("A new version is open for editing."),
    }[action]


def _may_submit(user, strategy: Strategy) -> bool:
    return "submit" in strategy.available_actions() and policy.can_transition(user, strategy, "submit")


@login_required
@require_POST
def transition(request, pk: int):
    strategy = working_copy_or_404(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown action."))
        return redirect("strategies:detail", pk=strategy.pk)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    if action == "submit" and not form.cleaned_data["confirmed"] and _may_submit(request.user, strategy):
        return _confirm_submit(request, strategy, reason)
    service, argument = _ACTIONS[action]
    try:
        service(strategy=strategy, user=request.user, **{argument: reason})
    except ValidationError as error:
        messages.error(request, _error(error))
    except PermissionDenied:
        messages.error(request, _("Only the country's lead can do that."))
    else:
        messages.success(request, _done_message(action))
        if action == "reopen" and lessons_for_next_version(strategy):
            # The guide's "modify the strategy based on lessons learnt": start the new version from them.
            return redirect("monitoring:lessons", pk=strategy.pk)
    return redirect("strategies:detail", pk=strategy.pk)


def _confirm_submit(request, strategy: Strategy, note: str):
    """Submitting freezes what the reviewers will read: say so, and show what is still incomplete."""
    context = selectors.submit_readiness(strategy)
    context["checks"] = run_checks(strategy)  # the guide's readiness checks: advice, submitting stays possible
    context["form"] = ConfirmSubmitForm(initial={"reason": note}, strategy=strategy)
    return render(request, "reviews/confirm_submit.html", context)


@login_required
@cached_page
def snapshot_detail(request, pk: int):
    snapshot = snapshot_or_404(request.user, pk, Snapshot.objects.select_related("strategy__country", "created_by"))
    review = selectors.review_of(snapshot)
    context = {
        "snapshot": snapshot,
        "strategy": snapshot.strategy,
        "review": review,
        "rows": selectors.section_rows(snapshot, None),
        "parts": selectors.snapshot_parts(snapshot),
        # Good practice travels: editors of other countries may copy approved rows into their own draft.
        "reuse_targets": selectors.reuse_targets(request.user, snapshot, review),
        "reusable": REUSABLE_KINDS,
    }
    return render(request, "reviews/snapshot_detail.html", context)


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
            services.notifications_mark_read(user=request.user)
        elif form.is_valid():
            services.notification_preferences_set(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your e-mail preference is saved."))
        return redirect("reviews:notifications")
    context = {"items": selectors.notifications_for(request.user), "form": form, "mark_read_form": MarkReadForm()}
    return render(request, "reviews/notifications.html", context)


@login_required
def notification_open(request, pk: int):
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    services.notifications_mark_read(user=request.user, notification=note)
    # Our own addresses, stored by the services; checked like any return address all the same.
    return redirect(safe_url(request, note.url, "reviews:notifications"))
