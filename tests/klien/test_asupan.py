"""The intake papers on a client: the Litmas, the SK granting the programme, the handover;
their constraints (the database's and the form's), and the next report never before the
start of guidance."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from klien import services
from klien.forms import KlienForm
from klien.models import Klien, LembagaAsal
from tests.factories import UserFactory
from tests.klien.factories import KlienFactory, data_form_klien

MULAI = datetime.date(2025, 1, 10)


@pytest.fixture
def lembaga():
    return LembagaAsal.objects.create(nama="Lapas Kelas IIB Karangasem", jenis="LAPAS")


def _gagal(**kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        KlienFactory(**kwargs)


# --- the database's constraints (SQLite and PostgreSQL) ---


def test_lapor_berikutnya_tidak_sebelum_mulai(pk, desa):
    _gagal(
        pk_pembimbing=pk,
        desa=desa,
        tanggal_mulai=MULAI,
        tanggal_lapor_berikutnya=MULAI - datetime.timedelta(days=1),
    )
    k = KlienFactory(pk_pembimbing=pk, desa=desa, tanggal_mulai=MULAI)
    Klien.objects.filter(pk=k.pk).update(tanggal_lapor_berikutnya=MULAI)  # the same day: allowed
    with pytest.raises(IntegrityError), transaction.atomic():
        Klien.objects.filter(pk=k.pk).update(tanggal_lapor_berikutnya=datetime.date(2025, 1, 9))


def test_pk_litmas_kantor_ini_atau_bapas_lain_bukan_keduanya(pk, desa):
    _gagal(pk_pembimbing=pk, desa=desa, pk_litmas=pk, pk_litmas_lain="I Made PK, Bapas Denpasar")
    KlienFactory(pk_pembimbing=pk, desa=desa, pk_litmas=pk)
    KlienFactory(pk_pembimbing=pk, desa=desa, pk_litmas_lain="I Made PK, Bapas Denpasar")


def test_serah_terima_butuh_lembaga(pk, desa, lembaga):
    _gagal(pk_pembimbing=pk, desa=desa, tanggal_serah_terima=MULAI)
    KlienFactory(pk_pembimbing=pk, desa=desa, tanggal_serah_terima=MULAI, lembaga_asal=lembaga)


def test_lembaga_dipakai_klien_tidak_dapat_dihapus(klien, lembaga):
    Klien.objects.filter(pk=klien.pk).update(lembaga_asal=lembaga)
    with pytest.raises(IntegrityError), transaction.atomic():
        LembagaAsal.objects.filter(pk=lembaga.pk).delete()


def test_pelanggaran_dilaporkan_pada_fieldnya(pk, desa):
    k = KlienFactory.build(
        pk_pembimbing=pk,
        unit=pk.unit,
        desa=desa,
        tanggal_mulai=MULAI,
        tanggal_lapor_berikutnya=MULAI - datetime.timedelta(days=3),
        pk_litmas=pk,
        pk_litmas_lain="PK lain",
    )
    with pytest.raises(ValidationError) as galat:
        k.validate_constraints()
    pesan = galat.value.message_dict
    assert pesan["tanggal_lapor_berikutnya"] == [
        "Wajib lapor berikutnya tidak boleh sebelum mulai bimbingan."
    ]
    assert pesan["pk_litmas_lain"] == [
        "Pilih PK kantor ini atau tulis PK dari Bapas lain, tidak keduanya."
    ]


# --- the services ---


def test_kepatuhan_menolak_lapor_sebelum_mulai_tanpa_mengubah(klien):
    sebelum = klien.tanggal_mulai - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as galat:
        services.klien_setel_kepatuhan_lapor(klien=klien, mangkir_berturut=1, berikutnya=sebelum)
    assert "tanggal_lapor_berikutnya" in galat.value.message_dict
    klien.refresh_from_db()
    assert (klien.tanggal_lapor_berikutnya, klien.mangkir_berturut) == (None, 0)


def test_ubah_mulai_setelah_lapor_berikutnya_ditolak_pada_mulai(klien, pk):
    lapor = klien.tanggal_mulai + datetime.timedelta(days=5)
    services.klien_setel_kepatuhan_lapor(klien=klien, mangkir_berturut=0, berikutnya=lapor)
    with pytest.raises(ValidationError) as galat:
        services.klien_ubah(
            klien=klien, oleh=pk, data={"tanggal_mulai": lapor + datetime.timedelta(days=1)}
        )
    assert list(galat.value.message_dict) == ["tanggal_mulai"]
    klien.refresh_from_db()
    assert klien.tanggal_mulai == lapor - datetime.timedelta(days=5)


def test_pk_litmas_harus_pk_kantor_ini(pk, kasi, kasi_lain, desa):
    pk_denpasar = UserFactory(peran="PK", unit=kasi_lain.unit)
    for bukan in (pk_denpasar, kasi):
        with pytest.raises(ValidationError) as galat:
            services.klien_buat(
                unit=pk.unit,
                oleh=pk,
                data={**_data_model(desa), "pk_litmas": bukan},
            )
        assert list(galat.value.message_dict) == ["pk_litmas"]
    assert not Klien.objects.exists()
    k = services.klien_buat(unit=pk.unit, oleh=pk, data={**_data_model(desa), "pk_litmas": pk})
    assert k.pk_litmas == pk


def _data_model(desa) -> dict:
    return {
        "no_register": "ASUP-1",
        "nama": "I Ketut Asupan",
        "kategori": "DEWASA",
        "nik": "5107011505900001",
        "jenis_kelamin": "L",
        "tanggal_lahir": datetime.date(1990, 5, 15),
        "agama": "HINDU",
        "desa": desa,
        "perkara": "Pencurian",
        "program": "PIDANA_BERSYARAT",
        "tanggal_mulai": MULAI,
        "tanggal_ekspirasi": MULAI + datetime.timedelta(days=300),
    }


# --- the form ---

FIELD_SK = ("no_sk", "tanggal_sk", "penerbit_sk")
TANPA_SK = {"no_sk": "", "tanggal_sk": "", "penerbit_sk": ""}


@pytest.mark.parametrize("program", ["PB", "CB", "CMB", "ASIMILASI", "CMK"])
def test_sk_wajib_untuk_program_ber_sk(client, kasi, pk, desa, program):
    client.force_login(kasi)
    data = data_form_klien(desa, program=program, pk_pembimbing=pk.pk, **TANPA_SK)
    resp = client.post(reverse("klien:klien-create"), data)
    assert resp.status_code == 200
    form = resp.context["form"]
    assert set(FIELD_SK) <= set(form.errors)
    assert "program ini diberikan dengan SK" in form.errors["no_sk"][0]
    assert not Klien.objects.exists()


@pytest.mark.parametrize("program", ["DIVERSI", "PIDANA_BERSYARAT", "BIMBINGAN_PUTUSAN"])
def test_sk_tidak_wajib_untuk_putusan_dan_diversi(client, kasi, pk, desa, program):
    client.force_login(kasi)
    kategori = "ANAK" if program in ("DIVERSI", "BIMBINGAN_PUTUSAN") else "DEWASA"
    data = data_form_klien(
        desa, program=program, kategori=kategori, pk_pembimbing=pk.pk, **TANPA_SK
    )
    assert client.post(reverse("klien:klien-create"), data).status_code == 302
    assert Klien.objects.get().no_sk == ""


def test_berkas_penerimaan_lengkap_tersimpan_dan_tampil(client, kasi, pk, desa, lembaga):
    client.force_login(kasi)
    data = data_form_klien(
        desa,
        pk_pembimbing=pk.pk,
        no_litmas="LITMAS-77/2024",
        tanggal_litmas="2024-11-02",
        pk_litmas=pk.pk,
        lembaga_asal=lembaga.pk,
        tanggal_serah_terima="2025-01-01",
    )
    resp = client.post(reverse("klien:klien-create"), data)
    assert resp.status_code == 302, resp.context["form"].errors
    k = Klien.objects.get()
    assert (k.no_litmas, k.pk_litmas, k.lembaga_asal, k.no_sk) == (
        "LITMAS-77/2024",
        pk,
        lembaga,
        "PAS-1234.PK.05.09 Tahun 2024",
    )
    isi = client.get(k.get_absolute_url()).content.decode()
    for teks in ("LITMAS-77/2024", "Lapas Kelas IIB Karangasem", "PAS-1234.PK.05.09 Tahun 2024"):
        assert teks in isi


def test_pk_litmas_dan_bapas_lain_sekaligus_ditolak_pada_field(client, kasi, pk, desa):
    client.force_login(kasi)
    data = data_form_klien(desa, pk_pembimbing=pk.pk, pk_litmas=pk.pk, pk_litmas_lain="X")
    resp = client.post(reverse("klien:klien-create"), data)
    assert "tidak keduanya" in resp.context["form"].errors["pk_litmas_lain"][0]


def test_serah_terima_tanpa_lembaga_ditolak_pada_lembaga(client, kasi, pk, desa):
    client.force_login(kasi)
    data = data_form_klien(desa, pk_pembimbing=pk.pk, tanggal_serah_terima="2025-01-01")
    resp = client.post(reverse("klien:klien-create"), data)
    assert resp.context["form"].errors["lembaga_asal"] == [
        "Sebutkan Lapas/Rutan/LPKA yang menyerahkan klien."
    ]


def test_tanggal_berkas_tidak_di_masa_depan(client, kasi, pk, desa):
    client.force_login(kasi)
    besok = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    data = data_form_klien(desa, pk_pembimbing=pk.pk, tanggal_litmas=besok, tanggal_sk=besok)
    errors = client.post(reverse("klien:klien-create"), data).context["form"].errors
    assert {"tanggal_litmas", "tanggal_sk"} <= set(errors)


def test_ubah_klien_lama_tanpa_sk_tidak_dipaksa_mengisinya(client, pk, klien, desa):
    """A PB client registered before the SK was asked for: an edit of something else
    does not require it; changing the programme to another one granted by SK does."""
    assert (klien.program, klien.no_sk) == ("PB", "")
    client.force_login(pk)
    url = reverse("klien:klien-update", kwargs={"pk": klien.pk})
    data = data_form_klien(
        desa,
        no_register=klien.no_register,
        nik=klien.nik,
        program="PB",
        tanggal_mulai=klien.tanggal_mulai.isoformat(),
        tanggal_ekspirasi=klien.tanggal_ekspirasi.isoformat(),
        pekerjaan="Nelayan",
        **TANPA_SK,
    )
    assert client.post(url, data).status_code == 302
    assert Klien.objects.get(pk=klien.pk).pekerjaan == "Nelayan"
    resp = client.post(url, {**data, "program": "CB"})
    assert set(FIELD_SK) <= set(resp.context["form"].errors)


def test_form_menolak_mulai_setelah_lapor_berikutnya(pk, klien, desa):
    lapor = klien.tanggal_mulai + datetime.timedelta(days=3)
    services.klien_setel_kepatuhan_lapor(klien=klien, mangkir_berturut=0, berikutnya=lapor)
    klien.refresh_from_db()
    data = data_form_klien(
        desa,
        no_register=klien.no_register,
        nik=klien.nik,
        tanggal_mulai=(lapor + datetime.timedelta(days=1)).isoformat(),
        tanggal_ekspirasi=klien.tanggal_ekspirasi.isoformat(),
    )
    form = KlienForm(data, instance=klien, unit=klien.unit, user=pk)
    assert not form.is_valid()
    assert "wajib lapor berikutnya" in form.errors["tanggal_mulai"][0]


def test_pilihan_lembaga_hanya_aktif_kecuali_yang_tersimpan(pk, klien, lembaga):
    tutup = LembagaAsal.objects.create(nama="Rutan Lama", jenis="RUTAN", aktif=False)
    baru = KlienForm(unit=klien.unit, user=pk)
    assert list(baru.fields["lembaga_asal"].queryset) == [lembaga]
    Klien.objects.filter(pk=klien.pk).update(lembaga_asal=tutup)
    klien.refresh_from_db()
    ubah = KlienForm(instance=klien, unit=klien.unit, user=pk)
    assert set(ubah.fields["lembaga_asal"].queryset) == {lembaga, tutup}


def test_pilihan_pk_litmas_hanya_pk_aktif_kantor_ini(pk, pk_lain, kasi, kasi_lain, unit):
    UserFactory(peran="PK", unit=kasi_lain.unit)
    UserFactory(peran="PK", unit=unit, is_active=False)
    form = KlienForm(unit=unit, user=kasi)
    assert set(form.fields["pk_litmas"].queryset) == {pk, pk_lain}
