"""Who may print (see `catalogue.permissions`): staff who can see the tour (Curators,
Registrars) make labels and printed catalogues, from the Print menu, the buttons on tour stops
and exhibitions, and the print views."""

from exhibition.permissions import see_tour

may_print = see_tour
