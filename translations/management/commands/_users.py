"""The admin user a translation command acts as (permissions checked, named in the audit log)."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def admin_user(username):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user “{username}”.")
    return user
