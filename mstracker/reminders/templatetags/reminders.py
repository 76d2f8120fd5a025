from django import template

from ..models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    """The patient's unread inbox count: one COUNT query, on pages that show the navigation."""
    user = context["request"].user
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
