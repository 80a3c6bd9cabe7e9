"""Who may download the LIDO export in the admin (see `catalogue.permissions`): staff who can see
the tour (Curators, Registrars), as for printing. The export holds only what the site publishes;
`manage.py export_lido` is for whoever runs commands on the server."""

from exhibition.permissions import see_tour

export_lido = see_tour
