"""Machine-translation drafts: fill missing translations from a provider, as status "draft".

Off unless `settings.LEPORELLO_MACHINE_TRANSLATION` names a provider class
(`{"PROVIDER": "dotted.path", "OPTIONS": {...}}`). A draft is never shown on the public site nor
printed (`catalogue.translation_status.is_publishable`) until a person approves it on the
dashboard or in an import. Providers: `DeepL` (DeepL's v2 API, or any service speaking it) and
`Fake` (tests, demos: no network).
"""

import json
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.log_actions import log
from wagtail.models import Page

from catalogue import translation_status as ts
from catalogue.languages import is_blank, raw_value

from .permissions import may_edit_object, use_translation_tools
from .richtext import clean_imported_text, is_rich_text
from .scope import objects_in_scope

MACHINE_ACTION = "leporello.machine_translation"
Status = ts.Status


class ProviderError(Exception):
    """The translation service failed; the message says how (nothing was changed)."""


class Provider:
    """Translates texts from German. Subclasses implement `translate`."""

    def __init__(self, **options):
        self.options = options

    def translate(self, texts, source, target, rich=False):
        """list[str] of German texts -> list[str] in `target` (our codes, 'zh-hans').
        `rich`: the texts are HTML whose tags must be kept. Raises ProviderError."""
        raise NotImplementedError


class Fake(Provider):
    """For tests and demos: '[MT zh-hans] ' before the German text, no network."""

    def translate(self, texts, source, target, rich=False):
        return [f"[MT {target}] {text}" for text in texts]


class DeepL(Provider):
    """DeepL's /v2/translate (options: auth_key, url). HTML is sent with tag_handling=html."""

    LANGUAGES = {"zh-hans": "ZH-HANS", "en": "EN-GB", "de": "DE"}

    def translate(self, texts, source, target, rich=False):
        fields = [
            ("source_lang", self.LANGUAGES[source][:2]),
            ("target_lang", self.LANGUAGES.get(target, target.upper())),
            *[("text", text) for text in texts],
        ]
        if rich:
            fields.append(("tag_handling", "html"))
        request = urllib.request.Request(  # noqa: S310 (the URL is the operator's setting)
            self.options.get("url", "https://api.deepl.com/v2/translate"),
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Authorization": f"DeepL-Auth-Key {self.options['auth_key']}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                answer = json.load(response)
        except (OSError, ValueError) as error:
            raise ProviderError(_("DeepL did not answer: %(error)s") % {"error": error}) from error
        return [item["text"] for item in answer.get("translations", [])]


def get_provider():
    """The configured provider instance, or None when machine translation is off."""
    config = getattr(settings, "LEPORELLO_MACHINE_TRANSLATION", None)
    if not config:
        return None
    try:
        cls = import_string(config["PROVIDER"])
    except (KeyError, ImportError) as error:
        raise ImproperlyConfigured(
            "LEPORELLO_MACHINE_TRANSLATION needs a PROVIDER class path"
        ) from error
    return cls(**config.get("OPTIONS", {}))


class FillDrafts:
    """Fill the missing `language` texts of the objects in scope with machine drafts.

    `check()`: the user may use the translation tools; returns [(obj, field)] to fill (objects
    the user may not edit are left out). `execute()`: asks the provider, writes the texts (pages:
    a new draft revision), marks each "draft", logs each object with the user; one transaction.
    Raises ProviderError (nothing changed) when the service fails.
    """

    def __init__(self, provider, language, user, exhibition=None, tour_stop=None):
        self.provider, self.language, self.user = provider, language, user
        self.exhibition, self.tour_stop = exhibition, tour_stop

    def check(self):
        use_translation_tools.require(self.user)
        if self.language not in ts.TARGET_LANGUAGES:
            raise PermissionDenied(_("Unknown language."))
        todo = []
        for obj in objects_in_scope(exhibition=self.exhibition, tour_stop=self.tour_stop):
            if not may_edit_object(self.user, obj):
                continue
            content = ts.current_content(obj)
            for field in ts.translatable_fields(type(obj)):
                if not is_blank(raw_value(content, field, ts.SOURCE_LANGUAGE)) and is_blank(
                    raw_value(content, field, self.language)
                ):
                    todo.append((obj, field))
        self.todo = todo
        return todo

    @transaction.atomic
    def execute(self):
        """Returns how many texts were filled (int)."""
        todo = self.check()
        by_kind = {}
        for obj, field in todo:
            by_kind.setdefault(is_rich_text(type(obj), field), []).append((obj, field))
        texts = {}
        for rich, items in by_kind.items():
            sources = [
                raw_value(ts.current_content(obj), field, ts.SOURCE_LANGUAGE)
                for obj, field in items
            ]
            results = self.provider.translate(sources, ts.SOURCE_LANGUAGE, self.language, rich)
            if len(results) != len(sources):
                raise ProviderError(_("The translation service answered with the wrong count."))
            for (obj, field), text in zip(items, results, strict=True):
                texts.setdefault(obj, {})[field] = clean_imported_text(type(obj), field, text)
        for obj, fields in texts.items():
            content = ts.current_content(obj)
            if isinstance(obj, Page):
                content = obj.get_latest_revision_as_object() if obj.latest_revision_id else obj
            for field, text in fields.items():
                limit = ts.max_length(type(obj), field, self.language)
                setattr(content, build_localized_fieldname(field, self.language), text[:limit])
            if isinstance(obj, Page):
                content.save_revision(user=self.user, log_action=False)
            else:
                content.save()
            explicit = {(field, self.language): Status.DRAFT for field in fields}
            ts.sync_status(obj, content=content, explicit=explicit, user=self.user)
            log(
                instance=content,
                action=MACHINE_ACTION,
                user=self.user,
                data={"language": self.language, "fields": sorted(fields)},
            )
        return sum(len(fields) for fields in texts.values())
