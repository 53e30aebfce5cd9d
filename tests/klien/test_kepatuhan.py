"""The reporting standing (next report due, reports missed in a row) has one writer,
klien_setel_kepatuhan_lapor, which leaves one audit entry per effective change; the
register's form and edit service refuse it. The thresholds are named once."""

import datetime

import pytest
from django.urls import reverse

from jejak.models import JejakAudit, Peristiwa
from klien import services
from klien.forms import KlienForm
from klien.models import Klien
from klien.querysets import (
    BATAS_MANGKIR,
    MANGKIR_BERISIKO,
    MANGKIR_DASAR_PENCABUTAN,
    MANGKIR_PERINGATAN,
)
from tests.klien.factories import KlienFactory, data_layanan_klien
from tests.klien.factories import data_form_klien as _data

FIELD_KEPATUHAN = ("tanggal_lapor_berikutnya", "mangkir_berturut")
BERIKUTNYA = datetime.date(2026, 12, 5)


def _entri_ubah(klien):
    return JejakAudit.objects.filter(
        jenis=Peristiwa.UBAH, content_type__model="klien", object_pk=str(klien.pk)
    )


def test_form_klien_tidak_menawarkan_field_kepatuhan(unit, pk, kasi, klien):
    assert not set(FIELD_KEPATUHAN) & set(KlienForm.base_fields)
    for form in (
        KlienForm(unit=unit, user=pk),
        KlienForm(unit=unit, user=kasi),
        KlienForm(instance=klien, unit=unit, user=kasi),
    ):
        assert not set(FIELD_KEPATUHAN) & set(form.fields)


def test_form_ubah_mengabaikan_field_kepatuhan_yang_dikirim(client, pk, klien):
    client.force_login(pk)
    data = _data(
        klien.desa,
        no_register=klien.no_register,
        nik=klien.nik,
        tanggal_lapor_berikutnya="2026-01-01",
        mangkir_berturut="3",
    )
    assert client.post(reverse("klien:klien-update", args=[klien.pk]), data).status_code == 302
    klien.refresh_from_db()
    assert (klien.tanggal_lapor_berikutnya, klien.mangkir_berturut) == (None, 0)


@pytest.mark.parametrize(
    ("field", "nilai"),
    [("tanggal_lapor_berikutnya", BERIKUTNYA), ("mangkir_berturut", 2)],
)
def test_klien_ubah_menolak_field_kepatuhan_tanpa_menyimpan(pk, klien, field, nilai):
    sebelum = Klien.objects.filter(pk=klien.pk).values().get()
    jejak = JejakAudit.objects.count()

    with pytest.raises(services.FieldBerpemilik, match=field) as galat:
        services.klien_ubah(klien=klien, oleh=pk, data={"nama": "Nama Baru", field: nilai})

    assert galat.value.field == field
    assert "klien_setel_kepatuhan_lapor" in str(galat.value)
    assert isinstance(galat.value, ValueError)  # a caller's mistake, not a user's
    assert Klien.objects.filter(pk=klien.pk).values().get() == sebelum
    assert JejakAudit.objects.count() == jejak
    assert klien.nama != "Nama Baru"  # refused before anything was set on the instance


def test_klien_buat_menolak_field_kepatuhan(pk, desa):
    data = data_layanan_klien(desa)
    for field, nilai in (("tanggal_lapor_berikutnya", BERIKUTNYA), ("mangkir_berturut", 1)):
        with pytest.raises(services.FieldBerpemilik, match=field):
            services.klien_buat(unit=pk.unit, oleh=pk, data={**data, field: nilai})
    assert not Klien.objects.exists()


def test_setel_kepatuhan_menulis_satu_entri_jejak_dan_ulangan_tidak_menulis(klien):
    assert not _entri_ubah(klien).exists()

    services.klien_setel_kepatuhan_lapor(klien=klien, mangkir_berturut=2, berikutnya=BERIKUTNYA)

    (entri,) = _entri_ubah(klien)
    assert entri.klien_id == klien.pk and entri.unit_id == klien.unit_id
    assert entri.changes["mangkir_berturut"] == [0, 2]
    assert entri.changes["tanggal_lapor_berikutnya"] == [None, "2026-12-05"]
    assert set(entri.changes) == set(FIELD_KEPATUHAN)  # nothing else changed
    assert (klien.mangkir_berturut, klien.tanggal_lapor_berikutnya) == (2, BERIKUTNYA)

    for _ in range(2):  # the same standing again: no change, no entry
        services.klien_setel_kepatuhan_lapor(klien=klien, mangkir_berturut=2, berikutnya=BERIKUTNYA)
    assert _entri_ubah(klien).count() == 1

    services.klien_setel_kepatuhan_lapor(klien=klien, mangkir_berturut=0, berikutnya=BERIKUTNYA)
    assert _entri_ubah(klien).count() == 2
    assert _entri_ubah(klien).first().changes == {"mangkir_berturut": [2, 0]}
    klien.refresh_from_db()
    assert (klien.mangkir_berturut, klien.tanggal_lapor_berikutnya) == (0, BERIKUTNYA)


