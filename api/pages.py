"""The "API tokens" page of the user menu: make a token (its secret shown once), see and revoke your own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.policy import can_use_api, visible_api_tokens
from api import services
from api.forms import TokenForm
from api.models import ApiToken
from strategies.forms import ReadOnlyLinkForm


@login_required
def tokens(request):
    if not can_use_api(request.user):
        raise Http404
    created = secret = None
    status = 200
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            created, secret = services.token_create(
                user=request.user, name=form.cleaned_data["name"], expires_on=form.cleaned_data["expires_on"]
            )
            form = TokenForm()
        else:
            status = 422
    else:
        form = TokenForm()
    context = {
        "form": form,
        "tokens": visible_api_tokens(request.user, ApiToken.objects.all()),
        "created": created,
        "secret": secret,
        "secret_box": ReadOnlyLinkForm(secret, label=_("Token"), field_id="token-secret", css_class="font-monospace")
        if secret
        else None,
    }
    response = render(request, "api/tokens.html", context, status=status)
    response["Cache-Control"] = "no-store"  # the page may show a token's secret
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(visible_api_tokens(request.user, ApiToken.objects.all()), pk=pk)
    services.token_revoke(token=token, user=request.user)
    messages.success(request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name})
    return redirect("api:tokens")


@login_required
def docs(request):
    """The API's documentation page: how to make a token and call the API, with links to the OpenAPI
    description and to Swagger UI (served from the app, no CDN)."""
    return render(request, "api/docs.html")
