"""Opening and changing a programme with its resources, enrolling clients and ending an
enrolment, through the pages: the rules the services hold are shown on the form, in
Indonesian, and bad input never ends in a 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jejak.models import JejakAudit
from pembimbingan.models import Peserta, Program, SumberDaya
from pembimbingan.pilihan import StatusPeserta
from pokmas.pilihan import StatusMitra
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import PesertaFactory, ProgramFactory, SumberDayaFactory
from tests.pokmas.factories import MitraFactory, PerjanjianFactory

HARI_INI = timezone.localdate


def _program_post(**lain) -> dict:
    """A valid submit of the programme form with no resource rows (three empty ones)."""
    data = {
        "nama": "Melukis dan yoga",
        "jenis": "kepribadian",
        "topik": "Melukis",
        "mitra": "",
        "tempat": "Aula Bapas",
        "tanggal_mulai": "2026-01-05",
        "tanggal_selesai": "2026-06-30",
        "kapasitas": "16",
        "anggaran": "2500000",
        "sd-TOTAL_FORMS": "3",
        "sd-INITIAL_FORMS": "0",
        "sd-MIN_NUM_FORMS": "0",
        "sd-MAX_NUM_FORMS": "30",
    }
    data.update(lain)
    return data


def _mitra_tersedia(unit, **lain):
    mitra = MitraFactory(unit=unit, status=StatusMitra.AKTIF, **lain)
    PerjanjianFactory(mitra=mitra)
    return mitra


# --- opening a programme ------------------------------------------------------------------


def test_kasi_membuka_program_dengan_sumber_daya(client, kasi, unit, pk):
    client.force_login(kasi)
    url = reverse("pembimbingan:program-create")
    assert client.get(url).status_code == 200
    resp = client.post(
        url,
        _program_post(
            **{
                "sd-0-nama": "Kit melukis",
                "sd-0-jumlah": "4",
                "sd-0-satuan": "set",
                "sd-1-nama": "Matras yoga",
                "sd-1-jumlah": "8",
            }
        ),
    )
    program = Program.objects.get()
    assert resp.status_code == 302
    assert resp.url == reverse("pembimbingan:program-detail", args=[program.pk])
    assert (program.unit, program.jenis, program.kapasitas, program.mitra) == (
        unit,
        "kepribadian",
        16,
        None,
    )
    assert sorted(program.sumber_daya.values_list("nama", "jumlah", "satuan")) == [
        ("Kit melukis", 4, "set"),
        ("Matras yoga", 8, ""),
    ]
    # eight participants share the four painting kits: two per kit on the programme's page
    for _ in range(8):
        PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk))
    isi = client.get(resp.url).content.decode().replace(",", ".")
    assert "Kit melukis" in isi and ">2.0<" in isi and ">1.0<" in isi


def test_program_yang_sama_dua_kali_tidak_berlipat(client, kasi):
    """A double tap or a retry of the same new programme: the second is refused with a
    message on the name, nothing doubled (the name compared without case)."""
    client.force_login(kasi)
    url = reverse("pembimbingan:program-create")
    assert client.post(url, _program_post()).status_code == 302
    resp = client.post(url, _program_post(nama="MELUKIS DAN YOGA"))
    assert resp.status_code == 200
    assert "sudah memiliki program dengan nama dan tanggal mulai itu" in resp.content.decode()
    assert Program.objects.count() == 1
    # another start date is another run of the programme
    lagi = _program_post(tanggal_mulai="2026-07-06", tanggal_selesai="2026-12-21")
    assert client.post(url, lagi).status_code == 302
    assert Program.objects.count() == 2


def test_jenis_wajib_dan_tanggal_rusak_ditolak_di_form(client, kasi):
    client.force_login(kasi)
    resp = client.post(
        reverse("pembimbingan:program-create"),
        _program_post(
            jenis="",
            tanggal_mulai="31-31-2026",
            kapasitas="-3",
            anggaran="banyak",
            **{"sd-0-nama": "Kit", "sd-0-jumlah": "-1"},
        ),
    )
    assert resp.status_code == 200
    form, formset = resp.context["form"], resp.context["formset"]
    assert set(form.errors) == {"jenis", "tanggal_mulai", "kapasitas", "anggaran"}
    assert "Bidang ini tidak boleh kosong." in form.errors["jenis"]
    assert formset.forms[0].errors["jumlah"]
    assert "Data belum dapat disimpan" in resp.content.decode()
    assert not Program.objects.exists()


def test_tanggal_selesai_sebelum_mulai_ditolak(client, kasi):
    client.force_login(kasi)
    resp = client.post(
        reverse("pembimbingan:program-create"),
        _program_post(tanggal_mulai="2026-03-01", tanggal_selesai="2026-02-01"),
    )
    assert resp.context["form"].errors == {
        "tanggal_selesai": ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    }
    assert not Program.objects.exists()


def test_formulir_sumber_daya_tanpa_data_pengelola_tidak_500(client, kasi):
    client.force_login(kasi)
    data = {k: v for k, v in _program_post().items() if not k.startswith("sd-")}
    resp = client.post(reverse("pembimbingan:program-create"), data)
    assert resp.status_code == 200 and resp.context["formset"].non_form_errors()
    assert not Program.objects.exists()


def test_pilihan_mitra_hanya_yang_tersedia_di_kantor(client, kasi, unit, unit_lain):
    tersedia = _mitra_tersedia(unit, nama="Kelompok Ikan Sari")
    kandidat = MitraFactory(unit=unit, nama="Calon Mitra")
    PerjanjianFactory(mitra=kandidat)
    lain = _mitra_tersedia(unit_lain, nama="Mitra Denpasar")
    client.force_login(kasi)
    url = reverse("pembimbingan:program-create")
    pilihan = list(client.get(url).context["form"].fields["mitra"].queryset)
    assert pilihan == [tersedia]
    # a partner that is not on offer is refused (the form's choice), whoever sends its id
    for mitra in (kandidat, lain):
        resp = client.post(url, _program_post(mitra=str(mitra.pk)))
        assert resp.status_code == 200 and "mitra" in resp.context["form"].errors
    resp = client.post(url, _program_post(mitra=str(tersedia.pk)))
    assert resp.status_code == 302
    assert Program.objects.get().mitra == tersedia


@pytest.mark.parametrize("peran", ["pk", "pk_lain", "admin_unit", "kanwil"])
def test_selain_kasi_kabapas_tidak_membuka_program(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    url = reverse("pembimbingan:program-create")
    assert client.get(url).status_code == 403
    assert client.post(url, _program_post()).status_code == 403
    assert not Program.objects.exists()


def test_tombol_sesuai_izin(client, pk, kasi, unit):
    program = ProgramFactory(unit=unit)
    client.force_login(pk)
    isi = client.get(reverse("pembimbingan:program-detail", args=[program.pk])).content.decode()
    assert reverse("pembimbingan:program-update", args=[program.pk]) not in isi
    assert reverse("pembimbingan:peserta-tambah", args=[program.pk]) in isi
    assert f"{reverse('pembimbingan:sesi-create')}?program={program.pk}" in isi
    assert (
        reverse("pembimbingan:program-create")
        not in client.get(reverse("pembimbingan:program-list")).content.decode()
    )
    client.force_login(kasi)
    isi = client.get(reverse("pembimbingan:program-detail", args=[program.pk])).content.decode()
    assert reverse("pembimbingan:program-update", args=[program.pk]) in isi
    assert (
        reverse("pembimbingan:program-create")
        in client.get(reverse("pembimbingan:program-list")).content.decode()
    )


# --- changing a programme -----------------------------------------------------------------


@pytest.fixture
def program(unit):
    program = ProgramFactory(
        unit=unit, nama="Budi daya ikan", kapasitas=4, tanggal_mulai=datetime.date(2026, 1, 5)
    )
    SumberDayaFactory(program=program, nama="Paket bibit", jumlah=4, satuan="paket")
    SumberDayaFactory(program=program, nama="Jaring", jumlah=2, satuan="buah")
    return program


def _ubah_post(program, **lain) -> dict:
    data = _program_post(
        nama=program.nama,
        jenis=program.jenis,
        kapasitas=str(program.kapasitas or ""),
        tanggal_selesai="",
    )
    rows = list(program.sumber_daya.order_by("nama"))
    data["sd-TOTAL_FORMS"] = str(len(rows) + 3)
    data["sd-INITIAL_FORMS"] = str(len(rows))
    for i, sd in enumerate(rows):
        data.update(
            {
                f"sd-{i}-id": str(sd.pk),
                f"sd-{i}-nama": sd.nama,
                f"sd-{i}-jumlah": str(sd.jumlah),
                f"sd-{i}-satuan": sd.satuan,
            }
        )
    data.update(lain)
    return data


def _url_ubah(program):
    return reverse("pembimbingan:program-update", args=[program.pk])


def test_ubah_program_dan_sumber_daya_masuk_jejak(client, kasi, program):
    jaring, bibit = program.sumber_daya.order_by("nama")
    client.force_login(kasi)
    form = client.get(_url_ubah(program)).context["form"]
    assert form.initial["nama"] == "Budi daya ikan" and form.initial["kapasitas"] == 4
    sebelum = JejakAudit.objects.count()
    resp = client.post(
        _url_ubah(program),
        _ubah_post(
            program,
            nama="Budi daya ikan nila",
            kapasitas="10",
            **{
                "sd-0-DELETE": "on",  # Jaring
                "sd-1-jumlah": "5",  # Paket bibit 4 -> 5
                "sd-2-nama": "Pakan",
                "sd-2-jumlah": "20",
                "sd-2-satuan": "kg",
            },
        ),
    )
    assert resp.status_code == 302
    program.refresh_from_db()
    assert (program.nama, program.kapasitas) == ("Budi daya ikan nila", 10)
    assert sorted(program.sumber_daya.values_list("nama", "jumlah")) == [
        ("Pakan", 20),
        ("Paket bibit", 5),
    ]
    assert not SumberDaya.objects.filter(pk=jaring.pk).exists()
    assert SumberDaya.objects.get(nama="Paket bibit").pk == bibit.pk  # changed, not replaced
    # the programme, the changed kit, the deleted one and the new one: four entries
    assert JejakAudit.objects.count() - sebelum == 4


def test_kapasitas_tidak_di_bawah_peserta_aktif(client, kasi, program, pk):
    for _ in range(3):
        PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk))
    client.force_login(kasi)
    resp = client.post(_url_ubah(program), _ubah_post(program, kapasitas="2"))
    assert resp.status_code == 200
    assert resp.context["form"].errors["kapasitas"] == [
        "Program ini memiliki 3 peserta aktif; kapasitas tidak boleh kurang dari itu."
    ]
    program.refresh_from_db()
    assert program.kapasitas == 4


def test_mitra_lama_tetap_mitra_baru_harus_tersedia(client, kasi, unit, program):
    lama = MitraFactory(unit=unit, status=StatusMitra.AKTIF, nama="Mitra Lama")  # no PKS now
    Program.objects.filter(pk=program.pk).update(mitra=lama)
    program.refresh_from_db()
    client.force_login(kasi)
    pilihan = client.get(_url_ubah(program)).context["form"].fields["mitra"].queryset
    assert list(pilihan) == [lama]  # kept on offer for its own programme only
    resp = client.post(_url_ubah(program), _ubah_post(program, mitra=str(lama.pk), topik="Baru"))
    assert resp.status_code == 302
    program.refresh_from_db()
    assert (program.mitra, program.topik) == (lama, "Baru")
    # on another programme the same partner is not offered
    lain = ProgramFactory(unit=unit)
    resp = client.post(_url_ubah(lain), _ubah_post(lain, mitra=str(lama.pk)))
    assert "mitra" in resp.context["form"].errors


def test_sumber_daya_program_lain_ditolak(client, kasi, program, unit):
    asing = SumberDayaFactory(program=ProgramFactory(unit=unit), nama="Milik lain")
    client.force_login(kasi)
    resp = client.post(_url_ubah(program), _ubah_post(program, **{"sd-0-id": str(asing.pk)}))
    assert resp.status_code == 200
    assert "Sumber daya tidak ditemukan pada program ini." in resp.content.decode()
    asing.refresh_from_db()
    assert asing.nama == "Milik lain" and asing.program_id != program.pk


def test_ubah_program_kantor_lain_404_dan_pk_403(client, kasi_lain, pk, program):
    client.force_login(kasi_lain)
    assert client.get(_url_ubah(program)).status_code == 404
    assert client.post(_url_ubah(program), _ubah_post(program)).status_code == 404
    client.force_login(pk)
    assert client.get(_url_ubah(program)).status_code == 403


# --- enrolment ----------------------------------------------------------------------------


def _url_tambah(program):
    return reverse("pembimbingan:peserta-tambah", args=[program.pk])


def test_pk_memilih_dari_beban_kasusnya_sendiri(client, pk, pk_lain, kasi, program):
    milik = KlienFactory(pk_pembimbing=pk, nama="Ayu")
    KlienFactory(pk_pembimbing=pk, nama="Selesai", status="SELESAI", tanggal_berakhir=HARI_INI())
    PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk, nama="Sudah Ikut"))
    orang_lain = KlienFactory(pk_pembimbing=pk_lain, nama="Budi")
    client.force_login(pk)
    assert list(client.get(_url_tambah(program)).context["form"].fields["klien"].queryset) == [
        milik
    ]
    # another PK's client, sent anyway, is not a valid choice
    resp = client.post(
        _url_tambah(program), {"klien": [orang_lain.pk], "tanggal_masuk": "2026-02-01"}
    )
    assert resp.status_code == 200 and "klien" in resp.context["form"].errors
    client.force_login(kasi)
    pilihan = client.get(_url_tambah(program)).context["form"].fields["klien"].queryset
    assert set(pilihan) == {milik, orang_lain}
    assert list(
        client.get(_url_tambah(program) + "?q=bud").context["form"].fields["klien"].queryset
    ) == [orang_lain]


def test_daftarkan_beberapa_klien(client, pk, program):
    a, b = KlienFactory(pk_pembimbing=pk), KlienFactory(pk_pembimbing=pk)
    client.force_login(pk)
    resp = client.post(_url_tambah(program), {"klien": [a.pk, b.pk], "tanggal_masuk": "2026-02-01"})
    assert resp.status_code == 302
    assert set(
        Peserta.objects.filter(program=program).values_list("klien", "tanggal_masuk", "status")
    ) == {
        (a.pk, datetime.date(2026, 2, 1), StatusPeserta.AKTIF),
        (b.pk, datetime.date(2026, 2, 1), StatusPeserta.AKTIF),
    }
    assert client.get(resp.url).status_code == 200


def test_kapasitas_penuh_ditolak_dengan_jelas(client, kasi, pk, program):
    for _ in range(3):
        PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk))
    baru = [KlienFactory(pk_pembimbing=pk) for _ in range(2)]
    client.force_login(kasi)
    resp = client.post(
        _url_tambah(program), {"klien": [k.pk for k in baru], "tanggal_masuk": "2026-02-01"}
    )
    assert resp.status_code == 200
    assert resp.context["form"].errors["klien"] == [
        "Kapasitas program 4 peserta dan sudah terisi 3: sisa 1 tempat, Anda memilih 2 klien."
    ]
    assert "sisa 1 tempat" in resp.content.decode()
    assert Peserta.objects.filter(program=program).count() == 3  # all or none


def test_tambah_peserta_input_rusak(client, kasi, program):
    client.force_login(kasi)
    resp = client.post(_url_tambah(program), {"klien": ["abc", "-1"], "tanggal_masuk": "kemarin"})
    assert resp.status_code == 200
    assert set(resp.context["form"].errors) == {"klien", "tanggal_masuk"}
    resp = client.post(_url_tambah(program), {"tanggal_masuk": "2026-02-01"})
    assert resp.context["form"].errors["klien"] == ["Bidang ini tidak boleh kosong."]


def test_tambah_peserta_program_kantor_lain_404_admin_403(client, kasi_lain, admin_unit, program):
    client.force_login(kasi_lain)
    assert client.get(_url_tambah(program)).status_code == 404
    client.force_login(admin_unit)
    assert client.get(_url_tambah(program)).status_code == 403


# --- ending an enrolment ------------------------------------------------------------------


@pytest.fixture
def peserta(program, pk):
    return PesertaFactory(
        program=program,
        klien=KlienFactory(pk_pembimbing=pk, nama="Ayu"),
        tanggal_masuk=HARI_INI() - datetime.timedelta(days=30),
    )


def _url_akhiri(peserta):
    return reverse("pembimbingan:peserta-akhiri", args=[peserta.pk])


def test_peserta_selesai_dengan_hasil(client, pk, peserta):
    client.force_login(pk)
    hari = HARI_INI().isoformat()
    resp = client.post(
        _url_akhiri(peserta), {"status": "selesai", "tanggal": hari, "hasil": "Mahir melukis"}
    )
    assert resp.status_code == 302
    peserta.refresh_from_db()
    assert (peserta.status, peserta.tanggal_keluar, peserta.hasil) == (
        StatusPeserta.SELESAI,
        HARI_INI(),
        "Mahir melukis",
    )
    # an ended enrolment shows its outcome and no form
    resp = client.get(_url_akhiri(peserta))
    assert resp.context["form"] is None and "sudah berakhir" in resp.content.decode()
    assert client.post(_url_akhiri(peserta), {"status": "keluar"}).status_code == 200


def test_peserta_keluar_perlu_alasan_dan_tanggal_sah(client, kasi, peserta):
    client.force_login(kasi)
    url = _url_akhiri(peserta)
    besok = (HARI_INI() + datetime.timedelta(days=1)).isoformat()
    resp = client.post(url, {"status": "keluar", "tanggal": besok, "alasan": " "})
    assert resp.context["form"].errors == {
        "alasan": ["Sebutkan alasan peserta keluar."],
        "tanggal": ["Tanggal tidak boleh di masa depan."],
    }
    sebelum_masuk = (peserta.tanggal_masuk - datetime.timedelta(days=1)).isoformat()
    resp = client.post(url, {"status": "keluar", "tanggal": sebelum_masuk, "alasan": "Pindah"})
    assert resp.context["form"].errors == {
        "tanggal": ["Tanggal tidak boleh sebelum tanggal masuk."]
    }
    resp = client.post(url, {"status": "hilang", "tanggal": "x"})
    assert set(resp.context["form"].errors) == {"status", "tanggal"}
    peserta.refresh_from_db()
    assert peserta.status == StatusPeserta.AKTIF
    resp = client.post(
        url, {"status": "keluar", "tanggal": HARI_INI().isoformat(), "alasan": "Pindah kerja"}
    )
    assert resp.status_code == 302
    peserta.refresh_from_db()
    assert (peserta.status, peserta.alasan_keluar) == (StatusPeserta.KELUAR, "Pindah kerja")


def test_akhiri_klien_pk_lain_404(client, pk_lain, kasi_lain, admin_unit, peserta):
    for user, status in ((pk_lain, 404), (kasi_lain, 404), (admin_unit, 403)):
        client.force_login(user)
        assert client.get(_url_akhiri(peserta)).status_code == status


def test_tautan_akhiri_hanya_untuk_klien_sendiri(client, pk, pk_lain, peserta, program):
    url = reverse("pembimbingan:program-detail", args=[program.pk])
    client.force_login(pk)
    assert _url_akhiri(peserta) in client.get(url).content.decode()
    client.force_login(pk_lain)
    assert _url_akhiri(peserta) not in client.get(url).content.decode()


def test_halaman_program_jumlah_query_tetap(client, kasi, pk, program, django_assert_num_queries):
    """The buttons cost no query: session, user, the programme, its participants, its
    resources, its sessions, and the session's save (savepoint, update, release)."""
    client.force_login(kasi)
    url = reverse("pembimbingan:program-detail", args=[program.pk])
    with django_assert_num_queries(9):
        client.get(url)
    for _ in range(5):
        PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk))
    client.force_login(pk)
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
