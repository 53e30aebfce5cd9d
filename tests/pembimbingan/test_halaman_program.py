"""The programme list and page: the office's programmes for PK, Kasi, Kabapas and Admin;
another office's is a 404, Kanwil a 403."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pembimbingan.models import Kehadiran
from pembimbingan.pilihan import HasilHadir, StatusPeserta
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import (
    KehadiranFactory,
    PesertaFactory,
    ProgramFactory,
    SesiFactory,
    SumberDayaFactory,
)


@pytest.fixture
def program(unit, pk):
    program = ProgramFactory(unit=unit, nama="Melukis dan yoga")
    SumberDayaFactory(program=program, nama="Kit melukis", jumlah=4)
    for nama in ("Ayu", "Budi", "Citra", "Dewa", "Eka", "Gede", "Hana", "Indra"):
        PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk, nama=nama))
    PesertaFactory(
        program=program,
        klien=KlienFactory(pk_pembimbing=pk, nama="Keluar Saja"),
        status=StatusPeserta.KELUAR,
        tanggal_keluar=timezone.localdate(),
        alasan_keluar="Pindah",
    )
    return program


def _url(program):
    return reverse("pembimbingan:program-detail", args=[program.pk])


@pytest.mark.parametrize("peran", ["pk", "pk_lain", "kasi", "kabapas", "admin_unit"])
def test_program_terlihat_oleh_peran_kantor(client, request, program, peran):
    client.force_login(request.getfixturevalue(peran))
    daftar = client.get(reverse("pembimbingan:program-list"))
    assert daftar.status_code == 200 and "Melukis dan yoga" in daftar.content.decode()
    assert client.get(_url(program)).status_code == 200


def test_program_kantor_lain_404(client, kasi_lain, program):
    client.force_login(kasi_lain)
    assert client.get(_url(program)).status_code == 404
    assert (
        "Melukis dan yoga" not in client.get(reverse("pembimbingan:program-list")).content.decode()
    )


def test_kanwil_403(client, kanwil, program):
    client.force_login(kanwil)
    assert client.get(reverse("pembimbingan:program-list")).status_code == 403
    assert client.get(_url(program)).status_code == 403


def test_halaman_program_isi(client, kasi, program, pk):
    lalu = SesiFactory(program=program, pk_pencatat=pk)
    for k in list(program.peserta.filter(status=StatusPeserta.AKTIF))[:3]:
        KehadiranFactory(sesi=lalu, klien=k.klien)
    KehadiranFactory(
        sesi=lalu,
        klien=program.peserta.get(klien__nama="Dewa").klien,
        hasil=HasilHadir.TIDAK_HADIR,
        dapat_diterima=False,
    )
    SesiFactory(program=program, pk_pencatat=pk, mulai=timezone.now() + datetime.timedelta(days=3))
    client.force_login(kasi)
    isi = client.get(_url(program)).content.decode()
    # eight active participants share four painting kits: two per kit
    assert "Kit melukis" in isi and ">2.0<" in isi.replace(",", ".")
    assert "Keluar Saja" in isi and "Ayu" in isi
    assert "3 dari 4 hadir" in isi
    assert "Kehadiran belum dicatat" in isi  # the upcoming session
    assert Kehadiran.objects.filter(sesi=lalu).count() == 4


def test_daftar_program_jumlah_query_tetap(client, kasi, unit, django_assert_num_queries):
    def hitung():
        # session, user, the programmes with their counts, and the session's save
        # (savepoint, update, release)
        with django_assert_num_queries(6) as q:
            client.get(reverse("pembimbingan:program-list"))
        return len(q)

    client.force_login(kasi)
    ProgramFactory(unit=unit)
    satu = hitung()
    ProgramFactory.create_batch(5, unit=unit)
    assert hitung() == satu
