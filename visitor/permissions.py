"""Who may open a tour stop's kiosk setup page (see `catalogue.permissions`): staff who can see
the tour (Curators, Registrars), who set up the tablets at a venue."""

from exhibition.permissions import see_tour

set_up_kiosks = see_tour
