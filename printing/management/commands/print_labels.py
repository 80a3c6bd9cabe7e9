from django.utils.translation import gettext as _

from printing import cli
from printing.labels import LabelOptions, render_labels
from printing.lookup import find_entry, find_tour_stop, stop_entries
from printing.options import LAYOUTS, SHEETS, output_profile, parse_choice, parse_label_size


class Command(cli.PrintCommand):
    help = (
        "Wall labels PDF for a tour stop (every work on its checklist, in hanging order) or for "
        "one work: languages in the venue's order, label number, QR code of the short address."
    )

    def add_arguments(self, parser):
        parser.add_argument("tour_stop", help="the tour stop's short name (slug) or id")
        parser.add_argument(
            "--size",
            default="a6",
            help="a6 or a5 (landscape), 100x150, or a custom WxH in millimetres (default a6)",
        )
        parser.add_argument("--layout", default="object", help="object or extended (+ caption)")
        parser.add_argument(
            "--bleed", action="store_true", help="add 3 mm bleed with crop marks for a print shop"
        )
        parser.add_argument(
            "--sheet", default=None, help="a4 or a3: impose several labels per sheet with cut marks"
        )
        parser.add_argument(
            "--work", default=None, help="only this work: its label number or inventory number"
        )
        cli.add_arguments(parser)
        parser.add_argument(
            "--allow-local-address",
            action="store_true",
            help="print QR codes of a loopback or private LEPORELLO_PUBLIC_BASE_URL (test prints)",
        )

    def render(self, options):
        stop = find_tour_stop(options["tour_stop"])
        label_options = LabelOptions(
            size=parse_label_size(options["size"]),
            layout=parse_choice(options["layout"], LAYOUTS, _("layout")),
            bleed=options["bleed"],
            sheet=parse_choice(options["sheet"], tuple(SHEETS), _("sheet"))
            if options["sheet"]
            else None,
            placeholders=options["placeholders"],
            profile=output_profile(options["profile"]),
            allow_low_resolution=options["allow_low_resolution"],
            allow_local_address=options["allow_local_address"],
        )
        entries = [find_entry(stop, options["work"])] if options["work"] else stop_entries(stop)
        result = render_labels(stop, entries, label_options)
        message = _("%(labels)s labels, %(pages)s pages (%(size)s) -> %(output)s")
        values = {"labels": len(result.labels), "pages": result.pages, "size": label_options.size}
        return result, message, values
