"""Table-driven: every URL of a country's working draft, visited as every role of another country and as a
reviewer, gives 404 (nothing leaks, not even existence), and anonymous visitors are sent to sign in."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Membership
from strategies import services
from strategies.models import Comment, Risk
from tests.factories import MembershipFactory, UserFactory, country


def strategy_url_names():
    resolver = get_resolver()
    names = []

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name and "pk" in p.pattern.converters:
                names.append(f"{namespace}{p.name}")

    walk(resolver.url_patterns)
    return sorted(names)


URL_NAMES = strategy_url_names()


@pytest.fixture
def draft_urls(db):
    strategy = services.strategy_create(country=country("DE"), title="Secret draft")
    risk = services.part_create(model=Risk, strategy=strategy, description="Secret risk")
    comment = services.comment_add(strategy=strategy, key="conclusion", author=UserFactory(), body="secret")
    values = {
        "pk": strategy.pk,
        "key": "conclusion",
        "kind": "risks",
        "part_id": risk.pk,
        "comment_id": comment.pk,
        "version": 1,
        "action": "resolve",
        "direction": "up",
    }
    urls = {}
    for name in URL_NAMES:
        urls[name] = _reverse(name, values)
    return strategy, urls


def _reverse(name, values):
    from django.urls import NoReverseMatch

    for keys in (
        ["pk"],
        ["pk", "key"],
        ["pk", "kind"],
        ["pk", "key", "version"],
        ["pk", "comment_id", "action"],
        ["pk", "kind", "part_id"],
        ["pk", "kind", "part_id", "direction"],
    ):
        try:
            return reverse(name, kwargs={k: values[k] for k in keys})
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot build {name}")


def test_the_table_covers_the_editor():
    assert {"strategies:detail", "strategies:section", "strategies:part", "strategies:action_plan"} <= set(URL_NAMES)


@pytest.mark.parametrize("role", ["lead", "editor", "viewer", "reviewer"])
@pytest.mark.parametrize("name", URL_NAMES)
def test_other_countries_and_reviewers_get_404(client, draft_urls, role, name):
    strategy, urls = draft_urls
    if role == "reviewer":
        user = UserFactory(username="sg-reviewer", is_reviewer=True)
    else:
        user = MembershipFactory(user__username=f"fr-{role}", country=country("FR"), role=role).user
    client.force_login(user)
    url = urls[name]
    get = client.get(url)
    post = client.post(url, {"body": "x", "summary": "x", "edit_version": 1, "description": "x"})
    assert get.status_code in (404, 405), (url, get.status_code)
    assert post.status_code == 404, (url, post.status_code)
    assert b"Secret" not in get.content and b"secret" not in post.content
    assert Comment.objects.count() == 1 and Risk.objects.get().description == "Secret risk"
    assert not Membership.objects.filter(user=user, country=strategy.country).exists()


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_is_sent_to_sign_in(client, draft_urls, name):
    _strategy, urls = draft_urls
    response = client.get(urls[name])
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response.url.startswith(reverse("login"))
