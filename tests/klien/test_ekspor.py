"""The client list exports (CSV and XLSX) on the export layer: streaming, the BOM, formula
cells, dates and labels, the NIK rule, the trail entry and a fixed number of queries."""

import codecs
import csv
import datetime
import io

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from inti import ekspor
from jejak.models import JejakAudit, Peristiwa
from klien.kolom import KOLOM_KLIEN
from klien.models import Klien
from klien.pilihan import ProgramIntegrasi, StatusKlien
from tests.klien.factories import KlienFactory

URL_CSV = reverse("klien:klien-ekspor")
URL_XLSX = reverse("klien:klien-ekspor-xlsx")
# the import template's columns (klien.kolom), so that an export can be imported again
KEPALA_CSV = [k.kunci for k in KOLOM_KLIEN]
JUDUL_XLSX = [k.judul for k in KOLOM_KLIEN]


def _banyak_klien(n: int, *, pk, desa) -> None:
    """`n` clients in a few INSERTs (saving them one by one would take minutes). Built by
    hand, not by the factory, whose NIK sequence holds 1,000 numbers."""
    mulai = datetime.date(2025, 1, 1)
    contoh = []
    for i in range(n):
        k = Klien(
            unit=pk.unit,
            pk_pembimbing=pk,
            desa=desa,
            no_register=f"MASSAL-{i:05d}",
            nama=f"I Made Massal {i}",
            nik=f"51070115059{i:05d}",
            jenis_kelamin="L",
            tanggal_lahir=datetime.date(1990, 5, 15),
            agama="HINDU",
            perkara="Pencurian",
            program=ProgramIntegrasi.PB,
            kategori="DEWASA",
            tanggal_mulai=mulai,
            tanggal_ekspirasi=mulai + datetime.timedelta(days=300),
            status=StatusKlien.AKTIF,
        )
        k.hitung_batas_tahap()
        contoh.append(k)
    Klien.objects.bulk_create(contoh, batch_size=500)


def _csv(resp) -> list[list[str]]:
    isi = b"".join(resp.streaming_content)
    assert isi.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(isi.decode("utf-8-sig"), newline="")))


def _xlsx(resp):
    assert resp.status_code == 200
    return load_workbook(io.BytesIO(b"".join(resp.streaming_content))).active


def test_csv_mengalir_dengan_bom_dalam_beberapa_potongan(client, kasi, pk, desa):
    """A few thousand clients come in several pieces of the default size, the first one
    opening with the byte-order mark; no piece holds the whole list."""
    _banyak_klien(3000, pk=pk, desa=desa)
    client.force_login(kasi)
    resp = client.get(URL_CSV)
    assert resp.status_code == 200 and isinstance(resp, StreamingHttpResponse)
    assert resp["Content-Type"] == "text/csv; charset=utf-8"
    assert resp["Content-Disposition"] == 'attachment; filename="klien.csv"'
    potongan = list(resp.streaming_content)
    assert len(potongan) > 3
    assert potongan[0].startswith(codecs.BOM_UTF8 + ",".join(KEPALA_CSV).encode() + b"\r\n")
    # a piece is about UKURAN_POTONGAN characters (a masked NIK's dots take 3 bytes each)
    assert max(len(p.decode("utf-8-sig")) for p in potongan) < ekspor.UKURAN_POTONGAN + 1024
    baris = list(csv.reader(io.StringIO(b"".join(potongan).decode("utf-8-sig"))))
    assert len(baris) == 3001


def test_csv_potongan_kecil(client, kasi, pk, desa, monkeypatch):
    monkeypatch.setattr(ekspor, "UKURAN_POTONGAN", 300)
    KlienFactory.create_batch(12, pk_pembimbing=pk, desa=desa)
    client.force_login(kasi)
    potongan = list(client.get(URL_CSV).streaming_content)
    assert len(potongan) >= 4
    assert potongan[0].startswith(codecs.BOM_UTF8)
    assert not any(p.startswith(codecs.BOM_UTF8) for p in potongan[1:])


