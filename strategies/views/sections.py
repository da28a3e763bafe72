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
from core.pagecache import cached_page
from guide.models import SectionPrompt, SectionTemplate
from strategies import selectors, services
from strategies.diffs import html_diff
from strategies.forms import AssignmentForm, CommentForm, CommentToggleForm, CompareVersionsForm, section_form
from strategies.models import Comment, Revision
from strategies.permissions import working_copy_or_404
from strategies.richtext import same_html
from strategies.views.common import is_htmx, section_key_or_404

# --- Section editor ------------------------------------------------------------------------------------


def _prompts(key: str) -> dict[str, SectionPrompt]:
    return {p.field: p for p in SectionPrompt.objects.filter(section__key=key)}


@login_required
@cached_page
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
@cached_page
def section_history(request, pk: int, key: str):
    strategy = working_copy_or_404(request, pk)
    key = section_key_or_404(key)
    section = services.section_for(strategy, key)
    revisions = selectors.section_revisions(strategy, services.section_target(section))
    by_version = {r.version: r for r in revisions}
    compare = CompareVersionsForm(request.GET, versions=list(by_version))
    if not compare.is_valid():
        raise Http404
    old, new = by_version[compare.cleaned_data["a"]], by_version[compare.cleaned_data["b"]]
    context = {
        "strategy": strategy,
        "section": section,
        "template": SectionTemplate.objects.filter(key=key).first(),
        "revisions": revisions,
        "compare": compare.shown(),
        "old": old,
        "new": new,
        "diffs": _version_diffs(section, old, new),
        "editable": policy.can_edit(request.user, strategy),
    }
    return render(request, "strategies/section_history.html", context)


def _version_diffs(section, old: Revision, new: Revision) -> list[dict]:
    """Per prompt of the section: its label, the differences from `old` to `new`, and whether it changed."""
    prompts = _prompts(section.key)
    return [
        {
            "label": prompts[name].prompt if name in prompts else name,
            "diff": html_diff(old.data.get(name, ""), new.data.get(name, "")),
            "changed": not same_html(old.data.get(name, "") or "", new.data.get(name, "") or ""),
        }
        for name in section.prompt_fields
    ]


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
    """The comments panel of a section (an htmx partial); posting adds a thread or a reply."""
    strategy = working_copy_or_404(request, pk)
    key = section_key_or_404(key)
    form = None
    if request.method == "POST":
        if not policy.can_comment(request.user, strategy):
            raise PermissionDenied
        form = CommentForm(request.POST)
        if form.is_valid():
            parent = None
            if form.cleaned_data["parent"] is not None:
                parent = get_object_or_404(Comment, pk=form.cleaned_data["parent"], strategy=strategy, section_key=key)
            services.comment_add(
                strategy=strategy, key=key, author=request.user, body=form.cleaned_data["body"], parent=parent
            )
            form = None
        if not is_htmx(request):
            return redirect(reverse("strategies:section", args=[strategy.pk, key]) + "#comments")
    return _comments_panel(request, strategy, key, form)


def _comments_panel(request, strategy, key, refused: CommentForm | None = None):
    """The panel; a refused comment or reply comes back in its own box, with what was typed and why."""
    threads = list(selectors.comment_threads(strategy, key))
    refused_parent = refused.data.get("parent") if refused is not None else None
    can_resolve = policy.can_resolve_comments(request.user, strategy)

    def bound_if_refused(thread=None) -> CommentForm:
        mine = refused is not None and (refused_parent or "") == (str(thread.pk) if thread else "")
        return CommentForm(refused.data if mine else None, strategy=strategy, key=key, thread=thread)

    for thread in threads:
        thread.reply_form = None if thread.is_resolved else bound_if_refused(thread)
        action = "reopen" if thread.is_resolved else "resolve"
        thread.toggle_form = CommentToggleForm(strategy=strategy, thread=thread, action=action) if can_resolve else None
    context = {"strategy": strategy, "key": key, "threads": threads, "form": bound_if_refused()}
    return render(request, "includes/_comments.html", context)


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
