"""Shared by the tour commands: the admin user on whose behalf a change is made and logged."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def tour_user(username):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user “{username}”.")
    return user
