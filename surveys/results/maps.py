"""Maps of a measure by kecamatan and kelurahan, drawn on the server as SVG: no tiles, no CDN, no script.

Without boundaries a map is a tile grid laid out from the region tree: one square per kecamatan, and per
kecamatan a block of its kelurahan. Where the city uploaded boundaries (:class:`.models.RegionBoundary`) the
same areas are drawn as their shapes instead (:func:`project`). Either way the values are the dashboard's
shares (:mod:`surveys.results.dashboard`), read off the suppressed breakdowns; an area whose share is not shown
is hatched, and the legend says why.

Kelurahan are shown all or nothing per kecamatan: the kecamatan's own figure is on the same page, so one hidden
kelurahan beside shown neighbours could be worked out from it. A kecamatan whose kelurahan are not all shown
(or whose own figure is hidden) has every kelurahan hatched.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from surveys.results.dashboard import MEASURES, AreaShares, Measure, Share, shares_by

#: From ColorBrewer "Blues", light to dark (a darker tile is a larger share), chosen so its label reaches 7:1 contrast.
BINS = ((20, "#eff3ff"), (40, "#c6dbef"), (60, "#6baed6"), (80, "#08519c"), (101, "#08306b"))
DARK_FROM = 3  # bins from this one on get white text
TILE = 112
GAP = 6
KELURAHAN_TILE = 52
KELURAHAN_COLUMNS = 3


def fill_for(percent: float) -> tuple[str, bool]:
    """The bin colour of a share, and whether text on it should be white."""
    for position, (upper, colour) in enumerate(BINS):
        if percent < upper:
            return colour, position >= DARK_FROM
    return BINS[-1][1], True


def legend() -> list[tuple[str, str]]:
    """(colour, words) for each bin."""
    found, lower = [], 0
    for upper, colour in BINS:
        found.append((colour, f"{lower}–{min(upper, 100)} %"))
        lower = upper
    return found


def short_names(names: Sequence[str]) -> list[str]:
    """Names without the words every one of them starts with ("Balikpapan Timur" → "Timur"), so tiles stay legible."""
    words = [name.split() for name in names]
    shared = 0
    while words and all(len(w) > shared + 1 and w[shared] == words[0][shared] for w in words):
        shared += 1
    return [" ".join(w[shared:]) for w in words]


@dataclass(frozen=True)
class Area:
    """One drawn area: a rectangle (tile grid) or a path (boundaries), with its share or why it is hidden."""

    code: str
    name: str
    label: str
    share: Share | None
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    path: str = ""
    fill: str = ""
    is_dark: bool = False
    group: str = ""

    @property
    def is_hidden(self) -> bool:
        return self.share is None or not self.share.is_shown

    @property
    def text_x(self) -> float:
        return self.x + self.width / 2

    @property
    def text_y(self) -> float:
        return self.y + self.height / 2 - (8 if self.shows_value else -4)

    @property
    def value_y(self) -> float:
        return self.y + self.height / 2 + 14

    @property
    def shows_value(self) -> bool:
        """Kecamatan tiles carry their share; kelurahan tiles are too small, so their table has it."""
        return not self.is_hidden and not self.group and not self.path


@dataclass(frozen=True)
class Caption:
    """A kecamatan's name over its block of kelurahan tiles."""

    text: str
    x: float
    y: float


@dataclass(frozen=True)
class Map:
    id: str
    title: str
    measure: Measure
    level: str
    areas: tuple[Area, ...]
    captions: tuple[Caption, ...]
    width: float
    height: float
    k: int
    is_choropleth: bool = False
    missing: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def legend(self) -> list[tuple[str, str]]:
        return legend()

    @property
    def has_hidden(self) -> bool:
        return any(area.is_hidden for area in self.areas)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def _coloured(area: Area) -> Area:
    if area.is_hidden:
        return area
    colour, dark = fill_for(area.share.percent)
    return replace(area, fill=colour, is_dark=dark)


def _share(area: AreaShares | None, measure: Measure) -> Share | None:
    if area is None:
        return None
    return next((share for shown, share in area.shares if shown.key == measure.key), None)


