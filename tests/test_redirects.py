"""Redirect targets are checked: a `next` address sends the browser only to a path on this site
(core.redirects), in every view that follows one."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import RequestFactory
from django.urls import reverse

from core.redirects import next_url, safe_url
from exports import services as export_services
from exports.views import _JOB_SALT
from reviews import services as review_services
from strategies import services
from strategies.models import Risk
from tests.factories import MembershipFactory, country, make_strategy

HOSTILE = [
    "https://evil.example/",
    "//evil.example",
    "//evil.example/reviews/",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    " /reviews/",
    "/reviews/\nSet-Cookie: x=1",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_the_helper_refuses_other_hosts_and_schemes(target):
    request = RequestFactory().post("/", {"next": target})
    assert next_url(request, "/fallback/") == "/fallback/"


def test_the_helper_follows_a_path_on_this_site_and_resolves_url_names():
    request = RequestFactory().get("/", {"next": "/reviews/?page=2#x"})
    assert next_url(request, "/fallback/") == "/reviews/?page=2#x"
    assert safe_url(RequestFactory().get("/"), None, "reviews:inbox") == reverse("reviews:inbox")


@pytest.fixture
def review(lead):
    strategy = make_strategy("DE")
    review_services.strategy_submit(strategy=strategy, user=lead)
    return review_services.open_review(strategy)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example"])
@pytest.mark.parametrize("release", [False, True])
def test_claiming_a_review_never_redirects_to_another_site(client, reviewer, review, target, release):
    client.force_login(reviewer)
    if release:
        review_services.review_claim(review=review, user=reviewer)
    data = {"next": target, **({"release": "1"} if release else {})}
    response = client.post(reverse("reviews:claim", args=[review.pk]), data)
    assert response.status_code == 302 and response["Location"] == reverse("reviews:inbox")
    local = reverse("reviews:review", args=[review.pk])
    assert client.post(reverse("reviews:claim", args=[review.pk]), {"next": local})["Location"] == local


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example"])
def test_reusing_a_row_never_redirects_to_another_site(client, reviewer, editor, target):
    portugal_lead = MembershipFactory(user__username="pt", country=country("PT"), role="lead").user
    approved = make_strategy("PT")
    services.part_create(model=Risk, strategy=approved, description="Shared risk")
    snapshot = review_services.strategy_submit(strategy=approved, user=portugal_lead)
    review_services.review_decide(review=review_services.open_review(approved), user=reviewer, decision="approve")
    draft = make_strategy("DE")
    row = snapshot.data["parts"]["risks"][0]["id"]
    client.force_login(editor)
    url = reverse("comparisons:reuse", args=[snapshot.pk, "risks", row])
    response = client.post(url, {"strategy": draft.pk, "next": target})
    assert response.status_code == 302 and response["Location"] == reverse("reviews:snapshot", args=[snapshot.pk])
    assert draft.risks.get().description == "Shared risk"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example"])
def test_the_pdf_job_page_never_links_to_another_site(client, editor, strategy, target):
    _state, job = export_services.pdf_request(
        kind="strategy",
        template="pdf/strategy.html",
        document=export_services.working_copy_document(strategy),
        filename="de",
        title="de",
    )
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=job.id).update(status="SUCCESSFUL")
    # A link signed for this user but naming another site (as if our signing key had leaked).
    token = signing.dumps({"job": job.pk, "user": editor.pk, "next": target}, salt=_JOB_SALT)
    client.force_login(editor)
    page = client.get(reverse("exports:job", args=[job.pk]), {"t": token}).content.decode()
    assert "evil.example" not in page
    assert f'href="{reverse("strategies:home")}"' in page


def test_a_notification_opens_only_an_address_on_this_site(client, editor):
    from reviews.models import Notification

    note = Notification.objects.create(user=editor, subject="Odd", url="https://evil.example/")
    client.force_login(editor)
    assert client.get(reverse("reviews:notification", args=[note.pk]))["Location"] == reverse("reviews:notifications")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example"])
def test_the_team_pages_never_redirect_to_another_site(client, lead, editor, target):
    from accounts.models import Membership

    membership = Membership.objects.get(user=editor, country__code="DE")
    client.force_login(lead)
    team = reverse("accounts:country", kwargs={"code": "DE"})
    response = client.post(reverse("accounts:member_role", args=[membership.pk]), {"role": "viewer", "next": target})
    assert response.status_code == 302 and response["Location"] == team
    membership.refresh_from_db()
    assert membership.role == "viewer"
    response = client.post(reverse("accounts:member_remove", args=[membership.pk]), {"next": target})
    assert response.status_code == 302 and response["Location"] == team
    assert not Membership.objects.filter(pk=membership.pk).exists()