def test_csv_kunci_kode_dan_tanggal_iso(client, kasi, pk, klien):
    """The CSV holds the columns' keys, the codes and ISO dates (other tools read it, and
    the import reads it back); the PK by username."""
    pk.nip = "198503122010121001"
    pk.save()
    client.force_login(kasi)
    kepala, baris = _csv(client.get(URL_CSV))
    kec = klien.desa.kecamatan
    assert kepala == KEPALA_CSV
    nilai = dict(zip(kepala, baris, strict=True))
    assert (
        nilai
        | {
            "no_register": klien.no_register,
            "nama": klien.nama,
            "nik": klien.nik_tersamar,
            "kategori": "DEWASA",
            "jenis_kelamin": "L",
            "tanggal_lahir": "1990-05-15",
            "agama": "HINDU",
            "program": "PB",
            "status": "AKTIF",
            "pk": "pk-uji",
            "desa": klien.desa.nama,
            "kecamatan": kec.nama,
            "kabupaten": kec.kabupaten.nama,
            "perkara": "Pencurian",
            "tanggal_mulai": klien.tanggal_mulai.isoformat(),
            "tanggal_ekspirasi": klien.tanggal_ekspirasi.isoformat(),
        }
        == nilai
    )
    # the columns the factory leaves empty are empty cells
    assert nilai["lapas_asal"] == nilai["pk_litmas"] == nilai["tanggal_putusan"] == ""


def test_xlsx_tanggal_sebagai_tanggal_dan_label_bukan_kode(client, kasi, pk, klien):
    client.force_login(kasi)
    resp = client.get(URL_XLSX)
    assert isinstance(resp, FileResponse)
    assert resp["Content-Disposition"] == 'attachment; filename="klien.xlsx"'
    kepala, baris = _xlsx(resp).iter_rows()
    assert [c.value for c in kepala] == JUDUL_XLSX
    assert JUDUL_XLSX[:5] == [
        "No. register Bapas",
        "No. register Lapas/Rutan",
        "Lapas/Rutan/LPKA asal",
        "Tanggal berita acara serah terima",
        "Nama lengkap",
    ]
    nilai = {k.value: c for k, c in zip(kepala, baris, strict=True)}
    assert nilai["Status"].value == StatusKlien.AKTIF.label == "Aktif"
    assert nilai["Program integrasi"].value == ProgramIntegrasi.PB.label
    for judul, tanggal in [
        ("Mulai bimbingan", klien.tanggal_mulai),
        ("Ekspirasi", klien.tanggal_ekspirasi),
    ]:
        assert nilai[judul].is_date and nilai[judul].value.date() == tanggal
    assert nilai["No. register Bapas"].value == klien.no_register


def test_xlsx_sel_rumus_diamankan(client, kasi, pk, desa):
    KlienFactory(pk_pembimbing=pk, desa=desa, nama='=HYPERLINK("http://x","klik")')
    KlienFactory(pk_pembimbing=pk, desa=desa, nama="@SUM(A1)", no_register="+62")
    client.force_login(kasi)
    sel = [c for r in _xlsx(client.get(URL_XLSX)).iter_rows(min_row=2) for c in r]
    teks = [c.value for c in sel if isinstance(c.value, str)]
    assert '\'=HYPERLINK("http://x","klik")' in teks and "'@SUM(A1)" in teks
    assert "'+62" in teks
    assert not any(c.data_type == "f" for c in sel)


@pytest.mark.parametrize(
    ("peran", "lengkap"), [("kasi", False), ("kabapas", False), ("admin_unit", True)]
)
def test_nik_tersamar_kecuali_peran_boleh_melihat_lengkap(client, request, klien, peran, lengkap):
    client.force_login(request.getfixturevalue(peran))
    nik_csv = _csv(client.get(URL_CSV))[1][KEPALA_CSV.index("nik")]
    (baris_xlsx,) = _xlsx(client.get(URL_XLSX)).iter_rows(min_row=2, values_only=True)
    nik_xlsx = baris_xlsx[KEPALA_CSV.index("nik")]
    diharapkan = klien.nik if lengkap else klien.nik_tersamar
    assert nik_csv == nik_xlsx == diharapkan
    assert (klien.nik in nik_csv) is lengkap
    jejak = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).order_by("pk")
    assert [e.additional_data["nik"] for e in jejak] == ["lengkap" if lengkap else "tersamar"] * 2


