"""Wagtail pages in factories: a page is added under its parent with add_child and published."""

import factory


def trilingual(field, de, zh_hans, en):
    """{'title_de': …, 'title_zh_hans': …, 'title_en': …} for a translated field."""
    return {f"{field}_de": de, f"{field}_zh_hans": zh_hans, f"{field}_en": en}


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a page under `parent` (default: the site's home page) and publishes it.

    `publish=False` leaves it as a draft (live=False, one revision).
    """

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        page = model_class(*args, **kwargs)
        if parent is None:
            parent = cls._default_parent()
        if not publish:
            page.live = False
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return model_class.objects.get(pk=page.pk)

    @classmethod
    def _default_parent(cls):
        from .exhibition import home_page

        return home_page()
