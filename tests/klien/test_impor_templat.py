"""The import templates (issue 13): an XLSX with drop-down lists, an example row and a help
sheet, and a CSV with the header and the example row; both filled in and imported through
the page, the example row refused when it is left in, every download in the trail."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from jejak.models import JejakAudit, Peristiwa
from klien.kolom import CONTOH, KOLOM_KLIEN, KOLOM_PER_KUNCI
from klien.models import Klien, LembagaAsal
from klien.nik import periksa_nik
from klien.pilihan import Agama, ProgramIntegrasi, StatusKlien
from tests.factories import DesaFactory
from tests.klien.test_impor import berhasil, ditolak
from tests.pekerjaan.antrean import impor

URL_XLSX = reverse("klien:klien-impor-templat-xlsx")
URL_CSV = reverse("klien:klien-impor-templat-csv")
URL_IMPOR = reverse("klien:klien-impor")
KUNCI = [k.kunci for k in KOLOM_KLIEN]


@pytest.fixture
def pk_bernama(pk):
    pk.first_name, pk.last_name = "I Nyoman", "Sukadana"
    pk.save()
    return pk


@pytest.fixture
def lembaga(db):
    return LembagaAsal.objects.create(nama="Lapas Kelas IIB Karangasem", jenis="LAPAS")


@pytest.fixture
def desa_kedua(desa, unit):
    """A second village of the work area, in another district."""
    d = DesaFactory(kecamatan__kabupaten=desa.kecamatan.kabupaten)
    return d


def _buku(resp):
    assert resp.status_code == 200
    assert resp["Content-Disposition"] == 'attachment; filename="templat-impor-klien.xlsx"'
    return load_workbook(io.BytesIO(resp.content))


def _validasi_per_kolom(lembar) -> dict[str, list]:
    """The data validations of the first sheet, by the column key of the cells they cover."""
    judul = {c.column_letter: c.value for c in lembar[1]}
    kunci_judul = {k.judul: k.kunci for k in KOLOM_KLIEN}
    hasil: dict[str, list] = {}
    for v in lembar.data_validations.dataValidation:
        for rentang in v.sqref.ranges:
            huruf = rentang.coord.split(":")[0].rstrip("0123456789")
            assert rentang.coord == f"{huruf}2:{huruf}5001"  # every data row
            hasil.setdefault(kunci_judul[judul[huruf]], []).append(v)
    return hasil


def _nilai_daftar(buku, rumus: str) -> list:
    """The values a list validation's formula ('Daftar'!$C$2:$C$9) points at."""
    lembar, rentang = rumus.split("!")
    lembar = buku[lembar.strip("'")]
    return [c.value for (c,) in lembar[rentang.replace("$", "")]]


def test_templat_xlsx_berisi_judul_daftar_pilihan_contoh_dan_petunjuk(
    client, kasi, pk_bernama, pk_lain, desa, desa_kedua, lembaga
):
    client.force_login(kasi)
    buku = _buku(client.get(URL_XLSX))
    data, petunjuk, daftar = buku.worksheets
    assert data.title == "Klien" and (petunjuk.title, daftar.title) == ("Petunjuk", "Daftar")
    assert [c.value for c in data[1]] == [k.judul for k in KOLOM_KLIEN]
    # required headings are shaded, the others not
    wajib = {c.value for c in data[1] if c.fill.fgColor.rgb == "00FFF2CC"}
    assert wajib == {k.judul for k in KOLOM_KLIEN if k.wajib}
    # a drop-down list on each column with allowed values, reading the lists sheet
    validasi = _validasi_per_kolom(data)
    assert set(validasi) == {
        "lapas_asal",
        "kategori",
        "jenis_kelamin",
        "agama",
        "pendidikan",
        "status_perkawinan",
        "desa",
        "kecamatan",
        "kabupaten",
        "lama_pidana_bulan",
        "program",
        "pk_litmas",
        "pk",
        "status",
    }
    daftar_per_kolom = {}
    for kunci, (v,) in validasi.items():
        if kunci == "lama_pidana_bulan":
            assert (v.type, v.operator, v.formula1) == ("whole", "greaterThanOrEqual", "0")
            continue
        assert v.type == "list" and v.allow_blank
        daftar_per_kolom[kunci] = _nilai_daftar(buku, v.formula1)
        # a PK or an institution may be written otherwise (a full name, a closed one)
        longgar = kunci in ("pk", "pk_litmas", "lapas_asal")
        assert v.showErrorMessage and (v.errorStyle == "warning") is longgar
    assert daftar_per_kolom["agama"] == [str(a) for a in Agama.labels]
    assert daftar_per_kolom["program"] == [str(p) for p in ProgramIntegrasi.labels]
    assert daftar_per_kolom["desa"] == sorted([desa.nama, desa_kedua.nama])
    assert daftar_per_kolom["kecamatan"] == sorted([desa.kecamatan.nama, desa_kedua.kecamatan.nama])
    assert daftar_per_kolom["kabupaten"] == [desa.kecamatan.kabupaten.nama]
    assert daftar_per_kolom["pk"] == daftar_per_kolom["pk_litmas"] == ["pk-lain-uji", "pk-uji"]
    assert daftar_per_kolom["lapas_asal"] == [lembaga.nama]
    # cells formatted for what they hold: a NIK stays text, a date is a date
    huruf = {c.value: c.column_letter for c in data[1]}
    assert data.column_dimensions[huruf["NIK"]].number_format == "@"
    assert data.column_dimensions[huruf["Tanggal lahir"]].number_format == "DD-MM-YYYY"
    # the help sheet: a row per column with its key, whether required, format and values
    baris = {
        r[1]: r for r in petunjuk.iter_rows(min_row=2, max_row=len(KUNCI) + 1, values_only=True)
    }
    assert list(baris) == KUNCI
    assert baris["nama"][:3] == ("Nama lengkap", "nama", "ya")
    assert baris["alias"][2] == "tidak"
    assert baris["jenis_kelamin"][4] == "Laki-laki; Perempuan"
    assert "Tanggal" in baris["tanggal_lahir"][3]
    assert "nama pengguna" in baris["pk"][3].lower()
    assert "berakhir" in baris["status"][3]


