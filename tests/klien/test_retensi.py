"""Retention (UU PDP Pasal 42-44): due clients are anonymised, in the register and in the
audit trail; held, running and recently ended clients are left alone; a dry run changes
nothing; the database refuses what the service refuses."""

import datetime
import io
import json
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from jejak.models import JejakAudit, Peristiwa
from jejak.services import catat_peristiwa
from klien import retensi, services
from klien.models import (
    IndikatorReintegrasi,
    Klien,
    PengalihanPK,
    PeristiwaResidivisme,
    RiwayatStatus,
)
from klien.retensi import (
    FIELD_PRIBADI,
    AnonimisasiDitolak,
    ditahan,
    jatuh_tempo_retensi,
    klien_anonimkan,
)
from tests.factories import DesaFactory, UserFactory
from tests.klien.factories import KlienFactory

WITA = ZoneInfo("Asia/Makassar")
T0 = datetime.datetime(2024, 1, 10, 10, 0, tzinfo=WITA)  # clients registered and ended
T_BARU = T0 + datetime.timedelta(days=1000)  # the "recently ended" client ends here
T_JALAN = T0 + datetime.timedelta(days=5 * 365 + 5)  # retention (default) passed 5 days ago
HARI_JALAN = T_JALAN.date()

# Everything that identifies client `a`; none of it may survive anywhere.
RAHASIA_A = {
    "nama": "Ni Luh Sekar Rahasiani",
    "alias": "Luh Sekar Samaran",
    "nik": "5107016308870001",
    "tempat_lahir": "Desa Tempatlahirrahasia",
    "tanggal_lahir": datetime.date(1987, 8, 23),
    "pekerjaan": "Pedagang canang rahasia",
    "alamat": "Jalan Rahasia No. 7, Banjar Rahasia",
    "telepon": "081299990001",
    "nama_penjamin": "I Made Penjamin Rahasia",
    "hubungan_penjamin": "Paman rahasia",
    "telepon_penjamin": "081299990002",
    "kontak_keluarga": "Ibu Kontak Rahasia 081299990003",
    "no_register": "REG-A-RAHASIA",
    "no_register_lapas": "LP-RAHASIA-01",
    "no_putusan": "99/Pid.B/2023/PN Rahasia",
    "tanggal_putusan": datetime.date(2023, 2, 17),
    "no_litmas": "LITMAS-RAHASIA-07",
    "tanggal_litmas": datetime.date(2023, 5, 29),
    "no_sk": "PAS-RAHASIA.PK.05.09",
    "tanggal_sk": datetime.date(2023, 6, 13),
}
ALAMAT_LAMA_A = "Jalan Lama Rahasia No. 1"


def _teks_rahasia_a() -> list[str]:
    return [*(str(v) for v in RAHASIA_A.values()), ALAMAT_LAMA_A, "Rahasiani"]


def _teks_jejak(entri: JejakAudit) -> str:
    return json.dumps(
        [
            entri.changes,
            entri.changes_text,
            entri.object_repr,
            entri.serialized_data,
            entri.additional_data,
        ],
        default=str,
    )


def _jalankan(*args) -> str:
    out = io.StringIO()
    call_command("retensi_klien", *args, stdout=out)
    return out.getvalue()


def _potret() -> dict:
    """Every stored value of the register and the trail, to prove a run changed nothing."""
    return {
        "klien": list(Klien.objects.order_by("pk").values()),
        "riwayat": list(RiwayatStatus.objects.order_by("pk").values()),
        "pengalihan": list(PengalihanPK.objects.order_by("pk").values()),
        "residivisme": list(PeristiwaResidivisme.objects.order_by("pk").values()),
        "indikator": list(IndikatorReintegrasi.objects.order_by("pk").values()),
        "jejak": list(JejakAudit.objects.order_by("pk").values()),
    }


def _akhiri(klien, oleh, status="SELESAI", alasan="Masa bimbingan selesai."):
    # the status's one writer (a revocation reaches it through the proposal workflow)
    hari_ini = timezone.localdate()
    services.ubah_status(
        klien=klien,
        oleh=oleh,
        status_baru=status,
        tanggal=hari_ini,
        alasan=alasan,
        dokumen={"nomor": "SK-UJI", "tanggal": hari_ini, "pihak": "Dirjenpas"},
    )
    klien.refresh_from_db()
    return klien


