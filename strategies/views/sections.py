"""The section editor: saving with merge and conflict, history and restore, presence, comments and assignment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from core import params
from guide.models import SectionPrompt, SectionTemplate
from strategies import selectors, services
from strategies.diffs import html_diff
from strategies.forms import AssignmentForm, CommentForm, section_form
from strategies.models import Comment, Revision
from strategies.permissions import working_copy_or_404
from strategies.richtext import same_html
from strategies.views.common import is_htmx, section_key_or_404

# --- Section editor ------------------------------------------------------------------------------------


def _prompts(key: str) -> dict[str, SectionPrompt]:
    return {p.field: p for p in SectionPrompt.objects.filter(section__key=key)}


@login_required
def section_edit(request, pk: int, key: str):
    strategy = working_copy_or_404(request, pk)
    key = section_key_or_404(key)
    section = services.section_for(strategy, key)
    template = SectionTemplate.objects.filter(key=key).first()
    prompts = _prompts(key)
    editable = policy.can_edit(request.user, strategy)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = section_form(section, prompts, data=request.POST)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in section.prompt_fields}
            result = services.section_update(
                strategy=strategy,
                key=key,
                data=data,
                base_version=form.cleaned_data["edit_version"],
                user=request.user,
            )
            if result.status == "conflict":
                return _conflict(request, strategy, result, prompts, template)
            _tell(request, result)
            return redirect("strategies:section", pk=strategy.pk, key=key)
    else:
        form = section_form(section, prompts)
    reviewed_in, verdicts = selectors.latest_verdicts(strategy)
    # A damaged version number (never sent by our page) is a bad request; other errors are the user's to fix.
    status = 200 if not form.is_bound else 400 if "edit_version" in form.errors else 422
    return render(
        request,
        "strategies/section_form.html",
        {
            "strategy": strategy,
            "section": section,
            "template": template,
            "form": form,
            "editable": editable,
            "sections": SectionTemplate.objects.all(),
            "verdict": verdicts.get(key),
            "reviewed_in": reviewed_in,
        },
        status=status,
    )


def _tell(request, result) -> None:
    if result.status == "merged":
        messages.info(
            request,
            _("Saved. A colleague saved this section while you were editing; both your changes were merged."),
        )
    elif result.status == "saved":
        messages.success(request, _("Saved."))
    else:
        messages.info(request, _("Nothing to save: no changes."))


def _conflict(request, strategy, result, prompts, template):
    """Both versions side by side; the form holds the user's own text on top of the saved version."""
    section = result.obj
    form = section_form(section, prompts, data=None)
    form.initial.update(result.mine)
    form.initial["edit_version"] = section.edit_version
    fields = [
        {
            "name": name,
            "label": prompts[name].prompt if name in prompts else name,
            "theirs": result.theirs.get(name, ""),
            "mine": result.mine.get(name, ""),
            "diff": html_diff(result.theirs.get(name, ""), result.mine.get(name, "")),
        }
        for name in result.conflicts
    ]
    return render(
        request,
        "strategies/section_conflict.html",
        {
            "strategy": strategy,
            "section": section,
            "template": template,
            "form": form,
            "fields": fields,
            "editable": True,
            "unsaved": True,  # the form holds the user's text, not what is saved: keep the browser's copy
        },
        status=409,
    )


@login_required
def section_history(request, pk: int, key: str):
    strategy = working_copy_or_404(request, pk)
    key = section_key_or_404(key)
    section = services.section_for(strategy, key)
    revisions = list(
        Revision.objects.filter(strategy=strategy, target=services.section_target(section))
        .select_related("user")
        .order_by("-version")
    )
    by_version = {r.version: r for r in revisions}
    newest = revisions[0].version if revisions else 1
    try:
        new = by_version[int(request.GET.get("b", newest))]
        old = by_version[int(request.GET.get("a", max(new.version - 1, 1)))]
    except (KeyError, ValueError):
        raise Http404 from None
    prompts = _prompts(key)
    diffs = [
        {
            "label": prompts[name].prompt if name in prompts else name,
            "diff": html_diff(old.data.get(name, ""), new.data.get(name, "")),
            "changed": not same_html(old.data.get(name, "") or "", new.data.get(name, "") or ""),
        }
        for name in section.prompt_fields
    ]
    return render(
        request,
        "strategies/section_history.html",
        {
            "strategy": strategy,
            "section": section,
            "template": SectionTemplate.objects.filter(key=key).first(),
            "revisions": revisions,
            "old": old,
            "new": new,
            "diffs": diffs,
            "editable": policy.can_edit(request.user, strategy),
        },
    )


