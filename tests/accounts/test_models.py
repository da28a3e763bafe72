import pytest
from django.db import IntegrityError

from accounts.models import Country, Membership
from tests.factories import MembershipFactory, country

pytestmark = pytest.mark.django_db


def test_all_28_countries_are_loaded_by_migration():
    assert Country.objects.count() == 28
    assert set(Country.objects.values_list("code", flat=True)) >= {"DE", "FR", "PT", "NO", "MT", "IE"}
    assert country("BE").languages == ["nl", "fr", "de"]


def test_country_clean_normalises_codes():
    c = Country(code="xx", name="Testland", languages=["DE ", ""])
    c.full_clean()
    assert c.code == "XX" and c.languages == ["de"]


def test_one_membership_per_user_and_country():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=membership.user, country=membership.country, role="viewer")
