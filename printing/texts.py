"""Reading the texts a printout needs, language by language, with the missing-translation gate.

Nothing falls back silently: a text missing in a language the printout needs is either refused
(with every missing work and field listed) or, when the user chose so, printed as a visible
placeholder.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from catalogue.languages import bcp47, is_blank, language_name, raw_value
from catalogue.models.translation_state import print_state


class PrintError(Exception):
    """Bad input for a printout; the message is meant for the user as it is.

    `options`: command-line options that would let the printout through (see
    `command_message`)."""

    options = ()


def command_message(error):
    """The message of a PrintError for a management command: when options would let it
    through, the first line says so."""
    message = str(error)
    first = message.split("\n", 1)[0]
    missing = [option for option in error.options if option not in first]
    if not missing:
        return message
    return (
        _("Run again with %(options)s, or fix what is listed below.")
        % {"options": " ".join(missing)}
        + "\n"
        + message
    )


@dataclass(frozen=True)
class Missing:
    where: str
    field: str
    language: str
    # Why, from catalogue.models.translation_state.print_state: "missing", "unapproved" (a text
    # whose translation is not approved yet) or "unpublished" (approved in a page draft that
    # was not published yet).
    reason: str = "missing"

    @property
    def unapproved(self):
        return self.reason != "missing"

    def __str__(self):
        values = {
            "where": self.where,
            "field": self.field,
            "language": language_name(self.language),
        }
        if self.reason == "unapproved":
            return _("%(where)s: %(field)s in %(language)s (not approved yet)") % values
        if self.reason == "unpublished":
            return _("%(where)s: %(field)s in %(language)s (approved, not published yet)") % values
        return _("%(where)s: %(field)s in %(language)s") % values


class MissingTranslations(PrintError):
    options = ("--placeholders",)

    def __init__(self, missing):
        self.missing = list(missing)
        lines = "\n".join(f"  - {item}" for item in self.missing)
        super().__init__(
            _(
                "%(count)s texts are missing in a language this printout needs. Add them, or "
                "choose to print with visible placeholders:\n%(lines)s"
            )
            % {"count": len(self.missing), "lines": lines}
        )


@dataclass(frozen=True)
class Text:
    """One text in one language; `missing` texts render as a visible placeholder."""

    value: str
    language: str
    missing: bool = False

    @property
    def lang(self):
        return bcp47(self.language)

    def __str__(self):
        return self.value

    def __bool__(self):
        return bool(self.value)


@dataclass
class TextGate:
    """Collects what is missing while a printout's texts are read."""

    placeholders: bool = False
    missing: list = field(default_factory=list)
    read_texts: list = field(default_factory=list)  # [(where, field label, Text)]: preflight

    def read(self, obj, name, language, where, override=None, label=None, required=True):
        """`name` of `obj` in `language`; `override` (an object with `<name>_override`) wins."""
        # Print only approved, published translations (catalogue.models.translation_state): a
        # draft, a text whose German source changed since, or one approved in an unpublished
        # page draft is reported like a missing one, with the reason.
        reason = "missing"
        if override is not None:
            value = raw_value(override, f"{name}_override", language)
            if not is_blank(value):
                reason = print_state(override, f"{name}_override", language)
                if reason is None:
                    return self._found(where, name, obj, label, Text(value.strip(), language))
        if reason == "missing":
            reason = print_state(obj, name, language)
            if reason is None:
                value = raw_value(obj, name, language)
                return self._found(where, name, obj, label, Text(value.strip(), language))
        if not required and reason == "missing":
            return Text("", language)
        label = label or str(obj._meta.get_field(name).verbose_name)
        self.missing.append(Missing(where, label, language, reason))
        return Text(
            _("[%(field)s missing in %(language)s]")
            % {"field": label, "language": language_name(language)},
            language,
            missing=True,
        )

    def _found(self, where, name, obj, label, text):
        label = label or str(obj._meta.get_field(name).verbose_name)
        self.read_texts.append((where, label, text))
        return text

    def check(self):
        """Refuse the printout when something is missing and placeholders were not chosen."""
        if self.missing and not self.placeholders:
            raise MissingTranslations(self.missing)
