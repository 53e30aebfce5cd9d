"""Two people at once, on PostgreSQL (`transaction=True`: each thread has its own connection
and sees only committed rows; SQLite has one writer at a time, so nothing races there).

- Two enrolments into the last place of a programme: one is refused (the capacity is a rule
  across rows, held by locking the programme, not by a CHECK constraint).
- Two saves of the same session's attendance from forms opened at the same version: the
  second is refused with the difference, never silently written over the first.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from jejak.models import JejakAudit
from pembimbingan import services
from pembimbingan.models import Kehadiran, Peserta, Sesi
from pembimbingan.pilihan import HasilHadir
from pembimbingan.services import HasilKehadiran, peserta_daftar, sesi_catat_kehadiran
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import PesertaFactory, ProgramFactory, SesiFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite has one writer at a time: no race"
    ),
]


def _bersamaan(*kerja):
    """Run each callable in its own thread, all released at once; their results or errors."""
    serentak = threading.Barrier(len(kerja))
    hasil = [{} for _ in kerja]

    def jalan(i, f):
        try:
            serentak.wait(timeout=10)
            hasil[i]["nilai"] = f()
        except BaseException as exc:
            hasil[i]["galat"] = exc
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalan, args=(i, f)) for i, f in enumerate(kerja)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(60)
    return hasil


def _lambat(monkeypatch, nama):
    """Hold a service inside its transaction a moment, so the other one meets its lock."""
    asli = getattr(services, nama)

    def pelan(*args, **kwargs):
        time.sleep(0.3)
        return asli(*args, **kwargs)

    monkeypatch.setattr(services, nama, pelan)


def test_dua_pendaftaran_ke_tempat_terakhir(unit, pk, kasi, monkeypatch):
    program = ProgramFactory(unit=unit, kapasitas=1)
    a, b = KlienFactory(pk_pembimbing=pk), KlienFactory(pk_pembimbing=pk)
    asli = Peserta.full_clean

    def pelan(self, *args, **kwargs):  # after the capacity was counted, before the insert
        time.sleep(0.3)
        return asli(self, *args, **kwargs)

    monkeypatch.setattr(Peserta, "full_clean", pelan)
    hasil = _bersamaan(
        lambda: peserta_daftar(program=program, klien=a, oleh=kasi),
        lambda: peserta_daftar(program=program, klien=b, oleh=kasi),
    )
    berhasil = [h for h in hasil if "nilai" in h]
    ditolak = [h["galat"] for h in hasil if "galat" in h]
    assert len(berhasil) == 1, hasil
    assert len(ditolak) == 1 and isinstance(ditolak[0], ValidationError), ditolak
    assert "penuh" in ditolak[0].message_dict["program"][0]
    assert Peserta.objects.filter(program=program, status="aktif").count() == 1


def test_dua_penyimpanan_kehadiran_dari_versi_yang_sama(unit, pk, pk_lain, monkeypatch):
    program = ProgramFactory(unit=unit)
    klien = [
        PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk)).klien
        for _ in range(6)
    ]
    sesi = SesiFactory(program=program, pk_pencatat=pk)
    semua_hadir = {k.pk: HasilKehadiran(HasilHadir.HADIR) for k in klien}
    satu_absen = semua_hadir | {klien[0].pk: HasilKehadiran(HasilHadir.TIDAK_HADIR)}
    _lambat(monkeypatch, "klien_sesi")  # inside the transaction, after the session's lock
    hasil = _bersamaan(
        lambda: sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil=semua_hadir, versi=0),
        lambda: sesi_catat_kehadiran(sesi=sesi, oleh=pk_lain, hasil=satu_absen, versi=0),
    )
    berhasil = [h["nilai"] for h in hasil if "nilai" in h]
    ditolak = [h["galat"] for h in hasil if "galat" in h]
    assert len(berhasil) == 1 and len(ditolak) == 1, hasil
    assert isinstance(ditolak[0], ValidationError)
    beda = ditolak[0].message_dict["versi"]
    assert len(beda) == 2 and beda[1].startswith(klien[0].nama)  # the one difference, named
    assert Sesi.objects.get(pk=sesi.pk).versi == 1
    # what is stored is exactly the saved one's, with its audit entries and no others
    pemenang = berhasil[0]
    assert pemenang.versi == 1
    disimpan = dict(Kehadiran.objects.filter(sesi=sesi).values_list("klien_id", "hasil"))
    harapan = semua_hadir if hasil[0].get("nilai") else satu_absen
    assert disimpan == {i: h.hasil for i, h in harapan.items()}
    assert JejakAudit.objects.filter(content_type__model="kehadiran").count() == 6
