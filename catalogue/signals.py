"""`public_content_changed`: what visitors see has changed, in this or any other process.

Saves and deletes of the models shown on public pages and Wagtail's publish signals send it by
themselves (visitor/cache.py connects them); code that writes around model signals (bulk updates,
`QuerySet.update`, raw SQL) calls `announce_public_change()`. The visitor page cache purges all
pages on it, once the transaction commits, through the shared cache (Redis in production), so every
app server sees the purge: web requests, `publish_scheduled` from cron, `import_translations`,
tour commands and the worker alike.
"""

from django.db import transaction
from django.dispatch import Signal

public_content_changed = Signal()


def announce_public_change(sender=None, **kwargs):
    """Send `public_content_changed` after the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: public_content_changed.send(sender=sender, **kwargs))
