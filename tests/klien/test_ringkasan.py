"""The client counts of the office dashboard (klien.ringkasan): each number is the size of
the client list its link opens, whatever the mix of stages, statuses and risk."""

import datetime

from django.utils import timezone

from klien.models import Klien
from klien.pilihan import StatusKlien, Tahap
from klien.ringkasan import ringkasan_klien

from .factories import KlienFactory


def test_setiap_angka_sama_dengan_daftar_tautannya(pk, pk_lain, kasi, desa):
    hari_ini = timezone.localdate()
    hari = datetime.timedelta
    # active clients 10, 150 and 290 days into 300 days: awal, lanjutan, akhir
    for lalu, n in ((10, 3), (150, 2), (290, 1)):
        KlienFactory.create_batch(
            n, pk_pembimbing=pk, desa=desa, tanggal_mulai=hari_ini - hari(lalu)
        )
    KlienFactory.create_batch(2, pk_pembimbing=pk_lain, desa=desa, status=StatusKlien.PENERIMAAN)
    KlienFactory(pk_pembimbing=pk, desa=desa, mangkir_berturut=2)
    KlienFactory(pk_pembimbing=pk, desa=desa, status=StatusKlien.PENERIMAAN, mangkir_berturut=3)
    # ended: in no stage and never at risk, whatever its misses
    KlienFactory(
        pk_pembimbing=pk,
        desa=desa,
        status=StatusKlien.SELESAI,
        tanggal_berakhir=hari_ini,
        mangkir_berturut=3,
    )

    r = ringkasan_klien(kasi)
    kantor = Klien.objects.for_user(kasi)
    jumlah = {b["saringan"]: b["jumlah"] for b in r["tahap"]}
    assert jumlah == {
        f"status={StatusKlien.PENERIMAAN}": kantor.filter(status=StatusKlien.PENERIMAAN).count(),
        **{f"tahap={t}": kantor.tahap(t).count() for t in Tahap},
    }
    assert list(jumlah.values()) == [3, 4, 2, 1]
    assert r["berisiko"] == kantor.berisiko().count() == 2
    # a PK's: their own caseload only
    assert [b["jumlah"] for b in ringkasan_klien(pk_lain)["tahap"]] == [2, 0, 0, 0]
