"""The registry's writes take plain values: they build and check the rows themselves, so a
constraint refusal is a ValidationError on its field, never a 500."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pokmas import services
from pokmas.forms import PerjanjianForm
from pokmas.models import LayananMitra, Mitra, PerjanjianKerjaSama, RiwayatStatusMitra
from pokmas.pilihan import StatusMitra
from tests.pokmas.conftest import PDF
from tests.pokmas.factories import MitraFactory, PerjanjianFactory, data_form_mitra


def data_mitra(desa=None, **lain) -> dict:
    data = {
        "nama": "Yayasan Tunas Harapan",
        "jenis": "yayasan",
        "kelompok": "kemandirian_kepribadian",
        "program_kepribadian": False,
        "program_kemandirian": True,
        "uraian_layanan": "Kursus menjahit.",
        "narahubung": "Ni Made Sari",
        "telepon": "0812-3456-7890",
        "email": "",
        "alamat": "Jl. Untung Surapati 5",
        "desa": desa,
        "kriteria_peduli": True,
        "kriteria_komitmen": True,
        "kriteria_bersedia": True,
        "kriteria_sumber_daya": True,
        "catatan_kriteria": "",
    }
    return data | lain


def data_pks(**lain) -> dict:
    return {
        "nomor": "W20/PKS/01/2026",
        "tanggal_tanda_tangan": datetime.date(2026, 1, 5),
        "tanggal_mulai": datetime.date(2026, 1, 10),
        "tanggal_selesai": datetime.date(2028, 1, 9),
        "dokumen": SimpleUploadedFile("pks.pdf", PDF, "application/pdf"),
    } | lain


def _jumlah():
    return [m.objects.count() for m in (Mitra, LayananMitra, RiwayatStatusMitra)] + [
        PerjanjianKerjaSama.objects.count()
    ]


def test_daftar_dari_nilai_biasa(admin_unit, desa):
    mitra = services.mitra_daftar(
        oleh=admin_unit, data=data_mitra(desa), bidang=["pendidikan"], pks=data_pks()
    )
    mitra.refresh_from_db()
    assert (mitra.unit, mitra.status, mitra.dibuat_oleh, mitra.desa) == (
        admin_unit.unit,
        StatusMitra.KANDIDAT,
        admin_unit,
        desa,
    )
    assert list(mitra.layanan.values_list("bidang", flat=True)) == ["pendidikan"]
    assert mitra.riwayat_status.get().status_baru == StatusMitra.KANDIDAT
    pks = mitra.perjanjian.get()
    assert (pks.unit, pks.dibuat_oleh, pks.nomor) == (
        admin_unit.unit,
        admin_unit,
        "W20/PKS/01/2026",
    )
    assert pks.dokumen.read() == PDF


def test_daftar_tanpa_dokumen_pks(admin_unit, desa):
    mitra = services.mitra_daftar(
        oleh=admin_unit, data=data_mitra(desa), bidang=["pendidikan"], pks=data_pks(dokumen=None)
    )
    assert not mitra.perjanjian.get().dokumen


@pytest.mark.parametrize("field", ["unit", "status", "dibuat_oleh", "id", "bidang"])
def test_daftar_dan_ubah_menolak_field_yang_diisi_server(admin_unit, unit_lain, desa, field):
    nilai = {"unit": unit_lain, "status": StatusMitra.AKTIF, "dibuat_oleh": admin_unit}
    data = data_mitra(desa, **{field: nilai.get(field, 1)})
    with pytest.raises(ValueError, match=field):
        services.mitra_daftar(oleh=admin_unit, data=data, bidang=["pendidikan"])
    assert not Mitra.objects.exists()
    mitra = MitraFactory(unit=admin_unit.unit)
    with pytest.raises(ValueError, match=field):
        services.mitra_ubah(mitra=mitra, data={field: nilai.get(field, 1)}, bidang=["pendidikan"])


def test_nama_ganda_sekantor_jadi_galat_field_bukan_integrity_error(admin_unit, unit_lain, desa):
    MitraFactory(unit=unit_lain, nama="Yayasan Tunas Harapan")  # another office: allowed
    services.mitra_daftar(oleh=admin_unit, data=data_mitra(desa), bidang=["pendidikan"])
    sebelum = _jumlah()
    with pytest.raises(ValidationError) as info:
        services.mitra_daftar(
            oleh=admin_unit,
            data=data_mitra(desa, nama="YAYASAN TUNAS HARAPAN"),
            bidang=["pendidikan"],
            pks=data_pks(),
        )
    assert "sudah terdaftar" in str(info.value.message_dict["nama"])
    assert _jumlah() == sebelum


def test_pks_tidak_sah_membatalkan_seluruh_pendaftaran(admin_unit, desa):
    with pytest.raises(ValidationError) as info:
        services.mitra_daftar(
            oleh=admin_unit,
            data=data_mitra(desa),
            bidang=["pendidikan"],
            pks=data_pks(tanggal_selesai=datetime.date(2025, 12, 31)),
        )
    assert "sebelum tanggal mulai" in str(info.value.message_dict["tanggal_selesai"])
    assert _jumlah() == [0, 0, 0, 0]


@pytest.mark.parametrize(
    ("bidang", "pesan"), [([], "sedikitnya satu"), (["pendidikan", "partai"], "partai")]
)
def test_bidang_layanan_diperiksa(admin_unit, desa, bidang, pesan):
    with pytest.raises(ValidationError) as info:
        services.mitra_daftar(oleh=admin_unit, data=data_mitra(desa), bidang=bidang)
    assert pesan in str(info.value.message_dict["bidang"])
    assert not Mitra.objects.exists()


def test_pks_tambah_memeriksa_nomor_per_kantor(admin_unit, unit, unit_lain):
    mitra = MitraFactory(unit=unit)
    lain = PerjanjianFactory(mitra=MitraFactory(unit=unit_lain))
    pks = services.pks_tambah(mitra=mitra, oleh=admin_unit, data=data_pks(nomor=lain.nomor))
    assert (pks.unit, pks.mitra, pks.dibuat_oleh) == (unit, mitra, admin_unit)
    with pytest.raises(ValidationError) as info:
        services.pks_tambah(
            mitra=mitra, oleh=admin_unit, data=data_pks(nomor=lain.nomor.lower(), dokumen=None)
        )
    assert "sudah tercatat" in str(info.value.message_dict["nomor"])
    assert PerjanjianKerjaSama.objects.filter(mitra=mitra).count() == 1


def test_ubah_memeriksa_kendala_status_pada_baris_terkini(kasi, unit):
    """The edit form was opened while the partner was a candidate; the Kasi activated it
    meanwhile. Dropping a criterion is refused as a message on the form (the service checks
    the locked, current row), not by the database as a 500."""
    mitra = MitraFactory(unit=unit)
    PerjanjianFactory(mitra=mitra)
    basi = Mitra.objects.get(pk=mitra.pk)
    services.mitra_ubah_status(mitra=mitra, status_baru="aktif", oleh=kasi, alasan="PKS ada.")
    with pytest.raises(ValidationError) as info:
        services.mitra_ubah(
            mitra=basi, data={"kriteria_komitmen": False}, bidang=["penyuluhan_hukum"]
        )
    assert "harus tetap memenuhi semua kriteria" in str(info.value.message_dict[NON_FIELD_ERRORS])
    mitra.refresh_from_db()
    assert (mitra.status, mitra.kriteria_komitmen) == (StatusMitra.AKTIF, True)


def test_ubah_hanya_menulis_field_yang_diubah(unit):
    mitra = MitraFactory(unit=unit, telepon="0812 1111 1111")
    basi = Mitra.objects.get(pk=mitra.pk)
    Mitra.objects.filter(pk=mitra.pk).update(telepon="0812 2222 2222")  # someone else's edit
    hasil = services.mitra_ubah(
        mitra=basi, data={"narahubung": "Ni Made Baru"}, bidang=["pendidikan"]
    )
    mitra.refresh_from_db()
    assert (mitra.narahubung, mitra.telepon) == ("Ni Made Baru", "0812 2222 2222")
    assert hasil.telepon == "0812 2222 2222"
    assert list(mitra.layanan.values_list("bidang", flat=True)) == ["pendidikan"]


def test_ubah_nama_ganda_jadi_galat_field(unit):
    MitraFactory(unit=unit, nama="Yayasan Dua Hati")
    mitra = MitraFactory(unit=unit, nama="Yayasan Lain")
    with pytest.raises(ValidationError) as info:
        services.mitra_ubah(mitra=mitra, data={"nama": "yayasan dua hati"}, bidang=["pendidikan"])
    assert "sudah terdaftar" in str(info.value.message_dict["nama"])
    mitra.refresh_from_db()
    assert mitra.nama == "Yayasan Lain"


def test_penolakan_pks_dari_layanan_tampil_pada_form_pks(
    client, admin_unit, unit, desa, monkeypatch
):
    """Two admins record the same PKS number at once: the form saw none, the service
    refuses it; the message stands on the PKS's field, and nothing is saved."""
    lain = MitraFactory(unit=unit)
    asli = PerjanjianForm.data_pks

    def lalu_admin_lain_menyimpan(form):
        PerjanjianFactory(mitra=lain, nomor="W20/PKS/01/2026")
        return asli(form)

    monkeypatch.setattr(PerjanjianForm, "data_pks", lalu_admin_lain_menyimpan)
    client.force_login(admin_unit)
    data = data_form_mitra(desa) | {
        "pks-nomor": "w20/pks/01/2026",
        "pks-tanggal_tanda_tangan": "2026-01-05",
        "pks-tanggal_mulai": "2026-01-10",
        "pks-tanggal_selesai": "2028-01-09",
    }
    resp = client.post(reverse("pokmas:mitra-create"), data)
    assert resp.status_code == 200
    assert "sudah tercatat" in str(resp.context["pks_form"].errors["nomor"])
    assert not resp.context["form"].errors
    assert list(Mitra.objects.values_list("pk", flat=True)) == [lain.pk]
    assert PerjanjianKerjaSama.objects.get().mitra == lain
