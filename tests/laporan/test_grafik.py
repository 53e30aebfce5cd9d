"""The chart layer: pygal's SVG made fit for a page under the CSP and the HTML checker, and
the static stylesheet kept equal to pygal's own."""

from pathlib import Path

from django.conf import settings

from laporan import grafik


def test_svg_tanpa_style_script_id_dan_bernama():
    g = grafik.batang(
        "Kehadiran <per> bulan",
        ["Jan", "Feb"],
        {"Hadir": [70, None], "Absen": [30, 10]},
        persen=True,
    )
    svg = str(g.svg)
    assert svg.startswith("<svg ")
    for terlarang in ("<style", "<script", " id=", "style=", "<!--", "tooltip-overlay"):
        assert terlarang not in svg, terlarang
    assert 'role="img"' in svg
    assert 'aria-label="Kehadiran &lt;per&gt; bulan"' in svg
    assert "<title>Kehadiran &lt;per&gt; bulan</title>" in svg
    assert g.kepala == ("", "Hadir", "Absen")
    assert g.baris == (("Jan", 70, 30), ("Feb", None, 10))


def test_garis_dengan_tabel_sendiri():
    g = grafik.garis("Tren", ["01-2026"], {"%": [50]}, kepala=("Bulan", "n"), baris=(("01", 4),))
    assert g.kepala == ("Bulan", "n") and g.baris == (("01", 4),)
    assert "pygal-chart" in g.svg


def test_berkas_css_sama_dengan_css_pygal():
    """static/laporan/grafik.css is pygal's stylesheet for GAYA, every rule scoped to a
    chart; regenerate it with `grafik.css_grafik()` when the style changes."""
    berkas = Path(settings.BASE_DIR, "static", "laporan", "grafik.css").read_text()
    assert berkas == grafik.css_grafik()
    aturan = [b for b in berkas.splitlines() if b]
    assert aturan and all(b.startswith(".pygal-chart") for b in aturan)
