"""Attendance and enrolment are data about a client (pembimbingan.terkait): on the client's
timeline, in the data-subject export, and blanked by anonymisation (in the trail too)."""

import datetime

from django.utils import timezone

from jejak.models import REDAKSI, JejakAudit
from klien import services
from klien.models import Klien
from klien.retensi import field_redaksi, klien_anonimkan, masa_retensi_hari
from klien.subjek import data_subjek
from klien.terkait import data_klien
from klien.timeline import prefetch_timeline, timeline
from pembimbingan.models import Kehadiran, Peserta, Sesi
from pembimbingan.pilihan import AlasanAbsen, HasilHadir
from pembimbingan.services import HasilKehadiran, sesi_catat_kehadiran
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import PesertaFactory, ProgramFactory, SesiFactory


def test_dinyatakan_sebagai_data_klien():
    assert {d.model for d in data_klien()} >= {Kehadiran, Peserta, Sesi}
    assert {"keterangan", "alasan_keluar", "catatan"} <= field_redaksi()


def test_timeline_ekspor_dan_anonimisasi(unit, pk, kasi, django_assert_num_queries):
    k = KlienFactory(pk_pembimbing=pk)
    program = ProgramFactory(unit=unit, nama="Melukis dan yoga")
    PesertaFactory(program=program, klien=k, hasil="")
    sesi = SesiFactory(program=program, pk_pencatat=pk)
    sesi_catat_kehadiran(
        sesi=sesi,
        oleh=pk,
        versi=0,
        hasil={
            k.pk: HasilKehadiran(
                HasilHadir.IZIN,
                alasan=AlasanAbsen.UPACARA_AGAMA_ADAT,
                keterangan="Odalan di pura keluarga",
            )
        },
    )

    halaman = Klien.objects.prefetch_related(*prefetch_timeline()).get(pk=k.pk)
    with django_assert_num_queries(0):
        peristiwa = timeline(halaman)
    (hadir,) = [p for p in peristiwa if p.jenis == "Sesi kelompok"]
    assert hadir.tanggal == timezone.localdate(sesi.mulai)
    assert "Upacara agama / adat" in hadir.judul and hadir.keterangan == "Odalan di pura keluarga"
    assert any("Melukis dan yoga" in p.judul for p in peristiwa)

    tabel = data_subjek(k, permintaan={})["data_terkait"]
    assert [b["keterangan"] for b in tabel["kehadiran"]] == ["Odalan di pura keluarga"]
    assert len(tabel["peserta_program"]) == 1

    akhir = timezone.localdate()
    services.klien_ubah_status(
        klien=k, oleh=kasi, status_baru="SELESAI", tanggal=akhir, alasan="Selesai."
    )
    lewat = akhir + datetime.timedelta(days=masa_retensi_hari() + 1)
    assert klien_anonimkan(k, hari_ini=lewat) is True
    assert list(Kehadiran.objects.filter(klien=k).values_list("keterangan", flat=True)) == [""]
    (entri,) = JejakAudit.objects.filter(content_type__model="kehadiran")
    assert entri.changes["keterangan"] == [REDAKSI, REDAKSI]