@pytest.fixture
def skenario(time_machine, unit, unit_lain, pk, pk_lain, kasi, desa):
    """Registered and ended on T0; `e` ended on T_BARU; the clock then stops at T_JALAN.

    a, b: ended in `unit`, due · c: ended, due but held · d: still running ·
    e: ended recently (not due) · f: ended in `unit_lain`, due.
    """
    time_machine.move_to(T0, tick=False)
    a = KlienFactory(pk_pembimbing=pk, desa=desa, jenis_kelamin="P", **RAHASIA_A)
    services.klien_ubah(klien=a, oleh=pk, data={"alamat": ALAMAT_LAMA_A})
    services.klien_ubah(klien=a, oleh=pk, data={"alamat": RAHASIA_A["alamat"]})
    catat_peristiwa(Peristiwa.LIHAT, pelaku=kasi, objek=a)
    services.klien_alihkan_pk(
        klien=a,
        oleh=kasi,
        ke_pk=pk_lain,
        tanggal=T0.date(),
        alasan="Ni Luh Sekar Rahasiani pindah ke Banjar Rahasia.",
    )
    services.residivisme_catat(
        klien=a,
        oleh=kasi,
        tanggal=T0.date(),
        jenis="TERSANGKA",
        sumber="Polsek, laporan atas nama Rahasiani",
        catatan="Rahasiani ditangkap di Jalan Rahasia.",
    )
    services.indikator_catat(
        klien=a,
        oleh=pk_lain,
        tonggak="AWAL",
        data={
            "tanggal": T0.date(),
            "bekerja": True,
            "catatan": "Bekerja pada I Made Penjamin Rahasia.",
        },
    )
    a = _akhiri(a, pk_lain, alasan="Selesai; Rahasiani diserahkan ke keluarga.")

    b = _akhiri(KlienFactory(pk_pembimbing=pk, desa=desa), pk, status="DICABUT")
    c = _akhiri(KlienFactory(pk_pembimbing=pk, desa=desa), pk)
    services.klien_ubah(
        klien=c,
        oleh=kasi,
        data={"tahan_hukum": True, "tahan_hukum_alasan": "Banding perkara 12/Pid/2024"},
    )
    d = KlienFactory(pk_pembimbing=pk, desa=desa)
    pk_denpasar = UserFactory(peran="PK", unit=unit_lain)
    f = _akhiri(KlienFactory(pk_pembimbing=pk_denpasar, desa=DesaFactory()), pk_denpasar)

    time_machine.move_to(T_BARU, tick=False)
    e = _akhiri(KlienFactory(pk_pembimbing=pk, desa=desa), pk)

    time_machine.move_to(T_JALAN, tick=False)
    for k in (a, b, c, d, e, f):
        k.refresh_from_db()
    return SimpleNamespace(a=a, b=b, c=c, d=d, e=e, f=f)


def test_pilihan_jatuh_tempo_dan_ditahan(skenario):
    s = skenario
    assert set(jatuh_tempo_retensi()) == {s.a, s.b, s.f}
    assert set(ditahan()) == {s.c}
    assert set(jatuh_tempo_retensi(Klien.objects.filter(unit=s.f.unit))) == {s.f}
    # The day the period ends is not yet past it.
    assert set(jatuh_tempo_retensi(hari_ini=T0.date() + datetime.timedelta(days=5 * 365))) == set()


def test_uji_coba_mendaftar_tanpa_mengubah_apa_pun(skenario, unit, unit_lain):
    s = skenario
    sebelum = _potret()

    out = _jalankan()

    assert _potret() == sebelum
    for k in (s.a, s.b, s.c, s.f):
        assert k.no_register in out
    for k in (s.d, s.e):
        assert k.no_register not in out
    assert unit.nama in out and unit_lain.nama in out
    assert "Banding perkara 12/Pid/2024" in out  # the held client's reason is shown
    assert "berakhir 2024-01-10, lewat 5 hari" in out
    assert "Jumlah: 3 klien jatuh tempo, 1 ditahan." in out
    assert "tidak ada data yang diubah" in out
    assert RAHASIA_A["nama"] not in out  # offices are listed by register number only


