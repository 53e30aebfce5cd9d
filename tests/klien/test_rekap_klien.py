"""The client flows per office and month (klien.RekapKlien) in step with the clients after
every kind of write: a new client, an ending, a corrected date, a client loaded with
deferred fields, a delete, an import (one write for the file); random sequences of them
(Hypothesis); the check command naming a tampered cell and the rebuild mending it."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klien.models import MASUK, Klien, RekapKlien
from klien.pilihan import StatusKlien
from klien.rekap import SelKlien, hitung, perbedaan, tersimpan
from klien.services import klien_ubah_status, ubah_status
from tests.klien.factories import KlienFactory
from tests.klien.test_impor import _csv, berhasil
from tests.pekerjaan.antrean import impor

JAN, FEB, MAR = (datetime.date(2026, m, 1) for m in (1, 2, 3))


def _sesuai():
    """The stored cells equal a recount of the clients."""
    ada = tersimpan(RekapKlien.objects.all())
    assert ada == hitung(Klien.objects.all())
    assert perbedaan() == []
    return ada


def test_masuk_berakhir_koreksi_dan_hapus(unit, pk, desa, kasi):
    a = KlienFactory(pk_pembimbing=pk, desa=desa, tanggal_mulai=datetime.date(2026, 1, 10))
    b = KlienFactory(pk_pembimbing=pk, desa=desa, tanggal_mulai=datetime.date(2026, 1, 20))
    assert _sesuai() == {SelKlien(unit.pk, JAN, MASUK): 2}

    klien_ubah_status(
        klien=a,
        oleh=kasi,
        status_baru=StatusKlien.SELESAI,
        tanggal=datetime.date(2026, 2, 5),
        alasan="Masa bimbingan selesai.",
    )
    assert _sesuai() == {
        SelKlien(unit.pk, JAN, MASUK): 2,
        SelKlien(unit.pk, FEB, StatusKlien.SELESAI): 1,
    }

    # a start corrected into another month moves its intake
    b.refresh_from_db()
    b.tanggal_mulai = datetime.date(2026, 3, 1)
    b.save()
    assert _sesuai()[SelKlien(unit.pk, MAR, MASUK)] == 1

    # a client loaded without the fields of the cells, saved: nothing moves
    sebagian = Klien.objects.only("pk", "nama").get(pk=b.pk)
    sebagian.nama = "Nama Baru"
    sebagian.save()
    _sesuai()

    a.delete()
    assert _sesuai() == {SelKlien(unit.pk, MAR, MASUK): 1}


def test_impor_satu_tulisan_untuk_semua_baris(client, kasi, pk, desa):
    """The import gathers its clients' cells and writes them once (its per-row queries are
    pinned in tests/klien/test_impor.py); the cells equal the recount."""
    pk.nip = "198503122010121001"  # the import names the PK by NIP
    pk.save()
    client.force_login(kasi)
    assert berhasil(*impor(client, _csv(desa)))["dibuat"] == 5  # through the page's job
    assert Klien.objects.count() == 5
    _sesuai()


def test_perintah_menemukan_sel_yang_diubah_lalu_membangun_ulang(unit, pk, desa):
    KlienFactory(pk_pembimbing=pk, desa=desa, tanggal_mulai=datetime.date(2026, 1, 10))
    out = io.StringIO()
    call_command("rekap_klien", "--periksa", stdout=out)
    assert "sesuai" in out.getvalue()

    RekapKlien.objects.update(jumlah=F("jumlah") + 3)  # tampered
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 sel") as galat:
        call_command("rekap_klien", "--periksa", stdout=out)
    assert galat.value.returncode == 1
    assert f"{unit.nama}, 2026-01, MASUK: tersimpan 4, hitungan 1" in out.getvalue()

    call_command("rekap_klien", "--bangun-ulang", stdout=io.StringIO())
    _sesuai()


_langkah = st.lists(
    st.tuples(
        st.sampled_from(["baru", "akhiri", "geser", "hapus"]),
        st.integers(min_value=0, max_value=5),
        st.integers(min_value=0, max_value=80),
    ),
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(langkah=_langkah)
def test_urutan_acak_sama_dengan_hitungan_ulang(unit, pk, desa, kasi, langkah):
    """After any sequence of new clients, endings, moved starts and deletes, the stored
    flows equal a recount."""
    Klien.objects.all().delete()
    RekapKlien.objects.all().delete()
    awal = datetime.date(2025, 11, 1)
    for aksi, i, hari in langkah:
        semua = list(Klien.objects.order_by("pk"))
        if aksi == "baru" or not semua:
            KlienFactory(
                pk_pembimbing=pk, desa=desa, tanggal_mulai=awal + datetime.timedelta(days=hari)
            )
            continue
        k = semua[i % len(semua)]
        if aksi == "akhiri" and k.status in (StatusKlien.PENERIMAAN, StatusKlien.AKTIF):
            # (the status's one writer: a revocation comes through it with the SK)
            tanggal = max(k.tanggal_mulai, awal + datetime.timedelta(days=hari + 30))
            ubah_status(
                klien=k,
                oleh=kasi,
                status_baru=[StatusKlien.SELESAI, StatusKlien.DICABUT][hari % 2],
                tanggal=tanggal,
                alasan="Uji urutan acak.",
                dokumen={"nomor": "SK-UJI", "tanggal": tanggal, "pihak": "Dirjenpas"},
            )
        elif aksi == "geser":
            k.tanggal_mulai = awal + datetime.timedelta(days=hari)
            k.tanggal_ekspirasi = k.tanggal_mulai + datetime.timedelta(days=300)
            if k.tanggal_berakhir and k.tanggal_berakhir < k.tanggal_mulai:
                k.tanggal_berakhir = k.tanggal_mulai
            k.save()
        elif aksi == "hapus":
            k.delete()
    _sesuai()
