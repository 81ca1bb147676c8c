"""Checking a region's boundary as the city uploads it: GeoJSON, one Polygon or MultiPolygon, in WGS84.

A boundary only draws a map, so what is stored is the geometry alone (no properties, which could carry anything).
Every refusal says in Indonesian what is wrong and how to fix it; nothing an upload holds can reach a 500.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Balikpapan's 6 + 34 areas simplified fit in tens of kilobytes; a full-detail file for one area is refused.
MAX_BYTES = 512 * 1024
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326"}


def check_size(size: int) -> None:
    """Refuse a file over :data:`MAX_BYTES` before reading it."""
    if size > MAX_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s KB); batasnya %(limit)s KB. Sederhanakan garis batasnya dulu.")
            % {"size": math.ceil(size / 1024), "limit": MAX_BYTES // 1024},
            code="too_large",
        )


def parse(content: bytes) -> dict[str, Any]:
    """The geometry of an uploaded GeoJSON file, or a ValidationError saying what is wrong with it."""
    check_size(len(content))
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ValidationError(_("Berkas ini bukan JSON yang sah (GeoJSON adalah JSON)."), code="not_json") from error
    return geometry_of(data)


def geometry_of(data: Any) -> dict[str, Any]:
    """The one geometry in a GeoJSON object: a bare geometry, a Feature, or a FeatureCollection of one feature."""
    if not isinstance(data, dict):
        raise ValidationError(_("GeoJSON harus berupa objek JSON ({…})."), code="not_object")
    _check_crs(data)
    if data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list) or len(features) != 1:
            raise ValidationError(
                _("Unggah batas satu wilayah saja: FeatureCollection ini harus berisi tepat satu fitur."),
                code="several_features",
            )
        data = features[0]
        if isinstance(data, dict):
            _check_crs(data)
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict):
        raise ValidationError(_("Berkas ini tidak berisi geometri."), code="no_geometry")
    validate_geometry(data)
    return {"type": data["type"], "coordinates": data["coordinates"]}


def _check_crs(data: dict) -> None:
    crs = data.get("crs")
    if crs is None:
        return
    name = (
        crs.get("properties", {}).get("name")
        if isinstance(crs, dict) and isinstance(crs.get("properties"), dict)
        else None
    )
    if name not in WGS84_NAMES:
        raise ValidationError(
            _(
                "Koordinat harus dalam WGS84 (EPSG:4326, bujur dan lintang), bukan %(crs)s. Simpan ulang berkasnya dalam WGS84."
            )
            % {"crs": name or _("sistem koordinat lain")},
            code="not_wgs84",
        )


def validate_geometry(geometry: Any) -> None:
    """A Polygon or MultiPolygon whose rings are closed and whose positions are WGS84 longitude and latitude."""
    if not isinstance(geometry, dict):
        raise ValidationError(_("Geometri harus berupa objek JSON."), code="not_object")
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        raise ValidationError(
            _("Bentuk wilayah harus Polygon atau MultiPolygon, bukan %(type)s.") % {"type": kind or _("tanpa jenis")},
            code="wrong_type",
        )
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        raise ValidationError(_("Geometri ini tidak mempunyai koordinat."), code="no_coordinates")
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise ValidationError(_("Setiap poligon perlu sedikitnya satu cincin koordinat."), code="bad_polygon")
        for ring in polygon:
            _check_ring(ring)


def _check_ring(ring: Any) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError(
            _("Setiap cincin poligon perlu sedikitnya 4 titik, dengan titik terakhir sama dengan titik pertama."),
            code="short_ring",
        )
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or any(isinstance(n, bool) or not isinstance(n, int | float) or not math.isfinite(n) for n in position)
        ):
            raise ValidationError(
                _("Setiap titik harus berupa [bujur, lintang] dengan dua angka, mis. [116.85, -1.25]."),
                code="bad_position",
            )
        longitude, latitude = position[0], position[1]
        if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
            raise ValidationError(
                _(
                    "Titik [%(longitude)s, %(latitude)s] di luar jangkauan WGS84 (bujur −180…180, lintang −90…90). "
                    "Berkas ini mungkin memakai proyeksi lain (mis. UTM): simpan ulang dalam WGS84 (EPSG:4326)."
                )
                % {"longitude": longitude, "latitude": latitude},
                code="out_of_range",
            )
    if ring[0][:2] != ring[-1][:2]:
        raise ValidationError(
            _("Cincin poligon harus tertutup: titik terakhir harus sama dengan titik pertama."), code="open_ring"
        )


def rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """Every ring of a stored Polygon or MultiPolygon, outer and holes alike."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]