def test_setel_kepatuhan_menolak_angka_negatif(klien):
    with pytest.raises(ValueError):
        services.klien_setel_kepatuhan_lapor(klien=klien, mangkir_berturut=-1, berikutnya=None)
    assert not _entri_ubah(klien).exists()


def test_ambang_mangkir_dinamai_sekali_dan_berurutan():
    assert (MANGKIR_PERINGATAN, MANGKIR_BERISIKO, MANGKIR_DASAR_PENCABUTAN) == (1, 2, 3)
    assert dict(BATAS_MANGKIR) == {
        "peringatan": MANGKIR_PERINGATAN,
        "berisiko": MANGKIR_BERISIKO,
        "dasar_pencabutan": MANGKIR_DASAR_PENCABUTAN,
    }


def test_lencana_beban_kasus_mengikuti_ambang(client, pk, desa, monkeypatch):
    """The caseload's badges read the thresholds from the context, not from literals."""
    nama = {}
    for n in (MANGKIR_PERINGATAN, MANGKIR_BERISIKO, MANGKIR_DASAR_PENCABUTAN):
        k = KlienFactory(pk_pembimbing=pk, desa=desa, nama=f"Klien Mangkir {n}")
        services.klien_setel_kepatuhan_lapor(klien=k, mangkir_berturut=n, berikutnya=None)
        nama[n] = k.nama
    client.force_login(pk)
    resp = client.get(reverse("klien:caseload"))
    assert resp.context["batas_mangkir"] is BATAS_MANGKIR
    html = resp.content.decode()
    bagian = html[html.index('id="judul-mangkir"') : html.index('id="judul-semua"')]
    baris = {n: bagian[bagian.index(nama[n]) :].split("</li>")[0] for n in nama}
    assert "text-bg-warning" in baris[1] and "text-bg-danger" in baris[2]
    assert "dasar pencabutan" in baris[3] and "dasar pencabutan" not in baris[2]

    # Moving a threshold moves the badge: the template holds no number of its own.
    monkeypatch.setattr(
        "klien.views.BATAS_MANGKIR", {**BATAS_MANGKIR, "berisiko": 3, "dasar_pencabutan": 4}
    )
    html = client.get(reverse("klien:caseload")).content.decode()
    bagian = html[html.index('id="judul-mangkir"') : html.index('id="judul-semua"')]
    baris2 = bagian[bagian.index(nama[2]) :].split("</li>")[0]
    baris3 = bagian[bagian.index(nama[3]) :].split("</li>")[0]
    assert "text-bg-warning" in baris2
    assert "text-bg-danger" in baris3 and "dasar pencabutan" not in baris3


def test_impor_tidak_membaca_field_kepatuhan(pk, desa):
    """An import file cannot set the reporting standing either: the columns are not read."""
    from klien.impor import KOLOM_PILIHAN, KOLOM_WAJIB, klien_impor

    assert not set(FIELD_KEPATUHAN) & {*KOLOM_WAJIB, *KOLOM_PILIHAN}
    pk.nip = "198503122010121001"
    pk.save()
    baris = {
        "no_register": "IMP-1",
        "nama": "I Made Impor",
        "kategori": "DEWASA",
        "jenis_kelamin": "L",
        "tanggal_lahir": "1990-05-15",
        "agama": "Hindu",
        "desa": desa.nama,
        "kecamatan": desa.kecamatan.nama,
        "kabupaten": desa.kecamatan.kabupaten.nama,
        "perkara": "Pencurian",
        "program": "PB",
        "tanggal_mulai": "2025-01-01",
        "tanggal_ekspirasi": "2025-12-31",
        "nip_pk": pk.nip,
        "nik": "5107011505900001",
        "tanggal_lapor_berikutnya": "2026-01-01",
        "mangkir_berturut": "3",
    }
    hasil = klien_impor(unit=pk.unit, oleh=pk, rows=[baris])
    assert hasil.berhasil and hasil.dibuat == 1, hasil.kesalahan
    k = Klien.objects.get()
    assert (k.tanggal_lapor_berikutnya, k.mangkir_berturut) == (None, 0)