def kelurahan_shares(survey, measure: Measure, kecamatan: dict[str, Share | None]) -> dict[str, Share | None]:
    """Each kelurahan's share, hidden for every kelurahan of a kecamatan where any one of them (or the kecamatan
    itself) is hidden."""
    from cms.models import Region

    found = {area.code: _share(area, measure) for area in shares_by(survey, "kelurahan", (measure,))}
    parents = dict(Region.objects.kelurahan().values_list("code", "parent__code"))
    blocked = {
        parent
        for code, parent in parents.items()
        if found.get(code) is None or not found[code].is_shown or kecamatan.get(parent) is None
    }
    blocked |= {code for code, share in kecamatan.items() if share is None or not share.is_shown}
    return {code: (None if parents.get(code) in blocked else share) for code, share in found.items()}


def level_shares(
    survey, measure: Measure, level: str, kecamatan_areas: Sequence[AreaShares] | None = None
) -> dict[str, Share | None]:
    """The share each area of the level may show: kecamatan as their breakdown shows them, kelurahan all or nothing.

    ``kecamatan_areas`` are the dashboard's small multiples when it already has them (the same figures).
    """
    if kecamatan_areas is None:
        kecamatan_areas = shares_by(survey, "kecamatan", (measure,))
    by_kecamatan = {area.code: _share(area, measure) for area in kecamatan_areas}
    return by_kecamatan if level == "kecamatan" else kelurahan_shares(survey, measure, by_kecamatan)


def tile_grid(survey, measure: Measure, level: str = "kecamatan", shares: dict | None = None) -> Map:
    """The tile-grid map of a measure: kecamatan squares in rows of three, or kelurahan blocked by kecamatan."""
    from cms.models import Region

    kecamatan = list(Region.objects.kecamatan().order_by("code"))
    shares = level_shares(survey, measure, level) if shares is None else shares
    columns = 3 if len(kecamatan) > 4 else max(len(kecamatan), 1)
    names = short_names([region.name for region in kecamatan])
    areas, captions = [], []
    if level == "kecamatan":
        for position, (region, short) in enumerate(zip(kecamatan, names, strict=True)):
            row, column = divmod(position, columns)
            areas.append(
                _coloured(
                    Area(
                        region.code,
                        region.name,
                        short,
                        shares.get(region.code),
                        x=column * (TILE + GAP),
                        y=row * (TILE + GAP),
                        width=TILE,
                        height=TILE,
                    )
                )
            )
        rows = math.ceil(len(kecamatan) / columns) if kecamatan else 1
        width, height = columns * (TILE + GAP) - GAP, rows * (TILE + GAP) - GAP
    else:
        children: dict[int, list] = {}
        for region in Region.objects.kelurahan().order_by("code"):
            children.setdefault(region.parent_id, []).append(region)
        block_columns = 2
        block_width = KELURAHAN_COLUMNS * (KELURAHAN_TILE + GAP)
        top, heights = 0.0, []
        for position, (region, short) in enumerate(zip(kecamatan, names, strict=True)):
            column = position % block_columns
            if column == 0 and position:
                top += max(heights) + 2 * GAP
                heights = []
            left = column * (block_width + 2 * GAP)
            captions.append(Caption(short, left, top + 14))
            inside = children.get(region.pk, [])
            for index, kelurahan in enumerate(inside):
                row, cell = divmod(index, KELURAHAN_COLUMNS)
                areas.append(
                    _coloured(
                        Area(
                            kelurahan.code,
                            kelurahan.name,
                            str(index + 1),
                            shares.get(kelurahan.code),
                            x=left + cell * (KELURAHAN_TILE + GAP),
                            y=top + 22 + row * (KELURAHAN_TILE + GAP),
                            width=KELURAHAN_TILE,
                            height=KELURAHAN_TILE,
                            group=region.name,
                        )
                    )
                )
            heights.append(22 + math.ceil(max(len(inside), 1) / KELURAHAN_COLUMNS) * (KELURAHAN_TILE + GAP))
        height = top + (max(heights) if heights else 0)
        width = block_columns * (block_width + 2 * GAP) - 2 * GAP
    return Map(
        id=f"peta-{level}-{measure.key}",
        title=_("%(measure)s per %(level)s") % {"measure": measure.label, "level": _level_name(level)},
        measure=measure,
        level=level,
        areas=tuple(areas),
        captions=tuple(captions),
        width=width,
        height=height,
        k=survey.survey.min_group_size,
    )


