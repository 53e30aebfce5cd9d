"""Every table of the dashboard downloads, as CSV and as XLSX, with the page's numbers."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from akun.models import User
from jejak.models import JejakAudit, Peristiwa
from laporan.dasbor import TABEL


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_setiap_tabel_dasbor_terunduh_dan_tercatat(demo, client, format):
    client.force_login(User.objects.get(username="kasi"))
    html = client.get(reverse("laporan:dashboard")).content.decode()
    for kunci in TABEL:
        url = reverse("laporan:dashboard-ekspor", args=[kunci, format])
        assert url in html, kunci  # the page offers it
        resp = client.get(url)
        assert resp.status_code == 200, kunci
        isi = b"".join(resp.streaming_content)
        if format == "csv":
            baris = isi.decode("utf-8-sig").splitlines()
        else:
            baris = list(load_workbook(io.BytesIO(isi)).active.iter_rows(values_only=True))
        entri = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).latest("pk")
        assert entri.additional_data["tabel"] == kunci
        assert entri.additional_data["baris"] == len(baris) - 1, kunci  # the heading row


def test_tabel_beban_pk_sama_dengan_layar(demo, client):
    client.force_login(User.objects.get(username="kasi"))
    resp = client.get(reverse("laporan:dashboard"))
    layar = {str(b.pengguna): (b.berjalan, b.berisiko) for b in resp.context["d"].kantor.beban_pk}
    resp = client.get(reverse("laporan:dashboard-ekspor", args=["beban-pk", "xlsx"]))
    lembar = load_workbook(io.BytesIO(b"".join(resp.streaming_content))).active
    unduhan = {r[0]: (r[1], r[2]) for r in lembar.iter_rows(min_row=2, values_only=True)}
    assert unduhan == layar and sum(n for n, _r in layar.values()) > 0
