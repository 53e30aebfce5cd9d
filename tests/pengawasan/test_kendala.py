"""The limits of KUHP Pasal 75 are database constraints: a term over 36 months, a term over
the threatened prison term, or a threatened term over 5 years is refused with an Indonesian
message on the field (service and form) and by the database itself; nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pengawasan import services
from pengawasan.forms import PengawasanForm
from pengawasan.models import PertimbanganPK, PidanaPengawasan, SyaratPengawasan
from pengawasan.pilihan import JenisPertimbangan, JenisSyarat
from tests.pengawasan.factories import PidanaPengawasanFactory, SyaratPengawasanFactory

pytestmark = pytest.mark.django_db

LAMA_36 = "Lama pidana pengawasan 1 sampai 36 bulan (paling lama 3 tahun, KUHP Pasal 75)."
MELEBIHI_ANCAMAN = "Lama pidana pengawasan tidak boleh melebihi ancaman pidana penjaranya."
ANCAMAN_5_TAHUN = (
    "Pidana pengawasan hanya untuk tindak pidana yang diancam pidana penjara paling lama 5 "
    "tahun (60 bulan)."
)

KASUS = [
    pytest.param(60, 37, "lama_bulan", LAMA_36, id="lama-lebih-36-bulan"),
    pytest.param(60, 0, "lama_bulan", LAMA_36, id="lama-nol"),
    pytest.param(12, 18, "lama_bulan", MELEBIHI_ANCAMAN, id="lama-melebihi-ancaman"),
    pytest.param(61, 12, "ancaman_bulan", ANCAMAN_5_TAHUN, id="ancaman-lebih-5-tahun"),
]


@pytest.mark.parametrize(("ancaman", "lama", "field", "pesan"), KASUS)
def test_layanan_menolak_dengan_pesan_di_field(klien, pk, ancaman, lama, field, pesan):
    ekspirasi = klien.tanggal_ekspirasi
    with pytest.raises(ValidationError) as info:
        services.pengawasan_catat(
            klien=klien,
            oleh=pk,
            kejaksaan="Kejari Karangasem",
            ancaman_bulan=ancaman,
            lama_bulan=lama,
        )
    assert pesan in info.value.message_dict[field]
    assert not PidanaPengawasan.objects.exists()
    assert not SyaratPengawasan.objects.exists()  # not even the general condition
    klien.refresh_from_db()
    assert klien.tanggal_ekspirasi == ekspirasi


@pytest.mark.parametrize(("ancaman", "lama", "field", "pesan"), KASUS)
def test_form_menampilkan_pesan_di_field(klien, ancaman, lama, field, pesan):
    form = PengawasanForm(
        {"kejaksaan": "Kejari Karangasem", "ancaman_bulan": ancaman, "lama_bulan": lama},
        klien=klien,
    )
    assert not form.is_valid()
    assert pesan in form.errors[field]


@pytest.mark.parametrize(("ancaman", "lama", "field", "pesan"), KASUS)
def test_basis_data_menolak_tanpa_validasi(klien, ancaman, lama, field, pesan):
    """The database holds the rule even for a write that skips validation."""
    baris = PidanaPengawasanFactory.build(klien=klien, ancaman_bulan=ancaman, lama_bulan=lama)
    with pytest.raises(IntegrityError), transaction.atomic():
        baris.save()
    assert not PidanaPengawasan.objects.exists()


def test_batas_tepat_diterima(klien, pk):
    order = services.pengawasan_catat(
        klien=klien, oleh=pk, kejaksaan="Kejari Karangasem", ancaman_bulan=60, lama_bulan=36
    )
    assert order.lama_bulan == 36


def test_restitusi_tanpa_jumlah_ditolak_basis_data(klien):
    baris = SyaratPengawasanFactory.build(klien=klien, jenis=JenisSyarat.RESTITUSI)
    with pytest.raises(IntegrityError), transaction.atomic():
        baris.save()
    assert not SyaratPengawasan.objects.exists()


def test_pertimbangan_perpanjangan_tanpa_syarat_ditolak_basis_data(klien):
    baris = PertimbanganPK(
        klien=klien,
        unit=klien.unit,
        nomor="X-1",
        tanggal=klien.tanggal_mulai,
        jenis=JenisPertimbangan.PERPANJANG,
        alasan="x",
        dibuat_oleh=klien.pk_pembimbing,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        baris.save()
    assert not PertimbanganPK.objects.exists()