def test_baris_contoh_xlsx_nyata_dan_konsisten(wilayah_bali, client, kasi, pk_bernama, lembaga):
    """The example row: a Balinese man's name (I = male, Made = second child), a Bali NIK
    that agrees with his birth date and sex, the office's own village (the real regions of
    Bali loaded first), PK and the institution of its regency, dates in order."""
    from akun.models import Unit
    from wilayah.models import Kabupaten

    unit = Unit.objects.get(pk=kasi.unit_id)
    karangasem = Kabupaten.objects.get(nama="Karangasem")
    unit.wilayah_kerja.add(karangasem)
    lembaga.kabupaten = karangasem
    lembaga.save()
    client.force_login(kasi)
    data = _buku(client.get(URL_XLSX)).worksheets[0]
    contoh = {KOLOM_KLIEN[i].kunci: c.value for i, c in enumerate(data[2]) if c.value is not None}
    assert contoh["nama"].startswith("I Made ") and contoh["jenis_kelamin"] == "Laki-laki"
    lahir = contoh["tanggal_lahir"].date()
    assert len(contoh["nik"]) == 16 and contoh["nik"].startswith("5107")
    assert periksa_nik(contoh["nik"], lahir, "L") == []
    assert contoh["kabupaten"] == "Karangasem"
    assert contoh["pk"] == contoh["pk_litmas"] == "pk-uji"
    assert contoh["lapas_asal"] == lembaga.nama
    urutan = [
        "tanggal_lahir",
        "tanggal_putusan",
        "tanggal_litmas",
        "tanggal_sk",
        "tanggal_mulai",
        "tanggal_ekspirasi",
    ]
    tanggal = [contoh[k] for k in urutan]
    assert tanggal == sorted(tanggal)
    assert contoh["status"] == StatusKlien.PENERIMAAN.label
    # every column but the other office's Litmas PK is filled in
    assert set(KUNCI) - set(contoh) == {"pk_litmas_lain"}


def _baris_isian(desa, pk, n: int, *, label: bool) -> dict:
    """A client as a person fills the template in: labels from the drop-downs (`label`) or
    the codes, dates as dates."""
    lahir = datetime.date(1991, 7, 2 + n)
    return {
        "no_register": f"KRA-2026-{n:04d}",
        "nama": ["I Wayan Suarta", "Ni Ketut Parwati"][n % 2],
        "nik": f"510701{lahir.day + 40 * (n % 2):02d}0791{n:04d}",
        "kategori": "Dewasa" if label else "DEWASA",
        "jenis_kelamin": ["Laki-laki", "Perempuan"][n % 2] if label else "LP"[n % 2],
        "tanggal_lahir": lahir,
        "agama": "Hindu" if label else "HINDU",
        "desa": desa.nama,
        "kecamatan": desa.kecamatan.nama,
        "kabupaten": desa.kecamatan.kabupaten.nama,
        "perkara": "Penipuan",
        "program": "Cuti bersyarat (CB)" if label else "CB",
        "tanggal_mulai": datetime.date(2026, 1, 5),
        "tanggal_ekspirasi": datetime.date(2026, 9, 30),
        "pk": pk.username if n % 2 else "I Nyoman Sukadana",  # a username, then a name
        "telepon": "+6281338000111",
    }


