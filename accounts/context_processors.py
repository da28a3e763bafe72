from django.utils.functional import SimpleLazyObject

from accounts import policy


def navigation(request):
    """The signed-in user's countries and roles, and which team pages they reach, for the navigation bar (one
    query, only if the page shows it)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}

    memberships = SimpleLazyObject(lambda: policy.memberships_of(user))
    people = policy.can_manage_people(user)
    return {
        "nav_memberships": memberships,
        # The memberships read for the menu answer "does this user lead a team?" (policy.can_manage_team).
        "nav_team": SimpleLazyObject(
            lambda: people or any(policy.can_manage_team(user, m.country) for m in memberships)
        ),
        "nav_people": people,
    }
