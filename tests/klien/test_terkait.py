"""The "data about a client" is declared once per table (klien.terkait.DataKlien); the four
uses follow the declarations: anonymisation, the data-subject export, the timeline and the
client page's prefetch. A table is shown here with and without its declaration."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from jejak.models import REDAKSI, JejakAudit
from klien import services, terkait
from klien.models import IndikatorReintegrasi, Klien, PeristiwaResidivisme
from klien.retensi import field_redaksi, klien_anonimkan, masa_retensi_hari
from klien.subjek import data_subjek
from klien.terkait import DataKlien, Peristiwa, daftar_data_klien, data_klien, hapus_data_klien
from klien.timeline import prefetch_timeline, timeline

HARI = datetime.date(2026, 1, 5)


def _uji_ke_timeline(r):
    if r.jenis == "DIDAKWA":
        return None  # a declaration may leave a row off the timeline
    return Peristiwa(r.tanggal, "Uji", f"Uji {r.jenis} dicatat {r.oleh}")


def _deklarasi_uji():
    """A test declaration for an existing model (its own is unregistered for the test)."""
    return DataKlien(
        model=PeristiwaResidivisme,
        relasi="residivisme",
        judul="uji_residivisme",
        teks_anonim={"sumber": "[uji dianonimkan]"},
        urutan_ekspor=("-tanggal",),
        select_related=("oleh",),
        ke_timeline=_uji_ke_timeline,
    )


@pytest.fixture
def tanpa_residivisme(monkeypatch):
    """The registry with PeristiwaResidivisme's own declaration taken out, restored after."""
    monkeypatch.setattr(terkait, "_DAFTAR", dict(terkait._DAFTAR))
    assert hapus_data_klien(PeristiwaResidivisme) is not None


@pytest.fixture
def klien_dengan_residivisme(klien, kasi):
    for tanggal, jenis in ((HARI, "TERSANGKA"), (HARI + datetime.timedelta(days=3), "DIDAKWA")):
        services.residivisme_catat(
            klien=klien, oleh=kasi, tanggal=tanggal, jenis=jenis, sumber="Polres Rahasia"
        )
    return klien


def _halaman(klien):
    return Klien.objects.prefetch_related(*prefetch_timeline()).get(pk=klien.pk)


def test_klien_mendaftarkan_tabelnya_sendiri():
    sendiri = len(terkait.DATA_KLIEN_SENDIRI)
    assert [(d.model, d.judul) for d in data_klien()][:sendiri] == [
        (d.model, d.judul) for d in terkait.DATA_KLIEN_SENDIRI
    ]
    assert {d.model for d in data_klien()} >= {PeristiwaResidivisme, IndikatorReintegrasi}


def test_tanpa_deklarasi_tabel_tidak_dipakai_di_mana_pun(
    tanpa_residivisme, klien_dengan_residivisme
):
    k = klien_dengan_residivisme
    assert "residivisme" not in data_subjek(k, permintaan={})["data_terkait"]
    assert not [p for p in timeline(k) if "Polres" in p.keterangan or p.jenis == "Uji"]
    assert "residivisme" not in {p.prefetch_to for p in prefetch_timeline()}
    assert "sumber" not in field_redaksi()


def test_satu_deklarasi_menggerakkan_empat_kegunaan(
    tanpa_residivisme, klien_dengan_residivisme, kasi, django_assert_num_queries
):
    k = klien_dengan_residivisme
    daftar_data_klien(_deklarasi_uji())

    # 1. The data-subject export lists the table under its name, in its order.
    tabel = data_subjek(k, permintaan={})["data_terkait"]["uji_residivisme"]
    assert [b["jenis"] for b in tabel] == ["Didakwa", "Ditetapkan tersangka"]
    assert tabel[0]["sumber informasi"] == "Polres Rahasia"

    # 2. + 3. The timeline maps each row, from what the page prefetches: no query per row.
    assert "residivisme" in {p.prefetch_to for p in prefetch_timeline()}
    halaman = _halaman(k)
    with django_assert_num_queries(0):
        peristiwa = timeline(halaman)
    uji = [p for p in peristiwa if p.jenis == "Uji"]
    assert [p.judul for p in uji] == [f"Uji TERSANGKA dicatat {kasi}"]  # DIDAKWA left off

    # 4. Anonymisation replaces the declared text and redacts it from the trail.
    assert "sumber" in field_redaksi()
    akhir = timezone.localdate()
    services.klien_ubah_status(
        klien=k, oleh=kasi, status_baru="SELESAI", tanggal=akhir, alasan="Selesai."
    )
    lewat = akhir + datetime.timedelta(days=masa_retensi_hari() + 1)
    assert klien_anonimkan(k, hari_ini=lewat) is True
    assert set(k.residivisme.values_list("sumber", flat=True)) == {"[uji dianonimkan]"}
    dibuat = JejakAudit.objects.filter(
        content_type=ContentType.objects.get_for_model(PeristiwaResidivisme), jenis="buat"
    )
    assert dibuat.count() == 2
    for e in dibuat:
        assert e.changes["sumber"] == [REDAKSI, REDAKSI]


def test_deklarasi_sama_boleh_diulang_yang_lain_ditolak(tanpa_residivisme):
    d = _deklarasi_uji()
    daftar_data_klien(d)
    daftar_data_klien(d)  # ready() run twice: no change
    assert [x for x in data_klien() if x.model is PeristiwaResidivisme] == [d]
    with pytest.raises(ImproperlyConfigured, match="sudah dinyatakan"):
        daftar_data_klien(_deklarasi_uji())


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"relasi": "indikator"}, "bukan relasi balik"),
        ({"relasi": "tidak_ada"}, "bukan relasi balik"),
        ({"teks_anonim": {"tidak_ada": ""}}, "tidak_ada"),
    ],
)
def test_deklarasi_salah_ditolak_saat_dibuat(ubah, pesan):
    args = {"model": PeristiwaResidivisme, "relasi": "residivisme", "judul": "x"} | ubah
    with pytest.raises(ImproperlyConfigured, match=pesan):
        DataKlien(**args)


def test_prefetch_hanya_menggabungkan_yang_dinyatakan():
    per_relasi = {p.prefetch_to: p.queryset.query for p in prefetch_timeline()}
    for tanpa_gabungan in ("residivisme", "indikator"):  # declared nothing to join
        assert per_relasi[tanpa_gabungan].select_related is False
    assert per_relasi["pengalihan_pk"].select_related == {"dari_pk": {}, "ke_pk": {}, "oleh": {}}
