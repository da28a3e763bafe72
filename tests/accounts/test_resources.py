import pytest
import tablib

from accounts.models import Country, Membership, User
from accounts.resources import CountryResource, UserResource
from tests.factories import MembershipFactory, UserFactory, country

pytestmark = pytest.mark.django_db


def test_countries_round_trip_and_admin_sets_signatory_flags():
    data = tablib.Dataset().load(CountryResource().export().export("csv"), format="csv")
    assert len(data) == 28
    row = data["code"].index("DE")
    values = list(data[row])
    values[data.headers.index("is_signatory")] = "1"
    values[data.headers.index("website")] = "https://example.org/genomde"
    data[row] = values
    result = CountryResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    germany = country("DE")
    assert germany.is_signatory and germany.website == "https://example.org/genomde"
    assert germany.languages == ["de"]
    assert Country.objects.count() == 28


def test_users_export_with_their_memberships():
    MembershipFactory(user__username="anna", country=country("DE"), role="lead")
    MembershipFactory(user=User.objects.get(username="anna"), country=country("FR"), role="viewer")
    data = UserResource().export()
    row = data.dict[data["username"].index("anna")]
    assert row["memberships"] == "FR:viewer, DE:lead" or row["memberships"] == "DE:lead, FR:viewer"
    assert "password" not in data.headers


def test_users_import_creates_accounts_and_sets_memberships():
    existing = MembershipFactory(user__username="bob", country=country("PT"), role="viewer").user
    data = tablib.Dataset(headers=["username", "email", "is_reviewer", "memberships"])
    data.append(["carla", "carla@example.org", "0", "DE:editor; FR:lead"])
    data.append(["bob", "bob@example.org", "1", "PT:lead"])
    result = UserResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    carla = User.objects.get(username="carla")
    assert not carla.has_usable_password()  # chooses one through the invitation
    assert dict(carla.memberships.values_list("country__code", "role")) == {"DE": "editor", "FR": "lead"}
    existing.refresh_from_db()
    assert existing.is_reviewer
    assert dict(existing.memberships.values_list("country__code", "role")) == {"PT": "lead"}
    assert existing.has_usable_password()


@pytest.mark.parametrize("cell", ["XX:editor", "DE:boss"])
def test_users_import_reports_bad_memberships_and_changes_nothing(cell):
    UserFactory(username="dora")
    data = tablib.Dataset(headers=["username", "email", "memberships"])
    data.append(["dora", "dora@example.org", cell])
    data.append(["erik", "erik@example.org", "DE:viewer"])
    result = UserResource().import_data(data, dry_run=True)
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [1]
    assert not Membership.objects.exists() and not User.objects.filter(username="erik").exists()
