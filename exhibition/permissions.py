"""Who may see and change the tour, each rule written once (see `catalogue.permissions`).

The views, menu items, buttons and columns of the tour admin, the dashboard panels, the tour
actions (and so the `move_work`/`close_leg` commands) and the exports ask these rules. Models are
named as strings: this module imports no model, the registrar's private ones least of all.
Other apps build on `see_tour` (printing, the LIDO download, the kiosk setup page).
"""

from django.utils.translation import gettext_lazy as _

from catalogue.permissions import Rule

# What the tour actions refuse with, whichever of their permissions is missing.
CHANGE_MESSAGE = _("You may not change transit legs and checklists.")

# Staff who can see the tour (Curators, Registrars): checklist exports without values, labels
# and printed catalogues, the LIDO download, the kiosk setup page.
see_tour = Rule.model("exhibition.TourStop", "view")

# A stop's checklist screen, its PDF and the "Checklists" menu.
see_checklist = Rule.model("exhibition.ChecklistEntry", "view")
# Label numbers, rooms, walls and the hanging order (`EditChecklist`).
edit_checklist = Rule.model("exhibition.ChecklistEntry", "change", message=CHANGE_MESSAGE)
add_to_checklist = Rule.model("exhibition.ChecklistEntry", "add")

# Logistics (Registrars): where the works are, the timeline, transit legs, packing lists and the
# registrar's dashboard panel.
see_logistics = Rule.model("exhibition.TransitLeg", "view")
change_legs = Rule.model("exhibition.TransitLeg", "change", message=CHANGE_MESSAGE)
see_crates = Rule.model("exhibition.Crate", "view")

# Private registrar data: loans, lenders' values, insurance totals, exports "with values".
see_private = Rule.model("exhibition.WorkLoan", "view")

# The registrar's chores (curators arrange the hanging order and numbers): the checklist's bulk
# actions, setting the status of entries (withdraw), closing a transit leg.
registrar_chores = edit_checklist & change_legs
# Move works along a leg: into its crate and onto the next stop's checklist.
move_works = change_legs & Rule.model("exhibition.TourStop", "change") & add_to_checklist