def test_templat_xlsx_diisi_dua_baris_lalu_diimpor(client, kasi, pk_bernama, desa, lembaga):
    client.force_login(kasi)
    buku = _buku(client.get(URL_XLSX))
    data = buku.worksheets[0]
    for r, n in ((2, 1), (3, 2)):  # the example row overwritten, one row added
        nilai = _baris_isian(desa, pk_bernama, n, label=True)
        for i, kunci in enumerate(KUNCI, start=1):
            data.cell(r, i).value = nilai.get(kunci)
    berkas = io.BytesIO()
    buku.save(berkas)
    p, halaman = impor(client, SimpleUploadedFile("isi.xlsx", berkas.getvalue()))
    assert berhasil(p, halaman)["dibuat"] == 2
    klien = list(Klien.objects.filter(unit=kasi.unit).order_by("no_register"))
    assert [(k.no_register, k.jenis_kelamin, k.program) for k in klien] == [
        ("KRA-2026-0001", "P", "CB"),
        ("KRA-2026-0002", "L", "CB"),
    ]
    assert {k.pk_pembimbing for k in klien} == {pk_bernama}
    assert {k.status for k in klien} == {StatusKlien.PENERIMAAN}
    assert {k.telepon for k in klien} == {"+6281338000111"}


def _csv_templat(resp) -> list[list[str]]:
    assert resp.status_code == 200
    assert resp["Content-Disposition"] == 'attachment; filename="templat-impor-klien.csv"'
    isi = b"".join(resp.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(isi)))


def test_templat_csv_diisi_dua_baris_lalu_diimpor(client, kasi, pk_bernama, desa):
    client.force_login(kasi)
    kepala, contoh = _csv_templat(client.get(URL_CSV))
    assert kepala == KUNCI
    contoh = dict(zip(kepala, contoh, strict=True))
    assert (contoh["no_register"], contoh["nama"]) == (CONTOH["no_register"], CONTOH["nama"])
    assert contoh["program"] == "PB" and contoh["tanggal_lahir"] == "1988-03-14"  # codes, ISO
    baris = []
    for n in (1, 2):
        nilai = _baris_isian(desa, pk_bernama, n, label=False)
        baris.append([str(nilai.get(k, "")) for k in kepala])
    isi = io.StringIO()
    csv.writer(isi).writerows([kepala, *baris])
    berkas = SimpleUploadedFile("isi.csv", isi.getvalue().encode())
    assert berhasil(*impor(client, berkas))["dibuat"] == 2
    assert Klien.objects.filter(unit=kasi.unit).count() == 2


@pytest.mark.parametrize("url", [URL_XLSX, URL_CSV])
def test_baris_contoh_yang_tertinggal_ditolak(client, kasi, pk_bernama, desa, lembaga, url):
    """The template imported as downloaded: the example row is named, nothing imported."""
    client.force_login(kasi)
    resp = client.get(url)
    isi = resp.content if url == URL_XLSX else b"".join(resp.streaming_content)
    nama = "templat.xlsx" if url == URL_XLSX else "templat.csv"
    p, halaman = impor(client, SimpleUploadedFile(nama, isi))
    assert ditolak(p, halaman) == [(2, "no_register")]
    assert "contoh" in p.ringkasan["kesalahan"][0]["alasan"]
    assert not Klien.objects.exists()
    # the error names the column by its heading (as the XLSX does) and its key
    judul = KOLOM_PER_KUNCI["no_register"].judul
    sel = f'<td data-label="Kolom">{judul} <code>no_register</code></td>'
    assert sel in halaman.content.decode()


def test_unduhan_templat_tercatat_di_jejak(client, admin_unit):
    client.force_login(admin_unit)
    client.get(URL_XLSX)
    b"".join(client.get(URL_CSV).streaming_content)
    jejak = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).order_by("pk")
    assert [(e.actor, e.additional_data["berkas"], e.additional_data["format"]) for e in jejak] == [
        (admin_unit, "templat-impor-klien.xlsx", "xlsx"),
        (admin_unit, "templat-impor-klien.csv", "csv"),
    ]


def test_halaman_impor_menautkan_templat(client, kasi):
    client.force_login(kasi)
    html = client.get(URL_IMPOR).content.decode()
    assert f'href="{URL_XLSX}"' in html and f'href="{URL_CSV}"' in html


def test_pk_tidak_boleh_mengunduh_templat(client, pk):
    client.force_login(pk)
    assert client.get(URL_XLSX).status_code == 403
    assert client.get(URL_CSV).status_code == 403
