"""The report charts: drawn by pygal as SVG on the server, the same markup on the dashboard
and in the monthly report's PDF, each beside its table (the text alternative).

pygal's SVG carries its own <style> and <script>, which the pages' Content-Security-Policy
(no inline styles or scripts) would block and the HTML checker would flag (an id per legend,
repeated by every chart of a page). So the SVG is rendered with `no_prefix` (its CSS not
tied to one chart's id), the <style>, <script>, tooltip and ids are taken out, and the CSS
is served as the static file `static/laporan/grafik.css`, which is pygal's own stylesheet
for our style (`css_grafik()`; a test keeps the file equal to it). The PDF embeds the same
CSS.
"""

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache

import pygal
from defusedxml.ElementTree import fromstring
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

# The office's palette (Bootstrap's): blue, green, orange, red, cyan, grey.
GAYA = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#0d6efd", "#198754", "#fd7e14", "#dc3545", "#0dcaf0", "#6c757d", "#6f42c1"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=12,
    title_font_size=14,
    value_font_size=11,
    no_data_font_size=16,
    opacity=".9",
    opacity_hover="1",
)

_KONFIG = {
    "style": GAYA,
    "js": [],
    "disable_xml_declaration": True,
    "no_prefix": True,
    "width": 640,
    "height": 300,
    "legend_at_bottom": True,
    "truncate_legend": 40,
    "truncate_label": 24,
    "print_values": False,
}

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")


@dataclass(frozen=True)
class Grafik:
    """One chart: its title, the SVG (safe markup) and the table it draws (the same figures
    as text: the column heads and the rows)."""

    judul: str
    svg: SafeString
    kepala: tuple[str, ...]
    baris: tuple[tuple, ...]


def _bersihkan(svg: str, judul: str) -> str:
    """pygal's SVG without what a page may not carry: its <script> and <style>, the
    tooltip layer (shown by that script; it has an inline style), the style attributes and
    the ids (repeated by every chart). Parsed as XML, so no tag is cut in half; comments go
    with the parse."""
    akar = fromstring(svg)
    for induk in list(akar.iter()):
        for anak in list(induk):
            tag = anak.tag.rsplit("}", 1)[-1]
            kelas = anak.get("class", "").split()
            if tag in ("script", "style") or "tooltip-overlay" in kelas:
                induk.remove(anak)
    for defs in akar.findall(f"{{{SVG}}}defs"):
        if len(defs) == 0:
            akar.remove(defs)
    for el in akar.iter():
        # plain tag names under an xmlns attribute: the output does not depend on
        # ElementTree's process-wide prefix map, which another library may rewrite
        # (WeasyPrint, imported for the monthly report's PDF, registers the empty prefix
        # for itself: the charts came out as <ns0:svg>)
        el.tag = el.tag.removeprefix(f"{{{SVG}}}")
        el.attrib.pop("id", None)
        el.attrib.pop("style", None)
    akar.set("xmlns", SVG)
    akar.set("role", "img")
    # a figure's name for assistive technology; the table beside it holds the figures
    akar.set("aria-label", str(judul))
    return ET.tostring(akar, encoding="unicode")


def _konfig() -> dict:
    """The charts' settings, with the text of an empty chart in the reader's language."""
    return {**_KONFIG, "no_data_text": _("Tidak ada data")}


def _render(chart, judul: str) -> SafeString:
    return mark_safe(_bersihkan(chart.render(is_unicode=True), judul))  # noqa: S308 (pygal's own SVG, cleaned)


def _grafik(
    kelas,
    judul: str,
    label: list[str],
    seri: dict[str, list[float | None]],
    kepala: tuple[str, ...] | None,
    baris: tuple[tuple, ...] | None,
    persen: bool,
    **lain,
) -> Grafik:
    """Draw a chart of pygal's `kelas` and pair it with its table: `kepala`/`baris` when
    given (e.g. with the n of each rate), otherwise the series themselves."""
    chart = kelas(
        **_konfig(),
        title=judul,
        range=(0, 100) if persen else None,
        order_min=None if persen else 0,  # counts: whole-number steps on the axis
        value_formatter=(lambda v: f"{v:.0f} %") if persen else (lambda v: f"{v:.0f}"),
        show_legend=len(seri) > 1,
        **lain,
    )
    chart.x_labels = label
    for nama, nilai in seri.items():
        chart.add(nama, nilai)
    if kepala is None:
        kepala = ("", *seri)
        baris = tuple((lb, *(s[i] for s in seri.values())) for i, lb in enumerate(label))
    return Grafik(judul, _render(chart, judul), tuple(kepala), tuple(baris or ()))


def batang(
    judul: str,
    label: list[str],
    seri: dict[str, list[float | None]],
    *,
    kepala: tuple[str, ...] | None = None,
    baris: tuple[tuple, ...] | None = None,
    persen: bool = False,
    tumpuk: bool = False,
    mendatar: bool = False,
) -> Grafik:
    """A bar chart: `label` along the axis, one bar series per entry of `seri` (None leaves
    a gap: a figure too small to show)."""
    kelas = (
        pygal.StackedBar
        if tumpuk and not mendatar
        else pygal.HorizontalStackedBar
        if tumpuk
        else pygal.HorizontalBar
        if mendatar
        else pygal.Bar
    )
    return _grafik(
        kelas,
        judul,
        label,
        seri,
        kepala,
        baris,
        persen,
        x_label_rotation=30 if len(label) > 8 and not mendatar else 0,
    )


def garis(
    judul: str,
    label: list[str],
    seri: dict[str, list[float | None]],
    *,
    kepala: tuple[str, ...] | None = None,
    baris: tuple[tuple, ...] | None = None,
    persen: bool = False,
) -> Grafik:
    """A line chart of a trend (months along the axis)."""
    return _grafik(
        pygal.Line,
        judul,
        label,
        seri,
        kepala,
        baris,
        persen,
        x_label_rotation=30 if len(label) > 8 else 0,
        allow_interruptions=True,
    )


@cache
def css_grafik() -> str:
    """pygal's stylesheet for GAYA, not tied to one chart (the content of
    static/laporan/grafik.css, and of the PDF's <style>)."""
    chart = pygal.Bar(**_KONFIG)
    # one series per colour of the palette: pygal writes a colour's rule only for a series
    # that uses it (with one series, the second series of every chart had no colour)
    for i in range(len(GAYA.colors)):
        chart.add(f"s{i}", [1])
    svg = chart.render(is_unicode=True)
    # the <style>'s text as CSS (in the SVG it is XML text: `>` written as `&gt;`)
    css = html.unescape(re.search(r"<style[^>]*>(.*?)</style>", svg, re.S).group(1))
    # every rule scoped to a chart (pygal's no_prefix rules are bare: `.title`, `.axis text`)
    aturan = []
    for pilih, isi in re.findall(r"([^{}]*)\{([^{}]*)\}", css):
        pilih = ",".join(f".pygal-chart {s.strip()}".rstrip() for s in pilih.split(","))
        aturan.append(f"{pilih}{{{isi}}}")
    return "\n".join(aturan) + "\n"