def test_laksanakan_menganonimkan_klien_jatuh_tempo(skenario):
    s = skenario
    asli_a = {f: getattr(s.a, f) for f in ("unit_id", "pk_pembimbing_id", "desa_id", "perkara")}
    potret_lain = {k.pk: Klien.objects.filter(pk=k.pk).values().get() for k in (s.c, s.d, s.e)}
    assert any(RAHASIA_A["nik"] in _teks_jejak(j) for j in JejakAudit.objects.all())

    out = _jalankan("--laksanakan")

    assert "Selesai: 3 klien dianonimkan, 1 dilewati (ditahan), 0 gagal." in out
    a = Klien.objects.get(pk=s.a.pk)
    diharapkan = {
        "nama": f"Klien anonim {a.pk}",
        "no_register": f"ANON-{a.pk}",
        "tanggal_lahir": datetime.date(1987, 1, 1),
        "tanggal_putusan": None,
        "tanggal_litmas": None,
        "tanggal_sk": None,
    }
    for field in FIELD_PRIBADI:
        assert getattr(a, field) == diharapkan.get(field, ""), field
    assert a.dianonimkan_pada is not None
    assert {f: getattr(a, f) for f in asli_a} == asli_a
    assert (a.status, a.tanggal_berakhir, a.jenis_kelamin) == ("SELESAI", T0.date(), "P")

    # The free text recorded about the client is gone too.
    assert set(a.riwayat_status.values_list("alasan", flat=True)) == {"[dianonimkan]"}
    assert set(a.pengalihan_pk.values_list("alasan", flat=True)) == {"[dianonimkan]"}
    assert list(a.residivisme.values_list("sumber", "catatan")) == [("[dianonimkan]", "")]
    assert list(a.indikator.values_list("catatan", "bekerja")) == [("", True)]

    # ...and from every audit entry, including the one the anonymising save wrote.
    rahasia = _teks_rahasia_a()
    entri_a = list(JejakAudit.objects.tentang_klien(a.pk))
    assert len(entri_a) >= 10
    for entri in JejakAudit.objects.all():
        teks = _teks_jejak(entri)
        bocor = [r for r in rahasia if r in teks]
        assert not bocor, (entri.pk, entri.get_jenis_display(), bocor)

    for k in (s.b, s.f):
        k.refresh_from_db()
        assert k.dianonimkan_pada is not None and k.nik == ""
    # Held, running and recently ended clients are untouched, trail included.
    for k in (s.c, s.d, s.e):
        assert Klien.objects.filter(pk=k.pk).values().get() == potret_lain[k.pk]
        assert any(k.nama in _teks_jejak(j) for j in JejakAudit.objects.tentang_klien(k.pk))


def test_satu_entri_anonimisasi_per_klien_tanpa_pelaku_dan_tidak_berulang(skenario):
    s = skenario
    _jalankan("--laksanakan")

    entri = JejakAudit.objects.filter(jenis=Peristiwa.ANONIMISASI)
    assert sorted(entri.values_list("klien_id", flat=True)) == sorted([s.a.pk, s.b.pk, s.f.pk])
    for e in entri:
        assert e.actor_id is None and e.peran == ""
        assert e.additional_data["retensi_hari"] == 5 * 365
        assert e.additional_data["berakhir"] == "2024-01-10"
    assert entri.get(klien_id=s.f.pk).unit_id == s.f.unit_id

    jumlah_jejak = JejakAudit.objects.count()
    potret = _potret()
    out = _jalankan("--laksanakan")
    assert "Selesai: 0 klien dianonimkan, 1 dilewati (ditahan), 0 gagal." in out
    assert klien_anonimkan(s.a, hari_ini=HARI_JALAN) is False
    assert JejakAudit.objects.count() == jumlah_jejak
    assert _potret() == potret


def test_opsi_unit_membatasi_ke_satu_kantor(skenario, unit_lain):
    s = skenario
    out = _jalankan("--laksanakan", "--unit", str(unit_lain.pk))

    assert "Selesai: 1 klien dianonimkan, 0 dilewati (ditahan), 0 gagal." in out
    assert list(Klien.objects.filter(dianonimkan_pada__isnull=False)) == [
        Klien.objects.get(pk=s.f.pk)
    ]


@pytest.mark.parametrize(
    ("siapa", "pesan"),
    [("c", "ditahan untuk perkara hukum"), ("d", "masih dalam bimbingan"), ("e", "belum")],
)
def test_layanan_menolak_klien_ditahan_berjalan_atau_belum_jatuh_tempo(skenario, siapa, pesan):
    klien = getattr(skenario, siapa)
    potret = _potret()

    with pytest.raises(AnonimisasiDitolak, match=pesan):
        klien_anonimkan(klien, hari_ini=HARI_JALAN)

    assert _potret() == potret
    assert not JejakAudit.objects.filter(jenis=Peristiwa.ANONIMISASI).exists()


@pytest.mark.parametrize("siapa", ["c", "d"])
def test_database_menolak_anonimisasi_klien_berjalan_atau_ditahan(skenario, siapa):
    klien = getattr(skenario, siapa)
    with pytest.raises(IntegrityError), transaction.atomic():
        Klien.objects.filter(pk=klien.pk).update(dianonimkan_pada=timezone.now(), nik="")
    klien.refresh_from_db()
    assert klien.dianonimkan_pada is None


