from django.utils.functional import SimpleLazyObject

from reviews.models import Notification


def bell(request):
    """Unread notifications for the navigation bell (one small query, only when the page shows it)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {
        "unread_count": SimpleLazyObject(lambda: Notification.objects.filter(user=user, read_at__isnull=True).count())
    }
