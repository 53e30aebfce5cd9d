"""The report pages' figures, read through laporan.selectors."""

import dataclasses
import re
from types import MappingProxyType

import pytest
from django.urls import reverse

from akun.models import Peran, User
from klien import querysets
from klien.models import Klien
from klien.pilihan import STATUS_BERAKHIR, StatusKlien
from laporan import selectors
from tests.factories import (
    DesaFactory,
    KanwilFactory,
    KecamatanFactory,
    UnitFactory,
    UserFactory,
)
from tests.klien.factories import KlienFactory


@pytest.fixture
def desa(unit):
    d = DesaFactory()
    unit.wilayah_kerja.add(d.kecamatan.kabupaten)
    return d


def _klien(pk, desa, n=1, status=StatusKlien.AKTIF, **lain):
    for k in KlienFactory.create_batch(n, pk_pembimbing=pk, desa=desa, **lain):
        if status != k.status:
            k.status = status
            k.tanggal_berakhir = k.tanggal_mulai if status in STATUS_BERAKHIR else None
            k.save()


def _rujukan(unit) -> tuple[int, ...]:
    """One office's figures counted the plain way, one query per figure."""
    klien = Klien.objects.filter(unit=unit)
    return (
        User.objects.filter(unit=unit, peran=Peran.PK, is_active=True).count(),
        klien.berjalan().count(),
        klien.berisiko().count(),
        klien.filter(status=StatusKlien.SELESAI).count(),
        klien.filter(status=StatusKlien.DICABUT).count(),
    )


def _angka(baris: selectors.AngkaKantor) -> tuple[int, ...]:
    return (
        baris.jumlah_pk,
        baris.klien_berjalan,
        baris.klien_berisiko,
        baris.klien_selesai,
        baris.klien_dicabut,
    )


def test_ringkasan_wilayah_sama_dengan_hitungan_per_kantor(
    kanwil, kasi, pk, pk_lain, unit, unit_lain, desa
):
    UserFactory(peran=Peran.PK, unit=unit, is_active=False)  # no longer a PK at work
    _klien(pk, desa, n=3)
    _klien(pk_lain, desa, n=1, mangkir_berturut=2)
    _klien(pk, desa, n=1, status=StatusKlien.PENERIMAAN)
    _klien(pk, desa, n=2, status=StatusKlien.SELESAI)
    _klien(pk, desa, n=1, status=StatusKlien.DICABUT, mangkir_berturut=3)  # ended: not at risk
    pk_luar = UserFactory(peran=Peran.PK, unit=unit_lain)
    _klien(pk_luar, desa, n=2, mangkir_berturut=3)
    _klien(pk_luar, desa, n=1, status=StatusKlien.DICABUT)
    kosong = UnitFactory(nama="Bapas Kelas II Kosong", kanwil=unit.kanwil)
    luar = UnitFactory(kanwil=KanwilFactory(nama="Kanwil NTB"))
    _klien(UserFactory(peran=Peran.PK, unit=luar), desa, n=4)

    hasil = selectors.ringkasan_wilayah(kanwil)

    assert [b.nama for b in hasil] == sorted([unit.nama, unit_lain.nama, kosong.nama])
    angka = {b.nama: _angka(b) for b in hasil}
    assert angka == {u.nama: _rujukan(u) for u in (unit, unit_lain, kosong)}
    assert angka == {
        unit.nama: (2, 5, 1, 2, 1),
        unit_lain.nama: (1, 2, 2, 0, 1),
        kosong.nama: (0, 0, 0, 0, 0),
    }
    assert {b.kanwil for b in hasil} == {unit.kanwil.nama}
    assert {b.unit_id for b in hasil} == {unit.pk, unit_lain.pk, kosong.pk}

    pusat = UserFactory(peran=Peran.PUSAT, unit=None, kanwil=None)
    nasional = {b.nama: _angka(b) for b in selectors.ringkasan_wilayah(pusat)}
    assert nasional == {u.nama: _rujukan(u) for u in (unit, unit_lain, kosong, luar)}
    assert nasional[luar.nama] == (1, 4, 0, 0, 0)
    # an office role sees only its own office's figures
    assert [b.nama for b in selectors.ringkasan_wilayah(kasi)] == [unit.nama]


