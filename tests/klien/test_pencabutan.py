"""Revocation as a proposal: every step by the right role, every refused step (a PK deciding,
a step skipped, a document missing), the documents recorded, the audit trail, and the other
endings that are each their own (expiry, a diversion not carried out, a decision ending
supervision)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from klien import pencabutan, services
from klien.models import Klien, RiwayatStatus, UsulanPencabutan
from klien.pilihan import AlasanPencabutan, ProgramIntegrasi, StatusKlien, TahapUsulan
from tests.klien.factories import KlienFactory

HARI = datetime.timedelta(days=1)
T = TahapUsulan


def hari_ini():
    return timezone.localdate()


def _usulan(klien, oleh, **lain):
    data = {
        "klien": klien,
        "oleh": oleh,
        "alasan": AlasanPencabutan.TINDAK_PIDANA,
        "tanggal_kejadian": hari_ini() - 5 * HARI,
        "uraian": "Klien ditangkap Polres Karangasem.",
        "bukti": "Surat Polres Karangasem B/123/XI/2026.",
        "tanggal_usulan": hari_ini() - 4 * HARI,
    } | lain
    return pencabutan.usulan_ajukan(**data)


def _tpp(usulan, oleh, merekomendasikan=True, **lain):
    data = {
        "usulan": usulan,
        "oleh": oleh,
        "nomor": "TPP-7/2026",
        "tanggal": hari_ini() - 3 * HARI,
        "merekomendasikan": merekomendasikan,
        "catatan": "" if merekomendasikan else "Klien kooperatif.",
    } | lain
    return pencabutan.usulan_catat_tpp(**data)


def _putuskan(usulan, oleh, **lain):
    data = {
        "usulan": usulan,
        "oleh": oleh,
        "setuju": True,
        "nomor": "KEP-12/2026",
        "tanggal": hari_ini() - 2 * HARI,
        "laporan_nomor": "LAP-12/2026",
        "laporan_tanggal": hari_ini() - 2 * HARI,
    } | lain
    return pencabutan.usulan_putuskan(**data)


def _sk(usulan, oleh, **lain):
    data = {
        "usulan": usulan,
        "oleh": oleh,
        "nomor": "SK-PAS-99/2026",
        "tanggal": hari_ini() - HARI,
        "penerbit": "Direktur Jenderal Pemasyarakatan",
    } | lain
    return pencabutan.usulan_catat_sk(**data)


# --- the whole way, through the pages ---------------------------------------------------


def test_alur_lengkap_lewat_halaman(client, pk, kasi, kabapas, klien):
    from jejak.models import JejakAudit

    client.force_login(pk)
    resp = client.post(
        reverse("klien:usulan-create", args=[klien.pk]),
        {
            "alasan": AlasanPencabutan.TINDAK_PIDANA,
            "tanggal_kejadian": (hari_ini() - 2 * HARI).isoformat(),
            "uraian": "Ditetapkan tersangka penganiayaan.",
            "bukti": "Surat Polres B/77/XII/2026",
        },
    )
    assert resp.status_code == 302, resp.context["form"].errors
    usulan = UsulanPencabutan.objects.get(klien=klien)
    assert resp.url == usulan.get_absolute_url()
    assert (usulan.tahap, usulan.diusulkan_oleh, usulan.tanggal_usulan) == (
        T.DIUSULKAN,
        pk,
        hari_ini(),
    )

    client.force_login(kasi)
    resp = client.post(
        reverse("klien:usulan-tpp", args=[usulan.pk]),
        {
            "tpp_nomor": "W20.PAS.33-PK.01.05-12",
            "tpp_tanggal": hari_ini().isoformat(),
            "tpp_merekomendasikan": "1",
            "tpp_catatan": "",
        },
    )
    assert resp.status_code == 302
    client.force_login(kabapas)
    resp = client.post(
        reverse("klien:usulan-putuskan", args=[usulan.pk]),
        {
            "setuju": "1",
            "keputusan_nomor": "KEP-1",
            "keputusan_tanggal": hari_ini().isoformat(),
            "laporan_kanwil_nomor": "LAP-1",
            "laporan_kanwil_tanggal": hari_ini().isoformat(),
        },
    )
    assert resp.status_code == 302
    klien.refresh_from_db()
    assert klien.status == StatusKlien.AKTIF  # revoked for now, not yet by the SK

    client.force_login(kasi)
    resp = client.post(
        reverse("klien:usulan-sk", args=[usulan.pk]),
        {"sk_nomor": "PAS-SK-5", "sk_tanggal": hari_ini().isoformat(), "sk_penerbit": "Dirjenpas"},
    )
    assert resp.status_code == 302
    usulan.refresh_from_db()
    klien.refresh_from_db()
    assert usulan.tahap == T.DICABUT
    assert (usulan.tpp_oleh, usulan.keputusan_oleh, usulan.sk_oleh) == (kasi, kabapas, kasi)
    assert (usulan.tpp_nomor, usulan.keputusan_nomor, usulan.laporan_kanwil_nomor) == (
        "W20.PAS.33-PK.01.05-12",
        "KEP-1",
        "LAP-1",
    )
    assert (klien.status, klien.tanggal_berakhir) == (StatusKlien.DICABUT, hari_ini())
    riwayat = RiwayatStatus.objects.get(klien=klien, status_baru=StatusKlien.DICABUT)
    assert (riwayat.dokumen_nomor, riwayat.dokumen_tanggal, riwayat.dokumen_pihak) == (
        "PAS-SK-5",
        hari_ini(),
        "Dirjenpas",
    )
    assert riwayat.oleh == kasi

    # the trail: the proposal's creation and its three steps, each by who took it
    jenis = ContentType.objects.get_for_model(UsulanPencabutan)
    entri = JejakAudit.objects.filter(content_type=jenis, object_pk=str(usulan.pk)).order_by("pk")
    assert [e.actor for e in entri] == [pk, kasi, kabapas, kasi]
    assert all(e.klien_id == klien.pk for e in entri)
    assert entri.last().changes["tahap"] == [T.SEMENTARA, T.DICABUT]


def test_halaman_usulan_menawarkan_langkah_sesuai_peran(client, pk, kasi, kabapas, klien):
    usulan = _usulan(klien, pk)
    tpp = reverse("klien:usulan-tpp", args=[usulan.pk])
    for user, terlihat in ((pk, False), (kasi, True), (kabapas, True)):
        client.force_login(user)
        isi = client.get(usulan.get_absolute_url()).content.decode()
        assert (tpp in isi) is terlihat, user


# --- refused steps ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("langkah", "peran_ditolak"),
    [
        ("usulan-tpp", ("pk",)),
        ("usulan-putuskan", ("pk", "kasi")),
        ("usulan-sk", ("pk",)),
        ("usulan-pulihkan", ("pk", "kasi")),
    ],
)
def test_pk_tidak_memutuskan_halaman_403(client, pk, kasi, klien, langkah, peran_ditolak):
    usulan = _usulan(klien, pk)
    for user in {"pk": pk, "kasi": kasi}.values():
        if user.username.split("-")[0] not in peran_ditolak:
            continue
        client.force_login(user)
        for metode in (client.get, client.post):
            assert metode(reverse(f"klien:{langkah}", args=[usulan.pk])).status_code == 403
    usulan.refresh_from_db()
    assert usulan.tahap == T.DIUSULKAN


def test_layanan_menolak_peran_yang_salah(pk, kasi, kabapas, klien):
    usulan = _usulan(klien, pk)
    with pytest.raises(ValidationError, match="tidak dapat melakukan langkah ini"):
        _tpp(usulan, pk)
    _tpp(usulan, kasi)
    with pytest.raises(ValidationError, match="tidak dapat melakukan langkah ini"):
        _putuskan(usulan, kasi)
    with pytest.raises(ValidationError, match="tidak dapat melakukan langkah ini"):
        _putuskan(usulan, pk)
    usulan.refresh_from_db()
    assert usulan.tahap == T.DIREKOMENDASIKAN


def test_langkah_dilewati_ditolak(client, pk, kasi, kabapas, klien):
    usulan = _usulan(klien, pk)
    # the Kepala Bapas cannot decide before the TPP has sat, nor the SK come before it
    with pytest.raises(ValidationError, match="tahap"):
        _putuskan(usulan, kabapas)
    with pytest.raises(ValidationError, match="tahap"):
        _sk(usulan, kabapas)
    client.force_login(kabapas)
    resp = client.post(
        reverse("klien:usulan-sk", args=[usulan.pk]),
        {"sk_nomor": "X", "sk_tanggal": hari_ini().isoformat(), "sk_penerbit": "Y"},
    )
    assert resp.status_code == 302 and resp.url == usulan.get_absolute_url()
    pesan = [str(m) for m in resp.wsgi_request._messages]
    assert any("tidak tersedia" in m for m in pesan)
    usulan.refresh_from_db()
    klien.refresh_from_db()
    assert (usulan.tahap, usulan.sk_nomor, klien.status) == (T.DIUSULKAN, "", StatusKlien.AKTIF)
    # a step taken twice is refused too
    _tpp(usulan, kasi)
    with pytest.raises(ValidationError, match="tahap"):
        _tpp(usulan, kasi)


def test_status_dicabut_tidak_lewat_ubah_status(client, pk, kasi, klien):
    with pytest.raises(ValidationError, match="usulan pencabutan"):
        services.klien_ubah_status(
            klien=klien, oleh=kasi, status_baru="DICABUT", tanggal=hari_ini(), alasan="x"
        )
    client.force_login(kasi)
    isi = client.get(reverse("klien:klien-status", args=[klien.pk])).content.decode()
    assert 'value="DICABUT"' not in isi and 'value="SELESAI"' in isi
    klien.refresh_from_db()
    assert klien.status == StatusKlien.AKTIF


def test_dokumen_wajib_dan_urutan_tanggal(pk, kasi, kabapas, klien):
    usulan = _usulan(klien, pk)
    with pytest.raises(ValidationError) as e:
        _tpp(usulan, kasi, nomor=" ")
    assert "tpp_nomor" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        _tpp(usulan, kasi, tanggal=usulan.tanggal_usulan - HARI)
    assert e.value.message_dict["tpp_tanggal"] == ["Sidang TPP tidak boleh sebelum tanggal usulan."]
    with pytest.raises(ValidationError) as e:
        _tpp(usulan, kasi, tanggal=hari_ini() + HARI)
    assert "tpp_tanggal" in e.value.message_dict
    _tpp(usulan, kasi)
    with pytest.raises(ValidationError) as e:
        _putuskan(usulan, kabapas, laporan_nomor="")
    assert "laporan_kanwil_nomor" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        _putuskan(
            usulan, kabapas, tanggal=hari_ini() - 2 * HARI, laporan_tanggal=hari_ini() - 3 * HARI
        )
    assert "laporan_kanwil_tanggal" in e.value.message_dict
    _putuskan(usulan, kabapas)
    with pytest.raises(ValidationError) as e:
        _sk(usulan, kasi, tanggal=hari_ini() - 3 * HARI)
    assert "sk_tanggal" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        _sk(usulan, kasi, penerbit="")
    assert "sk_penerbit" in e.value.message_dict
    usulan.refresh_from_db()
    assert (usulan.tahap, usulan.sk_nomor) == (T.SEMENTARA, "")


def test_satu_usulan_terbuka_per_klien(pk, kasi, klien):
    _usulan(klien, pk)
    with pytest.raises(ValidationError, match="sudah memiliki usulan"):
        _usulan(klien, kasi)
    assert UsulanPencabutan.objects.filter(klien=klien).count() == 1


def test_basis_data_menolak_dua_usulan_terbuka(pk, klien):
    _usulan(klien, pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        UsulanPencabutan.objects.create(
            klien=klien,
            alasan=AlasanPencabutan.MERESAHKAN,
            tanggal_kejadian=hari_ini(),
            uraian="x",
            bukti="y",
            tanggal_usulan=hari_ini(),
            diusulkan_oleh=pk,
        )


def test_basis_data_menolak_tahap_tanpa_dokumen(pk, klien):
    usulan = _usulan(klien, pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        UsulanPencabutan.objects.filter(pk=usulan.pk).update(tahap=T.SEMENTARA)


@pytest.mark.parametrize(
    "program",
    [ProgramIntegrasi.DIVERSI, ProgramIntegrasi.PIDANA_BERSYARAT, ProgramIntegrasi.CMK],
)
def test_pencabutan_hanya_untuk_program_integrasi(client, pk, desa, program):
    klien = KlienFactory(pk_pembimbing=pk, desa=desa, program=program)
    with pytest.raises(ValidationError, match="hanya berlaku untuk PB, CB, CMB dan asimilasi"):
        _usulan(klien, pk)
    client.force_login(pk)
    resp = client.get(reverse("klien:usulan-create", args=[klien.pk]))
    assert resp.status_code == 302 and resp.url == klien.get_absolute_url()
    assert not UsulanPencabutan.objects.exists()


def test_pk_hanya_mengusulkan_untuk_kliennya(client, pk, pk_lain, klien):
    with pytest.raises(ValidationError, match="klien bimbingannya sendiri"):
        _usulan(klien, pk_lain)
    client.force_login(pk_lain)
    assert client.get(reverse("klien:usulan-create", args=[klien.pk])).status_code == 404


def test_usulan_kantor_lain_404(client, pk, klien, unit_lain):
    from akun.models import Peran
    from tests.factories import UserFactory

    usulan = _usulan(klien, pk)
    kasi_lain = UserFactory(username="kasi-lain-uji", peran=Peran.KASI, unit=unit_lain)
    client.force_login(kasi_lain)
    for nama in ("usulan-detail", "usulan-tpp", "usulan-tarik"):
        assert client.get(reverse(f"klien:{nama}", args=[usulan.pk])).status_code == 404


# --- the other ways a proposal ends -------------------------------------------------------


def test_tpp_tidak_merekomendasikan_menutup(pk, kasi, klien):
    usulan = _usulan(klien, pk)
    with pytest.raises(ValidationError) as e:
        _tpp(usulan, kasi, merekomendasikan=False, catatan="")
    assert "tpp_catatan" in e.value.message_dict
    usulan = _tpp(usulan, kasi, merekomendasikan=False)
    assert (usulan.tahap, usulan.ditutup_oleh) == (T.DITOLAK, kasi)
    # a closed proposal leaves room for a new one
    assert _usulan(klien, pk).tahap == T.DIUSULKAN


def test_kabapas_tidak_setuju_dengan_alasan(pk, kasi, kabapas, klien):
    usulan = _tpp(_usulan(klien, pk), kasi)
    with pytest.raises(ValidationError) as e:
        _putuskan(usulan, kabapas, setuju=False, catatan=" ")
    assert "keputusan_catatan" in e.value.message_dict
    usulan = _putuskan(usulan, kabapas, setuju=False, catatan="Klien sudah melapor kembali.")
    assert (usulan.tahap, usulan.ditutup_alasan) == (T.DITOLAK, "Klien sudah melapor kembali.")
    klien.refresh_from_db()
    assert klien.status == StatusKlien.AKTIF


def test_pulihkan_setelah_pencabutan_sementara(pk, kasi, kabapas, klien):
    usulan = _putuskan(_tpp(_usulan(klien, pk), kasi), kabapas)
    with pytest.raises(ValidationError, match="tidak dapat melakukan"):
        pencabutan.usulan_pulihkan(
            usulan=usulan, oleh=kasi, nomor="S-1", tanggal=hari_ini(), penerbit="Kanwil"
        )
    usulan = pencabutan.usulan_pulihkan(
        usulan=usulan, oleh=kabapas, nomor="S-1", tanggal=hari_ini(), penerbit="Kanwil Bali"
    )
    klien.refresh_from_db()
    assert (usulan.tahap, klien.status) == (T.DIPULIHKAN, StatusKlien.AKTIF)


def test_tarik_oleh_pengusul_atau_kasi_saja(client, pk, pk_lain, kasi, kabapas, klien):
    usulan = _usulan(klien, kasi)  # proposed by the Kasi (a police report)
    with pytest.raises(ValidationError, match="pengusul atau Kasi"):
        pencabutan.usulan_tarik(usulan=usulan, oleh=pk, alasan="x")
    with pytest.raises(ValidationError, match="pengusul atau Kasi"):
        pencabutan.usulan_tarik(usulan=usulan, oleh=kabapas, alasan="x")
    client.force_login(kasi)
    resp = client.post(
        reverse("klien:usulan-tarik", args=[usulan.pk]), {"ditutup_alasan": "Salah klien."}
    )
    assert resp.status_code == 302
    usulan.refresh_from_db()
    assert (usulan.tahap, usulan.ditutup_oleh) == (T.DIBATALKAN, kasi)


def test_tarik_ditolak_setelah_keputusan(pk, kasi, kabapas, klien):
    usulan = _putuskan(_tpp(_usulan(klien, pk), kasi), kabapas)
    with pytest.raises(ValidationError, match="tahap"):
        pencabutan.usulan_tarik(usulan=usulan, oleh=pk, alasan="Klien kembali.")


def test_daftar_kasi_menunjukkan_usulan_terbuka(client, pk, pk_lain, kasi, desa, klien):
    lain = KlienFactory(pk_pembimbing=pk_lain, desa=desa)
    u1, u2 = _usulan(klien, pk), _usulan(lain, pk_lain)
    client.force_login(kasi)
    isi = client.get(reverse("klien:usulan-list")).content.decode()
    assert u1.get_absolute_url() in isi and u2.get_absolute_url() in isi
    client.force_login(pk)
    isi = client.get(reverse("klien:usulan-list")).content.decode()
    assert u1.get_absolute_url() in isi and u2.get_absolute_url() not in isi


# --- a ground from the records --------------------------------------------------------------


def test_dasar_dari_catatan_mengisi_form(client, pk, klien):
    dasar = pencabutan.DasarUsulan(
        AlasanPencabutan.TIDAK_LAPOR,
        (hari_ini() - 20 * HARI, hari_ini() - 13 * HARI, hari_ini() - 6 * HARI),
    )
    pencabutan.daftar_sumber_dasar("uji", lambda k: dasar if k.pk == klien.pk else None)
    try:
        client.force_login(pk)
        isi = client.get(klien.get_absolute_url()).content.decode()
        assert reverse("klien:usulan-create", args=[klien.pk]) in isi
        form = client.get(reverse("klien:usulan-create", args=[klien.pk])).context["form"]
        assert form.initial["alasan"] == AlasanPencabutan.TIDAK_LAPOR
        assert form.initial["tanggal_kejadian"] == hari_ini() - 6 * HARI
        assert form.initial["bukti"].startswith("Tidak lapor 3 kali berturut-turut:")
    finally:
        pencabutan._SUMBER.pop("uji")


def test_dasar_mangkir_dari_kehadiran_demo(demo, client):
    """In the demo, a client who drifted away (three misses or more) has the ground and the
    dates of the misses filled in, the same dates pembimbingan counts."""
    from pembimbingan.kepatuhan import tanggal_mangkir

    klien = (
        Klien.objects.filter(mangkir_berturut__gte=3, status=StatusKlien.AKTIF)
        .filter(program__in=("PB", "CB", "CMB", "ASIMILASI"))
        .exclude(usulan_pencabutan__tahap="SEMENTARA")
        .order_by("pk")
        .first()
    )
    assert klien is not None
    dasar = pencabutan.dasar_dari_catatan(klien)
    assert dasar.alasan == AlasanPencabutan.TIDAK_LAPOR
    assert list(dasar.tanggal) == tanggal_mangkir([klien.pk])[klien.pk]
    # (the demo may have proposed it already: withdrawn, the form opens again)
    for usulan in klien.usulan_pencabutan.filter(tahap__in=(T.DIUSULKAN, T.DIREKOMENDASIKAN)):
        pencabutan.usulan_tarik(usulan=usulan, oleh=demo.pengguna["kasi"], alasan="Uji.")
    client.force_login(klien.pk_pembimbing)
    form = client.get(reverse("klien:usulan-create", args=[klien.pk])).context["form"]
    assert form.initial["tanggal_kejadian"] == dasar.tanggal[-1]


# --- the other endings ------------------------------------------------------------------------


def test_ekspirasi_dikonfirmasi_pk(client, pk, desa):
    klien = KlienFactory(
        pk_pembimbing=pk,
        desa=desa,
        tanggal_mulai=hari_ini() - 200 * HARI,
        tanggal_ekspirasi=hari_ini() - 2 * HARI,
    )
    belum = KlienFactory(pk_pembimbing=pk, desa=desa)
    client.force_login(pk)
    isi = client.get(reverse("klien:caseload")).content.decode()
    alamat = reverse("klien:klien-akhiri-ekspirasi", args=[klien.pk])
    assert alamat in isi
    assert reverse("klien:klien-akhiri-ekspirasi", args=[belum.pk]) not in isi
    assert client.post(alamat).status_code == 302
    klien.refresh_from_db()
    assert (klien.status, klien.tanggal_berakhir) == (StatusKlien.SELESAI, klien.tanggal_ekspirasi)
    # not before the day
    resp = client.post(reverse("klien:klien-akhiri-ekspirasi", args=[belum.pk]))
    assert resp.status_code == 302
    belum.refresh_from_db()
    assert belum.status == StatusKlien.AKTIF
    assert any("belum tiba" in str(m) for m in resp.wsgi_request._messages)


def test_ekspirasi_bentrok_tanpa_teks_basis_data(client, pk, desa, monkeypatch):
    """A constraint race while ending at expiry is told in the users' words, never in the
    database's."""
    from inti.kendala import PESAN_BENTROK

    klien = KlienFactory(
        pk_pembimbing=pk,
        desa=desa,
        tanggal_mulai=hari_ini() - 200 * HARI,
        tanggal_ekspirasi=hari_ini() - 2 * HARI,
    )

    def bentrok(**kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "x"')

    monkeypatch.setattr(services, "klien_akhiri_ekspirasi", bentrok)
    client.force_login(pk)
    resp = client.post(reverse("klien:klien-akhiri-ekspirasi", args=[klien.pk]))
    assert resp.status_code == 302
    pesan = [str(m) for m in resp.wsgi_request._messages]
    assert pesan == [str(PESAN_BENTROK)]


def test_diversi_gagal_dilaporkan(kasi, pk, desa):
    klien = KlienFactory(
        pk_pembimbing=pk, desa=desa, program=ProgramIntegrasi.DIVERSI, kategori="ANAK"
    )
    with pytest.raises(ValidationError) as e:
        services.klien_ubah_status(
            klien=klien, oleh=pk, status_baru="KEMBALI", tanggal=hari_ini(), alasan="x"
        )
    assert set(e.value.message_dict) == {"dokumen_nomor", "dokumen_tanggal", "dokumen_pihak"}
    services.klien_ubah_status(
        klien=klien,
        oleh=pk,
        status_baru="KEMBALI",
        tanggal=hari_ini(),
        alasan="Kesepakatan ganti rugi tidak dibayar sampai batas waktu.",
        dokumen={"nomor": "LAP-PK-3", "tanggal": hari_ini(), "pihak": "Penyidik Polres Karangasem"},
    )
    klien.refresh_from_db()
    assert klien.status == StatusKlien.KEMBALI


@pytest.mark.parametrize(
    ("program", "status", "boleh"),
    [
        (ProgramIntegrasi.PB, "KEMBALI", False),
        (ProgramIntegrasi.PB, "DIAKHIRI", False),
        (ProgramIntegrasi.PIDANA_BERSYARAT, "DIAKHIRI", True),
        (ProgramIntegrasi.DIVERSI, "DIAKHIRI", False),
    ],
)
def test_akhir_sesuai_program(kasi, pk, desa, program, status, boleh):
    klien = KlienFactory(pk_pembimbing=pk, desa=desa, program=program)
    dokumen = {"nomor": "12/Pen.Pid/2026/PN Amp", "tanggal": hari_ini(), "pihak": "PN Amlapura"}

    def ubah():
        services.klien_ubah_status(
            klien=klien,
            oleh=kasi,
            status_baru=status,
            tanggal=hari_ini(),
            alasan="x",
            dokumen=dokumen,
        )

    if boleh:
        ubah()
    else:
        with pytest.raises(ValidationError, match="tidak dapat diubah"):
            ubah()
    klien.refresh_from_db()
    assert (klien.status == status) is boleh


def test_basis_data_menolak_akhir_program_lain(pk, desa):
    klien = KlienFactory(pk_pembimbing=pk, desa=desa, program=ProgramIntegrasi.DIVERSI)
    with pytest.raises(IntegrityError), transaction.atomic():
        Klien.objects.filter(pk=klien.pk).update(status="DICABUT", tanggal_berakhir=hari_ini())


def test_diversi_tanpa_lama_pidana(pk, desa):
    with pytest.raises(ValidationError) as e:
        KlienFactory.build(
            pk_pembimbing=pk, desa=desa, program=ProgramIntegrasi.DIVERSI, lama_pidana_bulan=6
        ).full_clean(exclude=["batas_tahap_lanjutan", "batas_tahap_akhir"])
    assert e.value.message_dict["lama_pidana_bulan"] == ["Diversi tidak memiliki lama pidana."]


def test_demo_konsisten(demo):
    """Every revoked demo client went through the whole workflow (its SK on the history),
    only PB/CB/CMB/asimilasi are revoked, a diversion carries no sentence, and each open
    stage has a proposal about a client of pk1 (the permission matrix opens them)."""
    dicabut = Klien.objects.filter(status=StatusKlien.DICABUT)
    assert dicabut.exists()
    for k in dicabut:
        usulan = k.usulan_pencabutan.get(tahap=T.DICABUT)
        riwayat = k.riwayat_status.get(status_baru=StatusKlien.DICABUT)
        assert (riwayat.dokumen_nomor, riwayat.tanggal) == (usulan.sk_nomor, usulan.sk_tanggal)
        assert k.program in ("PB", "CB", "CMB", "ASIMILASI")
    assert not Klien.objects.filter(program="DIVERSI", lama_pidana_bulan__isnull=False).exists()
    for k in Klien.objects.filter(status__in=(StatusKlien.KEMBALI, StatusKlien.DIAKHIRI)):
        assert k.riwayat_status.get(status_baru=k.status).dokumen_nomor
    pk1 = demo.pengguna["pk1"]
    for tahap in (T.DIUSULKAN, T.DIREKOMENDASIKAN, T.SEMENTARA):
        usulan = UsulanPencabutan.objects.get(tahap=tahap)
        assert usulan.klien.pk_pembimbing == pk1 and usulan.klien.status == StatusKlien.AKTIF


def test_beban_kasus_menawarkan_usulan_untuk_dasar_pencabutan(client, pk, desa):
    dasar = KlienFactory(pk_pembimbing=pk, desa=desa)
    diversi = KlienFactory(pk_pembimbing=pk, desa=desa, program=ProgramIntegrasi.DIVERSI)
    dua_kali = KlienFactory(pk_pembimbing=pk, desa=desa)
    for k, n in ((dasar, 3), (diversi, 3), (dua_kali, 2)):
        services.klien_setel_kepatuhan_lapor(klien=k, mangkir_berturut=n, berikutnya=None)
    client.force_login(pk)
    isi = client.get(reverse("klien:caseload")).content.decode()
    assert reverse("klien:usulan-create", args=[dasar.pk]) in isi
    assert reverse("klien:usulan-create", args=[diversi.pk]) not in isi  # not revocable
    assert reverse("klien:usulan-create", args=[dua_kali.pk]) not in isi  # not yet a ground


def test_agenda_menyebut_ekspirasi_yang_tiba(pk, desa):
    from pembimbingan.selectors_agenda import agenda

    KlienFactory(
        pk_pembimbing=pk,
        desa=desa,
        tanggal_mulai=hari_ini() - 200 * HARI,
        tanggal_ekspirasi=hari_ini(),
    )
    KlienFactory(pk_pembimbing=pk, desa=desa)  # later
    assert agenda(pk).ekspirasi_tiba == 1


def test_demo_membuat_usulan_terbuka_meski_ada_usulan_lain(demo):
    """A demo whose drawn endings already revoked a client (its proposal closed) still gets a
    proposal at each open stage; run again, it adds none."""
    from klien.demo_pencabutan import usulan_pencabutan
    from klien.pilihan import TAHAP_TERBUKA

    kasi, kabapas = demo.pengguna["kasi"], demo.pengguna["kabapas"]
    for u in UsulanPencabutan.objects.filter(tahap__in=TAHAP_TERBUKA):
        if u.tahap == T.SEMENTARA:
            pencabutan.usulan_pulihkan(
                usulan=u, oleh=kabapas, nomor="S-1", tanggal=hari_ini(), penerbit="Kanwil Bali"
            )
        else:
            pencabutan.usulan_tarik(usulan=u, oleh=kasi, alasan="Uji.")
    assert UsulanPencabutan.objects.filter(tahap=T.DICABUT).exists()  # a closed one stays
    usulan_pencabutan(demo)
    terbuka = UsulanPencabutan.objects.filter(tahap__in=TAHAP_TERBUKA)
    assert sorted(terbuka.values_list("tahap", flat=True)) == sorted(TAHAP_TERBUKA)
    usulan_pencabutan(demo)
    assert UsulanPencabutan.objects.filter(tahap__in=TAHAP_TERBUKA).count() == 3