@login_required
@require_POST
def section_restore(request, pk: int, key: str, version: int):
    strategy = working_copy_or_404(request, pk, edit=True)
    key = section_key_or_404(key)
    revision = get_object_or_404(Revision, strategy=strategy, target=f"section:{key}", version=version)
    services.section_restore(strategy=strategy, key=key, revision=revision, user=request.user)
    messages.success(request, _("Version %(v)s restored as a new version.") % {"v": version})
    return redirect("strategies:section", pk=strategy.pk, key=key)


@login_required
def section_presence(request, pk: int, key: str):
    """Polled every few seconds by the editor: records the user as present, lists the others."""
    strategy = working_copy_or_404(request, pk)
    key = section_key_or_404(key)
    others = services.presence_ping(strategy=strategy, key=key, user=request.user)
    section = services.section_for(strategy, key)
    client_version = params.optional_whole_number(request.GET.get("edit_version"), name="edit_version")
    stale = client_version is not None and client_version < section.edit_version
    return render(request, "includes/_presence.html", {"others": others, "section": section, "stale": stale})


@login_required
def section_comments(request, pk: int, key: str):
    strategy = working_copy_or_404(request, pk)
    key = section_key_or_404(key)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if not policy.can_comment(request.user, strategy):
            raise PermissionDenied
        if form.is_valid():
            parent = None
            parent_id = params.optional_whole_number(request.POST.get("parent"), name="parent")
            if parent_id is not None:
                parent = get_object_or_404(Comment, pk=parent_id, strategy=strategy, section_key=key)
            services.comment_add(
                strategy=strategy, key=key, author=request.user, body=form.cleaned_data["body"], parent=parent
            )
            form = CommentForm()
        if not is_htmx(request):
            return redirect(reverse("strategies:section", args=[strategy.pk, key]) + "#comments")
    return _comments_panel(request, strategy, key, form)


def _comments_panel(request, strategy, key, form=None):
    threads = (
        Comment.objects.filter(strategy=strategy, section_key=key, parent=None)
        .select_related("author", "resolved_by")
        .prefetch_related("mentions", "replies__author", "replies__mentions")
        .order_by("resolved_at", "-created_at")
    )
    context = {
        "strategy": strategy,
        "key": key,
        "threads": threads,
        "form": form or CommentForm(),
        "can_resolve": policy.can_resolve_comments(request.user, strategy),
    }
    return render(request, "includes/comments.html", context)


@login_required
def mention_candidates(request, pk: int):
    """Who a comment may mention, for the @ autocomplete of the comment box: members of the country."""
    strategy = working_copy_or_404(request, pk)
    term = request.GET.get("q", "").strip().lstrip("@")[:50]
    people = selectors.mention_candidates(strategy).exclude(pk=request.user.pk)
    if term:
        people = people.filter(
            Q(username__istartswith=term) | Q(first_name__istartswith=term) | Q(last_name__istartswith=term)
        )
    return JsonResponse(
        {"people": [{"username": u.username, "name": u.get_full_name() or u.username} for u in people[:8]]}
    )


@login_required
@require_POST
def comment_toggle(request, pk: int, comment_id: int, action: str):
    strategy = working_copy_or_404(request, pk)
    comment = get_object_or_404(Comment, pk=comment_id, strategy=strategy)
    if not policy.can_resolve_comments(request.user, strategy):
        raise PermissionDenied(_("Only the country's leads and editors resolve or reopen a thread."))
    if action == "resolve":
        services.comment_resolve(comment=comment, user=request.user)
    else:
        services.comment_reopen(comment=comment, user=request.user)
    if not is_htmx(request):
        return redirect(reverse("strategies:section", args=[strategy.pk, comment.section_key]) + "#comments")
    return _comments_panel(request, strategy, comment.section_key)


@login_required
@require_POST
def section_assign(request, pk: int, key: str):
    strategy = working_copy_or_404(request, pk)
    key = section_key_or_404(key)
    if not policy.can_manage_team(request.user, strategy.country):
        raise PermissionDenied(_("Only the country's lead assigns sections."))
    form = AssignmentForm(request.POST, strategy=strategy)
    if form.is_valid():
        services.section_assign(
            strategy=strategy,
            key=key,
            assignee=form.cleaned_data["assignee"],
            due=form.cleaned_data["due"],
            assigned_by=request.user,
        )
        messages.success(request, _("Assignment saved."))
    else:
        messages.error(request, _("The assignment was not saved: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect(reverse("strategies:detail", args=[strategy.pk]) + f"#{key}")