def test_ringkasan_wilayah_satu_query(kanwil, pk, desa, django_assert_num_queries):
    _klien(pk, desa, n=3)
    with django_assert_num_queries(1):  # the three grouped counts, in one UNION ALL
        assert len(selectors.ringkasan_wilayah(kanwil)) == 1


def test_dasbor_kantor_kecamatan_tanpa_klien_tetap_tampil(kasi, pk, unit, unit_lain, desa):
    sepi = KecamatanFactory(kabupaten=desa.kecamatan.kabupaten, nama="Zz Sepi")
    _klien(pk, desa, n=2)
    _klien(pk, desa, n=1, status=StatusKlien.SELESAI)  # ended: not counted
    _klien(UserFactory(peran=Peran.PK, unit=unit_lain), desa, n=5)  # another office
    dasbor = selectors.dasbor_kantor(kasi)
    assert dasbor.unit == unit
    assert [(b.kecamatan, b.klien_berjalan) for b in dasbor.kecamatan] == [
        (desa.kecamatan, 2),
        (sepi, 0),
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        dasbor.unit = unit_lain


def test_dasbor_kantor_beban_pk_terberat_lebih_dulu(kasi, pk, pk_lain, desa):
    _klien(pk_lain, desa, n=2, mangkir_berturut=2)
    beban = selectors.beban_pk(kasi)
    assert [(b.pengguna, b.berjalan, b.berisiko) for b in beban] == [(pk_lain, 2, 2), (pk, 0, 0)]


def _lencana(client) -> tuple[dict[str, str], str]:
    html = client.get(reverse("laporan:dashboard")).content.decode()
    kelas = {
        nama: re.search(rf">{nama}</a>.*?badge (text-bg-\w+)", html, re.S).group(1)
        for nama in ("Klien Dua Kali", "Klien Tiga Kali")
    }
    return kelas, html


def test_dasbor_memakai_batas_mangkir_yang_dinamai(client, kasi, pk, desa, monkeypatch):
    """The badge and the sentence follow klien.querysets' thresholds, not a number written
    into the template."""
    KlienFactory(pk_pembimbing=pk, desa=desa, mangkir_berturut=2, nama="Klien Dua Kali")
    KlienFactory(pk_pembimbing=pk, desa=desa, mangkir_berturut=3, nama="Klien Tiga Kali")
    client.force_login(kasi)

    kelas, html = _lencana(client)
    assert kelas == {"Klien Dua Kali": "text-bg-warning", "Klien Tiga Kali": "text-bg-danger"}
    assert (
        "Tidak lapor berturut-turut: 1 kali peringatan, 2 kali berisiko, 3 kali dasar pencabutan."
        in html
    )

    # (the list itself is BERISIKO's, fixed at import: only what the template draws moves)
    for berisiko, pencabutan, harap in [
        (1, 2, {"Klien Dua Kali": "text-bg-danger", "Klien Tiga Kali": "text-bg-danger"}),
        (3, 4, {"Klien Dua Kali": "text-bg-secondary", "Klien Tiga Kali": "text-bg-warning"}),
    ]:
        batas = dict(querysets.BATAS_MANGKIR, berisiko=berisiko, dasar_pencabutan=pencabutan)
        monkeypatch.setattr(querysets, "BATAS_MANGKIR", MappingProxyType(batas))
        kelas, html = _lencana(client)
        assert kelas == harap, pencabutan
        assert (
            f"1 kali peringatan, {berisiko} kali berisiko, {pencabutan} kali dasar pencabutan."
        ) in html


def test_angka_kantor_urutan_sama_dengan_field():
    """The regional summary's counts are read by position into AngkaKantor: its figures'
    names (the endings' among them) are its fields after the office's id, name and Kanwil."""
    field = [f.name for f in dataclasses.fields(selectors.AngkaKantor)]
    assert field[3:] == list(selectors._ANGKA)
