"""Which exhibition or tour stop an export is for: one lookup for the command and the admin."""

from django.utils.translation import gettext as _

from .public import exhibition_by_slug, public_exhibitions, public_stops


class UnknownTarget(LookupError):
    """The name matches no published exhibition or active tour stop, or matches both kinds.
    Its message lists the valid choices."""


def choices():
    """'slug (id N)' of every published exhibition and active tour stop, for error messages."""
    exhibitions = [f"{e.slug} (id {e.pk})" for e in public_exhibitions().order_by("pk")]
    stops = [f"{s.slug} (id {s.pk})" for s in public_stops()]
    return exhibitions, stops


def find_target(name):
    """The published ExhibitionPage or active TourStop named `name` (slug or id).

    Raises UnknownTarget when nothing, or one of each kind, matches.
    """
    name = (name or "").strip()
    exhibition = exhibition_by_slug(public_exhibitions(), name)
    stop = public_stops().filter(slug=name).first()
    if exhibition is None and stop is None and name.isascii() and name.isdigit():
        exhibition = public_exhibitions().filter(pk=int(name)).first()
        stop = public_stops().filter(pk=int(name)).first()
    if exhibition is not None and stop is not None:
        raise UnknownTarget(
            _("“%(name)s” is both an exhibition and a tour stop: give the other's slug instead.")
            % {"name": name}
        )
    if exhibition is None and stop is None:
        exhibitions, stops = choices()
        none = _("none")
        raise UnknownTarget(
            _(
                "No published exhibition or active tour stop “%(name)s”. "
                "Exhibitions: %(exhibitions)s. Tour stops: %(stops)s."
            )
            % {
                "name": name[:100],
                "exhibitions": ", ".join(exhibitions) or none,
                "stops": ", ".join(stops) or none,
            }
        )
    return exhibition or stop


def file_name(target):
    """'lido-<slug>.xml' for the download."""
    return f"lido-{target.slug}.xml"
