import pytest
from django.http import Http404

from accounts.policy import (
    can_edit,
    can_manage_team,
    can_read_working_copy,
    can_view_strategy,
    visible_strategies,
)
from strategies.models import Strategy
from strategies.permissions import get_strategy_or_404
from tests.factories import make_strategy

# persona -> status -> (may see the strategy at all, may read the working draft, may edit)
MATRIX = {
    "lead": {s: (True, True, s != "approved") for s in ("draft", "submitted", "changes_requested", "approved")},
    "editor": {s: (True, True, s != "approved") for s in ("draft", "submitted", "changes_requested", "approved")},
    "viewer": dict.fromkeys(("draft", "submitted", "changes_requested", "approved"), (True, True, False)),
    "outsider": {
        "draft": (False, False, False),
        "submitted": (False, False, False),
        "changes_requested": (False, False, False),
        "approved": (True, False, False),
    },
    "reviewer": {
        "draft": (False, False, False),
        "submitted": (True, False, False),
        "changes_requested": (True, False, False),
        "approved": (True, False, False),
    },
    "admin": {s: (True, True, s != "approved") for s in ("draft", "submitted", "changes_requested", "approved")},
}
CASES = [(persona, status, *expected) for persona, row in MATRIX.items() for status, expected in row.items()]


@pytest.mark.parametrize(("persona", "status", "sees", "reads_draft", "edits"), CASES)
def test_permission_matrix(personas, persona, status, sees, reads_draft, edits):
    strategy = make_strategy("DE", status=status)
    user = personas[persona]
    assert can_view_strategy(user, strategy) is sees
    assert can_read_working_copy(user, strategy) is reads_draft
    assert can_edit(user, strategy) is edits


@pytest.mark.parametrize(("persona", "status", "sees", "reads_draft", "edits"), CASES)
def test_queryset_agrees_with_check(personas, persona, status, sees, reads_draft, edits):
    strategy = make_strategy("DE", status=status)
    assert (strategy in Strategy.objects.for_user(personas[persona])) is sees


def test_anonymous_sees_nothing(db, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    make_strategy("DE", status="approved")
    assert not visible_strategies(AnonymousUser(), Strategy.objects.all()).exists()


def test_inactive_member_sees_nothing(editor, strategy):
    editor.is_active = False
    editor.save()
    assert not Strategy.objects.for_user(editor).exists()
    assert not can_edit(editor, strategy)


def test_outsider_gets_404_for_draft(outsider, strategy):
    with pytest.raises(Http404):
        get_strategy_or_404(outsider, strategy.pk)


def test_member_loads_own_draft(editor, strategy):
    assert get_strategy_or_404(editor, strategy.pk) == strategy


def test_only_lead_and_admin_manage_team(personas):
    from tests.factories import country

    germany = country("DE")
    managing = {name for name, user in personas.items() if can_manage_team(user, germany)}
    assert managing == {"lead", "admin"}


def test_visible_strategies_lists_each_strategy_once_for_multi_country_member(editor, strategy):
    from accounts.models import Membership
    from tests.factories import country

    Membership.objects.create(user=editor, country=country("FR"), role="viewer")
    make_strategy("FR")
    assert Strategy.objects.for_user(editor).count() == 2
