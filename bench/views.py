"""The ceiling of the benchmark: what the middleware, the session and the user cost with almost no view."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from accounts.models import Country


@login_required
def ceiling(request):
    count = Country.objects.count()  # the third query, after the session and the user
    return HttpResponse(f"<!doctype html><title>ceiling</title><p>{request.user.username}: {count} countries</p>")
