from django.utils.functional import SimpleLazyObject

from accounts import policy
from accounts.models import Membership


def navigation(request):
    """The signed-in user's countries and roles for the navigation bar (one query, only if shown), and what
    the navigation offers them (`perms_nav`: booleans from the permission policy, so that no template reads
    a role itself)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}

    def read():
        found = list(Membership.objects.filter(user=user).select_related("country"))
        if getattr(user, "_country_roles", None) is None:
            user._country_roles = {m.country_id: m.role for m in found}  # the policy's per-request cache
        return found

    memberships = SimpleLazyObject(read)
    people = policy.can_manage_people(user)
    return {
        "nav_memberships": memberships,
        "perms_nav": {
            "can_review": policy.can_use_review_pages(user),
            "can_see_dashboard": policy.can_see_dashboard(user),
            "can_administer": policy.can_use_admin(user),
            "role_label": policy.role_label(user),
        },
        # The memberships read for the menu answer "does this user lead a team?" (policy.can_manage_team).
        "nav_team": SimpleLazyObject(
            lambda: people or any(policy.can_manage_team(user, m.country) for m in memberships)
        ),
        "nav_people": people,
    }
