from django.utils.functional import SimpleLazyObject

from accounts import policy


def navigation(request):
    """The signed-in user's countries and roles for the navigation bar (one query, only if shown), and what
    the navigation offers them (`perms_nav`: booleans from the permission policy, so that no template reads
    a role itself)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}

    memberships = SimpleLazyObject(lambda: policy.memberships(user))  # the policy's per-request cache
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