@pytest.mark.parametrize(("url", "format"), [(URL_CSV, "csv"), (URL_XLSX, "xlsx")])
def test_ekspor_tercatat_dengan_format_dan_jumlah_baris(client, kasi, pk, desa, url, format):
    KlienFactory.create_batch(3, pk_pembimbing=pk, desa=desa)
    KlienFactory(pk_pembimbing=pk, desa=desa, status="PENERIMAAN")
    client.force_login(kasi)
    resp = client.get(url, {"status": "AKTIF", "q": "Klien"})
    # written before the response goes out: in the trail even if the body is never read
    (e,) = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR)
    assert (e.actor, e.unit_id) == (kasi, kasi.unit_id)
    assert e.additional_data == {
        "berkas": f"klien.{format}",
        "format": format,
        "baris": 3,
        "saringan": "status=AKTIF&q=%5Bteks%5D",
        "nik": "tersamar",
        "cari": "Klien",  # the typed term (issue 10): a NIK in it would be masked
    }
    isi = b"".join(resp.streaming_content)
    assert isi  # and the body holds the three rows:
    if format == "csv":
        assert len(_csv_dari(isi)) == 1 + 3
    else:
        assert load_workbook(io.BytesIO(isi)).active.max_row == 1 + 3


def _csv_dari(isi: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(isi.decode("utf-8-sig"))))


@pytest.mark.parametrize("url", [URL_CSV, URL_XLSX])
def test_jumlah_query_ekspor_tidak_tumbuh_dengan_baris(
    client, kasi, pk, desa, url, django_assert_num_queries
):
    client.force_login(kasi)
    for n in (3, 60):
        KlienFactory.create_batch(n - Klien.objects.count(), pk_pembimbing=pk, desa=desa)
        # session, user, COUNT of the rows, the trail entry, the session's update (savepoint,
        # update, release), and one SELECT of the clients with their PK, village, district
        # and regency, read in chunks: 8 with 3 rows as with 60
        with django_assert_num_queries(8):
            resp = client.get(url, {"status": "AKTIF"})
            isi = b"".join(resp.streaming_content)
        if url == URL_CSV:
            assert len(_csv_dari(isi)) == 1 + n
        else:
            assert load_workbook(io.BytesIO(isi)).active.max_row == 1 + n


def test_kasi_kantor_lain_tidak_mengekspor_klien_kantor_ini(client, klien, kasi_lain):
    client.force_login(kasi_lain)
    assert _csv(client.get(URL_CSV)) == [KEPALA_CSV]
    assert _xlsx(client.get(URL_XLSX)).max_row == 1


def test_daftar_menautkan_kedua_ekspor_dengan_saringannya(client, kasi):
    client.force_login(kasi)
    html = client.get(reverse("klien:klien-list"), {"status": "AKTIF"}).content.decode()
    assert f'href="{URL_CSV}?status=AKTIF"' in html
    assert f'href="{URL_XLSX}?status=AKTIF"' in html


def test_tanggal_xlsx_bukan_teks(client, kasi, pk, desa):
    KlienFactory(pk_pembimbing=pk, desa=desa, tanggal_mulai=datetime.date(2025, 1, 31))
    client.force_login(kasi)
    (baris,) = _xlsx(client.get(URL_XLSX)).iter_rows(min_row=2)
    mulai = baris[KEPALA_CSV.index("tanggal_mulai")]
    assert isinstance(mulai.value, datetime.datetime) and mulai.number_format == "DD-MM-YYYY"