def test_masa_retensi_diambil_dari_settings(skenario):
    s = skenario  # e ended 830 days before T_JALAN, the others 1830 days before
    with override_settings(RETENSI_KLIEN_HARI=2000):
        assert not jatuh_tempo_retensi().exists()
        assert "Jumlah: 0 klien jatuh tempo, 0 ditahan." in _jalankan()
    with override_settings(RETENSI_KLIEN_HARI=800):
        assert set(jatuh_tempo_retensi()) == {s.a, s.b, s.e, s.f}
        out = _jalankan("--laksanakan")
    assert "Masa retensi: 800 hari" in out
    assert "Selesai: 4 klien dianonimkan" in out
    data = JejakAudit.objects.get(jenis=Peristiwa.ANONIMISASI, klien_id=s.e.pk).additional_data
    assert (data["retensi_hari"], data["berakhir"]) == (800, T_BARU.date().isoformat())


def test_kegagalan_satu_klien_dilaporkan_dan_yang_lain_berlanjut(skenario, monkeypatch):
    s = skenario

    def gagal_untuk_a(klien):
        if klien.pk == s.a.pk:
            raise RuntimeError(RAHASIA_A["nama"])  # a message that quotes personal data

    monkeypatch.setattr(retensi, "_PENGANONIM", [gagal_untuk_a])
    out = _jalankan("--laksanakan")

    assert f"GAGAL {RAHASIA_A['no_register']}" in out and "RuntimeError" in out
    assert RAHASIA_A["nama"] not in out
    assert "Selesai: 2 klien dianonimkan, 1 dilewati (ditahan), 1 gagal." in out
    # a's transaction was rolled back whole: fields, related text, trail.
    a = Klien.objects.get(pk=s.a.pk)
    assert (a.nama, a.nik, a.dianonimkan_pada) == (RAHASIA_A["nama"], RAHASIA_A["nik"], None)
    assert "Rahasiani" in a.riwayat_status.get(status_baru="SELESAI").alasan
    assert any(RAHASIA_A["nik"] in _teks_jejak(j) for j in JejakAudit.objects.tentang_klien(a.pk))
    assert not JejakAudit.objects.filter(jenis=Peristiwa.ANONIMISASI, klien_id=a.pk).exists()
    assert Klien.objects.get(pk=s.b.pk).dianonimkan_pada is not None


def test_penganonim_aplikasi_lain_dipanggil_dan_fieldnya_diredaksi(skenario, monkeypatch):
    s = skenario
    monkeypatch.setattr(retensi, "_PENGANONIM", list(retensi._PENGANONIM))
    monkeypatch.setattr(retensi, "_FIELD_JEJAK", set(retensi._FIELD_JEJAK))
    dipanggil = []

    # An app that registers a step, and a trail field of its own ("perkara" stands in).
    @retensi.penganonim(field_jejak={"perkara"})
    def catat(klien):
        dipanggil.append((klien.pk, klien.nama))

    assert klien_anonimkan(s.a, hari_ini=HARI_JALAN) is True

    assert dipanggil == [(s.a.pk, f"Klien anonim {s.a.pk}")]  # after the client's own fields
    dibuat = JejakAudit.objects.get(
        content_type=ContentType.objects.get_for_model(Klien), object_pk=s.a.pk, jenis="buat"
    )
    assert dibuat.changes["perkara"] == ["[dihapus: retensi]", "[dihapus: retensi]"]


def test_satu_per_satu_galat_pernyataan_milik_kliennya_koneksi_hilang_dinaikkan(
    skenario, monkeypatch
):
    """A statement the database refused or cancelled is that client's failure (rolled back,
    the others go on); a connection that no longer answers stops the run."""
    from django.db import OperationalError, connection

    s = skenario

    def batal_untuk_a(klien):
        if klien.pk == s.a.pk:
            raise OperationalError("canceling statement due to statement timeout")

    monkeypatch.setattr(retensi, "_PENGANONIM", [batal_untuk_a])
    hasil = dict(retensi.anonimkan_satu_per_satu([s.a, s.b], hari_ini=HARI_JALAN))
    assert isinstance(hasil[s.a], OperationalError) and hasil[s.b] is True
    assert Klien.objects.get(pk=s.a.pk).dianonimkan_pada is None

    monkeypatch.setattr(connection, "is_usable", lambda: False)
    with pytest.raises(OperationalError):
        list(retensi.anonimkan_satu_per_satu([s.a], hari_ini=HARI_JALAN))
