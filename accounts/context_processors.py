from django.utils.functional import SimpleLazyObject

from accounts.models import Membership


def navigation(request):
    """The signed-in user's countries and roles for the navigation bar (one query, only if shown)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {
        "nav_memberships": SimpleLazyObject(
            lambda: list(Membership.objects.filter(user=user).select_related("country"))
        )
    }