def _level_name(level: str) -> str:
    return _("kecamatan") if level == "kecamatan" else _("kelurahan")


def measure_for(key: str | None) -> Measure:
    """The measure a map draws, by its key in the query string; the first one for anything else."""
    return next((measure for measure in MEASURES if measure.key == key), MEASURES[0])


def maps(survey, key: str | None = None, kecamatan_areas: Sequence[AreaShares] | None = None) -> list[Map]:
    """The dashboard's maps of one measure: by kecamatan, then by kelurahan."""
    measure = measure_for(key)
    if measure.question(survey) is None:
        return []
    drawn = []
    for level in ("kecamatan", "kelurahan"):
        shares = level_shares(survey, measure, level, kecamatan_areas)
        drawn.append(choropleth(survey, measure, level, shares) or tile_grid(survey, measure, level, shares))
    return drawn


# Boundaries ------------------------------------------------------------------------------------------------

CHOROPLETH_WIDTH = 320


def project(geometries: dict[str, dict], width: float = CHOROPLETH_WIDTH) -> tuple[dict[str, str], float, float]:
    """SVG paths of WGS84 geometries fitted to ``width``: an equirectangular projection scaled by the cosine of the
    middle latitude, which is true enough over a city. Returns (path per key, width, height)."""
    from surveys.results.boundaries import rings

    every = [position for geometry in geometries.values() for ring in rings(geometry) for position in ring]
    if not every:
        return {}, width, width
    west = min(p[0] for p in every)
    east = max(p[0] for p in every)
    south = min(p[1] for p in every)
    north = max(p[1] for p in every)
    squeeze = math.cos(math.radians((north + south) / 2))
    span = max((east - west) * squeeze, north - south, 1e-9)
    scale = width / span
    height = max((north - south) * scale, 1.0)
    drawn_width = max((east - west) * squeeze * scale, 1.0)
    paths = {}
    for key, geometry in geometries.items():
        parts = []
        for ring in rings(geometry):
            points, last = [], None
            for longitude, latitude, *_rest in ring:
                point = (round((longitude - west) * squeeze * scale, 1), round((north - latitude) * scale, 1))
                if point != last:
                    points.append(point)
                    last = point
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        paths[key] = "".join(parts)
    return paths, drawn_width, height


def choropleth(survey, measure: Measure, level: str, shares: dict | None = None) -> Map | None:
    """The map of a level drawn from uploaded boundaries, or None when no area of the level has one."""
    from cms.models import Region
    from surveys.results.models import RegionBoundary

    uploaded = list(RegionBoundary.objects.filter(region__level=level).select_related("region", "region__parent"))
    if not uploaded:
        return None
    shares = level_shares(survey, measure, level) if shares is None else shares
    paths, width, height = project({boundary.region.code: boundary.geometry for boundary in uploaded})
    areas = tuple(
        _coloured(
            Area(
                boundary.region.code,
                boundary.region.name,
                boundary.region.name,
                shares.get(boundary.region.code),
                path=paths[boundary.region.code],
                group=boundary.region.parent.name if level == "kelurahan" and boundary.region.parent else "",
            )
        )
        for boundary in uploaded
        if paths.get(boundary.region.code)
    )
    drawn = {area.code for area in areas}
    missing = tuple(Region.objects.filter(level=level).exclude(code__in=drawn).values_list("name", flat=True))
    return Map(
        id=f"peta-{level}-{measure.key}",
        title=_("%(measure)s per %(level)s") % {"measure": measure.label, "level": _level_name(level)},
        measure=measure,
        level=level,
        areas=areas,
        captions=(),
        width=round(width, 1),
        height=round(height, 1),
        k=survey.survey.min_group_size,
        is_choropleth=True,
        missing=missing,
        sources=tuple(sorted({boundary.source for boundary in uploaded if boundary.source})),
    )
