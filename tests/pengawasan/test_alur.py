"""The order, the conditions' states and the PK's considerations, through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from klien.pilihan import ProgramIntegrasi, StatusKlien
from pengawasan import services
from pengawasan.models import PertimbanganPK, PidanaPengawasan, RiwayatSyarat, tambah_bulan
from pengawasan.pilihan import HasilPertimbangan, JenisPertimbangan, JenisSyarat, StatusSyarat
from tests.factories import UserFactory
from tests.pengawasan.factories import KlienPengawasanFactory

pytestmark = pytest.mark.django_db
HARI = datetime.timedelta(days=1)
J, H, S = JenisPertimbangan, HasilPertimbangan, StatusSyarat


def _order(klien, oleh, *, ancaman=24, lama=12):
    return services.pengawasan_catat(
        klien=klien,
        oleh=oleh,
        kejaksaan="Kejaksaan Negeri Karangasem",
        ancaman_bulan=ancaman,
        lama_bulan=lama,
    )


def _restitusi(klien, oleh):
    return services.syarat_tambah(
        klien=klien,
        oleh=oleh,
        jenis=JenisSyarat.RESTITUSI,
        uraian="Membayar restitusi kepada korban",
        restitusi_jumlah=Decimal(5_000_000),
        restitusi_batas=klien.tanggal_mulai + 60 * HARI,
    )


def _langgar(syarat, oleh, *, tanpa_alasan_sah=True):
    return services.syarat_ubah_status(
        syarat=syarat,
        oleh=oleh,
        status=S.DILANGGAR,
        tanggal=timezone.localdate(),
        bukti="Tidak membayar sampai batas waktu.",
        tanpa_alasan_sah=tanpa_alasan_sah,
    )


def _pertimbangan(klien, oleh, jenis, syarat=None, nomor="W20-1"):
    return services.pertimbangan_buat(
        klien=klien,
        oleh=oleh,
        nomor=nomor,
        tanggal=timezone.localdate(),
        jenis=jenis,
        alasan="Alasan PK.",
        syarat=syarat,
    )


def _hasil(p, oleh, hasil, lama=None):
    return services.pertimbangan_catat_hasil(
        pertimbangan=p,
        oleh=oleh,
        hasil=hasil,
        tanggal=timezone.localdate(),
        nomor="12/Pen/2026",
        lama_bulan=lama,
    )


def test_tambah_bulan_akhir_bulan():
    assert tambah_bulan(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert tambah_bulan(datetime.date(2026, 11, 15), 14) == datetime.date(2028, 1, 15)


def test_putusan_mencatat_syarat_umum_dan_ekspirasi(klien, pk):
    order = _order(klien, pk, lama=12)
    klien.refresh_from_db()
    assert klien.tanggal_ekspirasi == tambah_bulan(klien.tanggal_mulai, 12)
    assert order.ekspirasi_sesuai
    (umum,) = klien.syarat_pengawasan.all()
    assert (umum.jenis, umum.status) == (JenisSyarat.UMUM, S.BERJALAN)
    assert umum.riwayat.get().status_baru == S.BERJALAN


def test_putusan_kedua_ditolak(klien, pk):
    _order(klien, pk)
    with pytest.raises(ValidationError, match="sudah dicatat"):
        _order(klien, pk)
    assert PidanaPengawasan.objects.count() == 1


def test_putusan_untuk_program_lain_ditolak(pk, desa):
    lain = KlienPengawasanFactory(pk_pembimbing=pk, desa=desa, program=ProgramIntegrasi.PB)
    with pytest.raises(ValidationError, match="tidak menjalani pidana pengawasan"):
        _order(lain, pk)
    assert not PidanaPengawasan.objects.exists()


def test_putusan_tanpa_nomor_putusan_ditolak(pk, desa):
    k = KlienPengawasanFactory(pk_pembimbing=pk, desa=desa, no_putusan="")
    with pytest.raises(ValidationError, match="nomor dan tanggal putusan"):
        _order(k, pk)


def test_pk_lain_tidak_mencatat_untuk_klien_bukan_bimbingannya(klien, pk_lain, kasi):
    with pytest.raises(ValidationError, match="bukan klien bimbingan"):
        _order(klien, pk_lain)
    assert _order(klien, kasi).dicatat_oleh == kasi  # the Kasi may


def test_admin_tidak_boleh_mencatat(klien, admin_unit):
    with pytest.raises(ValidationError):
        _order(klien, admin_unit)


def test_status_syarat_berpindah_dengan_riwayat(klien, pk):
    _order(klien, pk)
    syarat = _restitusi(klien, pk)
    services.syarat_ubah_status(
        syarat=syarat,
        oleh=pk,
        status=S.DILANGGAR,
        tanggal=klien.tanggal_mulai + 5 * HARI,
        bukti="Cicilan pertama tidak dibayar.",
        tanpa_alasan_sah=False,
    )
    syarat = services.syarat_ubah_status(
        syarat=syarat,
        oleh=pk,
        status=S.MEMENUHI,
        tanggal=timezone.localdate(),
        bukti="Kuitansi pelunasan.",
    )
    assert syarat.status == S.MEMENUHI and syarat.tanpa_alasan_sah is None
    assert [(r.status_lama, r.status_baru) for r in syarat.riwayat.order_by("pk")] == [
        ("", S.BERJALAN),
        (S.BERJALAN, S.DILANGGAR),
        (S.DILANGGAR, S.MEMENUHI),
    ]


def test_ubah_status_diulang_tidak_mengubah_apa_pun(klien, pk):
    _order(klien, pk)
    syarat = _restitusi(klien, pk)
    _langgar(syarat, pk)
    n = RiwayatSyarat.objects.count()
    _langgar(syarat, pk)
    assert RiwayatSyarat.objects.count() == n


def test_pelanggaran_syarat_khusus_harus_menyatakan_alasan_sah(klien, pk):
    _order(klien, pk)
    syarat = _restitusi(klien, pk)
    with pytest.raises(ValidationError) as info:
        _langgar(syarat, pk, tanpa_alasan_sah=None)
    assert "tanpa_alasan_sah" in info.value.message_dict
    syarat.refresh_from_db()
    assert syarat.status == S.BERJALAN


def test_memenuhi_tanpa_bukti_ditolak(klien, pk):
    _order(klien, pk)
    syarat = _restitusi(klien, pk)
    with pytest.raises(ValidationError) as info:
        services.syarat_ubah_status(
            syarat=syarat, oleh=pk, status=S.MEMENUHI, tanggal=timezone.localdate(), bukti=" "
        )
    assert info.value.message_dict == {"bukti": ["Wajib diisi."]}


def test_status_di_masa_depan_atau_sebelum_mulai_ditolak(klien, pk):
    _order(klien, pk)
    syarat = _restitusi(klien, pk)
    for tanggal in (timezone.localdate() + HARI, klien.tanggal_mulai - HARI):
        with pytest.raises(ValidationError) as info:
            services.syarat_ubah_status(
                syarat=syarat, oleh=pk, status=S.MEMENUHI, tanggal=tanggal, bukti="Kuitansi"
            )
        assert "tanggal" in info.value.message_dict


def test_syarat_khusus_tanpa_putusan_ditolak(klien, pk):
    with pytest.raises(ValidationError, match="Catat dahulu putusan"):
        _restitusi(klien, pk)


def test_perpanjangan_hanya_setelah_pelanggaran_tanpa_alasan_sah(klien, pk):
    _order(klien, pk)
    syarat = _restitusi(klien, pk)
    with pytest.raises(ValidationError) as info:
        _pertimbangan(klien, pk, J.PERPANJANG, syarat)
    assert "syarat" in info.value.message_dict
    _langgar(syarat, pk, tanpa_alasan_sah=False)  # with a lawful reason: still refused
    with pytest.raises(ValidationError):
        _pertimbangan(klien, pk, J.PERPANJANG, syarat)
    assert not PertimbanganPK.objects.exists()


def test_pemendekan_ditolak_selama_ada_pelanggaran(klien, pk):
    _order(klien, pk)
    _langgar(_restitusi(klien, pk), pk)
    with pytest.raises(ValidationError) as info:
        _pertimbangan(klien, pk, J.PERSINGKAT)
    assert "jenis" in info.value.message_dict


def test_perpanjangan_dikabulkan_mengubah_lama_dan_ekspirasi(klien, pk, kasi):
    _order(klien, pk, ancaman=24, lama=12)
    syarat = _restitusi(klien, pk)
    _langgar(syarat, pk)
    p = _pertimbangan(klien, pk, J.PERPANJANG, syarat)
    assert p.hasil == H.MENUNGGU
    with pytest.raises(ValidationError) as info:  # over the threatened term
        _hasil(p, kasi, H.DIKABULKAN, lama=30)
    assert "lama_bulan" in info.value.message_dict
    p = _hasil(p, kasi, H.DIKABULKAN, lama=18)
    assert (p.hasil, p.hasil_lama_bulan, p.hasil_oleh) == (H.DIKABULKAN, 18, kasi)
    klien.refresh_from_db()
    assert klien.pidana_pengawasan.get().lama_bulan == 18
    assert klien.tanggal_ekspirasi == tambah_bulan(klien.tanggal_mulai, 18)
    with pytest.raises(ValidationError, match="sudah dicatat"):
        _hasil(p, kasi, H.DITOLAK)


def test_pemendekan_dikabulkan(klien, pk):
    _order(klien, pk, lama=12)
    p = _pertimbangan(klien, pk, J.PERSINGKAT)
    with pytest.raises(ValidationError):
        _hasil(p, pk, H.DIKABULKAN, lama=12)  # not shorter
    _hasil(p, pk, H.DIKABULKAN, lama=8)
    klien.refresh_from_db()
    assert klien.tanggal_ekspirasi == tambah_bulan(klien.tanggal_mulai, 8)


def test_pidana_penjara_dikabulkan_mengakhiri_program(klien, pk):
    _order(klien, pk)
    umum = klien.syarat_pengawasan.get(jenis=JenisSyarat.UMUM)
    _langgar(umum, pk, tanpa_alasan_sah=None)  # the general condition: never a lawful reason
    p = _pertimbangan(klien, pk, J.PENJARA, umum)
    _hasil(p, pk, H.DIKABULKAN)
    klien.refresh_from_db()
    assert klien.status == StatusKlien.DIAKHIRI
    riwayat = klien.riwayat_status.first()
    assert riwayat.dokumen_nomor == "12/Pen/2026"
    assert riwayat.dokumen_pihak == "Kejaksaan Negeri Karangasem"


def test_ditolak_tidak_mengubah_lama(klien, pk):
    _order(klien, pk, lama=12)
    p = _hasil(_pertimbangan(klien, pk, J.PERSINGKAT), pk, H.DITOLAK)
    assert p.hasil == H.DITOLAK and p.hasil_lama_bulan is None
    assert klien.pidana_pengawasan.get().lama_bulan == 12


def test_satu_pertimbangan_menunggu_per_jenis(klien, pk):
    _order(klien, pk)
    _pertimbangan(klien, pk, J.PERSINGKAT)
    with pytest.raises(ValidationError) as info:
        _pertimbangan(klien, pk, J.PERSINGKAT, nomor="W20-2")
    assert "jenis" in info.value.message_dict
    assert PertimbanganPK.objects.count() == 1


def test_nomor_surat_unik_per_kantor(klien, pk, desa):
    _order(klien, pk)
    _pertimbangan(klien, pk, J.PERSINGKAT)
    lain = KlienPengawasanFactory(pk_pembimbing=pk, desa=desa)
    _order(lain, pk)
    with pytest.raises(ValidationError) as info:
        _pertimbangan(lain, pk, J.PERSINGKAT)
    assert info.value.message_dict["nomor"] == ["Nomor surat ini sudah dipakai di kantor ini."]


def test_kantor_lain_tidak_dapat_mencatat(klien, kasi_lain):
    with pytest.raises(ValidationError):
        _order(klien, kasi_lain)


def test_pk_kantor_lain(klien, unit_lain):
    pk_sana = UserFactory(peran="PK", unit=unit_lain)
    with pytest.raises(ValidationError):
        _order(klien, pk_sana)
