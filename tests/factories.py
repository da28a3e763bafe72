import factory
from factory.django import DjangoModelFactory

from accounts.models import Country, Membership, User
from strategies import services


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name")
    password = factory.django.Password("pw-for-tests")


def country(code: str) -> Country:
    """Countries come from the data migration; tests use the real ones."""
    return Country.objects.get(code=code)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    country = factory.LazyFunction(lambda: country("DE"))
    role = Membership.Role.EDITOR


def make_strategy(code: str = "DE", status: str = "draft", title: str = "National strategy", **kwargs):
    strategy = services.strategy_create(country=country(code), title=title, **kwargs)
    if status != "draft":
        type(strategy).objects.filter(pk=strategy.pk).update(status=status)
        strategy.refresh_from_db()
    return strategy
