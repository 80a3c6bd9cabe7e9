"""Geometry of the tour timeline: stops and legs on one time axis, drawn as SVG by a template.

No map tiles, no outside service: rectangles and lines computed here from the tour's dates.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import pgettext

WIDTH = 960
LEFT = 190  # room for the row labels
ROW = 34
TOP = 40


@dataclass
class Bar:
    label: str
    title: str
    x: float
    width: float
    y: float
    kind: str  # "stop", "open", "leg"
    conflict: bool = False
    url: str = ""


class Timeline:
    def __init__(self, tour, today):
        self.tour, self.today = tour, today
        dates = []
        for stop in tour.stops:
            dates += [stop.install_start, stop.deinstall_end]
        for leg in tour.legs:
            dates += [leg.departure, leg.arrival]
        first, last = (min(dates), max(dates)) if dates else (today, today)
        self.start = first.replace(day=1)
        end_month = (last.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        self.end = end_month
        self.scale = (WIDTH - LEFT - 40) / max(1, (self.end - self.start).days)
        flagged_stops, flagged_legs = set(), set()
        for problem in tour.inconsistencies():
            if problem.leg is not None:
                flagged_legs.add(problem.leg.pk)
            elif problem.stop is not None:
                flagged_stops.add(problem.stop.pk)
        self.rows, self.bars = [], []
        items = [(s.install_start, "stop", s) for s in tour.stops]
        items += [(leg.departure, "leg", leg) for leg in tour.legs]
        items.sort(key=lambda item: (item[0], item[1] == "stop"))
        for index, (_day, kind, obj) in enumerate(items):
            y = TOP + index * ROW
            if kind == "stop":
                conflict = obj.pk in flagged_stops or self._overlaps(obj)
                self.rows.append((y, f"{obj.venue.city} — {obj.slug}", conflict))
                self.bars.append(
                    self._bar(
                        obj.slug,
                        f"{obj.slug}: {obj.date_range}",
                        obj.install_start,
                        obj.deinstall_end,
                        y,
                        "stop",
                        conflict,
                    )
                )
                self.bars.append(
                    self._bar(
                        obj.slug,
                        f"{obj.slug}: {date_format(obj.opening)} – {date_format(obj.closing)}",
                        obj.opening,
                        obj.closing,
                        y,
                        "open",
                        conflict,
                    )
                )
            else:
                conflict = obj.pk in flagged_legs
                self.rows.append((y, f"{obj.get_mode_display()} — {obj.reference}", conflict))
                self.bars.append(
                    self._bar(
                        obj.reference,
                        f"{obj}: {obj.date_range}",
                        obj.departure,
                        obj.arrival,
                        y,
                        "leg",
                        conflict,
                    )
                )
        self.height = TOP + max(1, len(items)) * ROW + 30
        self.width = WIDTH
        self.left = LEFT
        # Today outside the tour is shown at the edge it lies beyond, with an arrow.
        self.today_side = "before" if today < self.start else "after" if today > self.end else ""
        self.today_x = self.x(min(max(today, self.start), self.end))
        self.months = []
        month = self.start
        while month <= self.end:
            # A format per language: "Sep 2024", "Sep. 2024", "2024年9月" (not "九月 2024").
            label = date_format(
                month, pgettext("short month and year, a Django date format", "M Y")
            )
            self.months.append((self.x(month), label))
            month = (month + datetime.timedelta(days=32)).replace(day=1)

    def x(self, day):
        return round(LEFT + (day - self.start).days * self.scale, 1)

    def _bar(self, label, title, start, end, y, kind, conflict):
        x = self.x(start)
        width = max(3.0, round(self.x(end + datetime.timedelta(days=1)) - x, 1))
        return Bar(label, title, x, width, y, kind, conflict)

    def _overlaps(self, stop):
        return any(
            other.pk != stop.pk
            and other.install_start <= stop.deinstall_end
            and stop.install_start <= other.deinstall_end
            for other in self.tour.stops
        )
