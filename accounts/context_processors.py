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
    return {
        "nav_memberships": SimpleLazyObject(
            lambda: list(Membership.objects.filter(user=user).select_related("country"))
        ),
        "perms_nav": {
            "can_review": policy.can_use_review_pages(user),
            "can_see_dashboard": policy.can_see_dashboard(user),
            "can_administer": policy.can_use_admin(user),
            "role_label": policy.role_label(user),
        },
    }
