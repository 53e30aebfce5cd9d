"""A Kasi's correction of attendance recorded by a PK on an earlier day (with the reason in
the trail), and the attendance form on a ceremony day."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jejak.models import JejakAudit
from pembimbingan.models import Kehadiran
from pembimbingan.pilihan import AlasanAbsen, HasilHadir
from pembimbingan.services import HasilKehadiran, sesi_catat_kehadiran
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import PesertaFactory, ProgramFactory, SesiFactory

HADIR = HasilKehadiran(HasilHadir.HADIR)
TIDAK = HasilKehadiran(HasilHadir.TIDAK_HADIR)


@pytest.fixture
def tercatat_kemarin(pk):
    """A group session of two days ago, recorded by pk yesterday: both present."""
    program = ProgramFactory(unit=pk.unit)
    klien = [
        PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk)).klien
        for _ in range(2)
    ]
    sesi = SesiFactory(
        program=program, pk_pencatat=pk, mulai=timezone.now() - datetime.timedelta(days=2)
    )
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
        sesi = sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil={k.pk: HADIR for k in klien}, versi=0)
    return sesi, klien


def test_koreksi_kasi_wajib_beralasan_dan_tercatat(tercatat_kemarin, kasi):
    sesi, klien = tercatat_kemarin
    with pytest.raises(ValidationError) as e:
        sesi_catat_kehadiran(sesi=sesi, oleh=kasi, hasil={klien[0].pk: TIDAK}, versi=sesi.versi)
    assert "alasan_koreksi" in e.value.message_dict
    assert Kehadiran.objects.get(klien=klien[0]).hasil == HasilHadir.HADIR

    sesi_catat_kehadiran(
        sesi=sesi,
        oleh=kasi,
        hasil={klien[0].pk: TIDAK},
        versi=sesi.versi,
        alasan_koreksi="Klien ternyata tidak datang, menurut daftar hadir mitra.",
    )
    assert Kehadiran.objects.get(klien=klien[0]).hasil == HasilHadir.TIDAK_HADIR
    entri = JejakAudit.objects.filter(content_type__model="kehadiran", actor=kasi).get()
    assert entri.additional_data["koreksi"].startswith("Klien ternyata")
    assert ("alasan koreksi", "Klien ternyata tidak datang, menurut daftar hadir mitra.") in [
        (str(a), str(b)) for a, b in entri.keterangan_tampil()
    ]


def test_pk_lain_tidak_dapat_mengoreksi_catatan_kemarin(tercatat_kemarin, pk_lain, pk):
    sesi, klien = tercatat_kemarin
    with pytest.raises(ValidationError) as e:
        sesi_catat_kehadiran(
            sesi=sesi, oleh=pk_lain, hasil={klien[0].pk: TIDAK}, versi=sesi.versi,
            alasan_koreksi="x",
        )  # fmt: skip
    assert "Kasi atau Kabapas" in str(e.value)
    # the PK who recorded it may change their own record, without a reason
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil={klien[0].pk: TIDAK}, versi=sesi.versi)
    assert Kehadiran.objects.get(klien=klien[0]).hasil == HasilHadir.TIDAK_HADIR


def test_dua_pk_pada_hari_yang_sama_bukan_koreksi(pk, pk_lain):
    program = ProgramFactory(unit=pk.unit)
    k = PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk)).klien
    sesi = SesiFactory(program=program, pk_pencatat=pk, mulai=timezone.now())
    sesi = sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil={k.pk: HADIR}, versi=0)
    sesi_catat_kehadiran(sesi=sesi, oleh=pk_lain, hasil={k.pk: TIDAK}, versi=sesi.versi)
    assert Kehadiran.objects.get(klien=k).hasil == HasilHadir.TIDAK_HADIR


def test_halaman_kasi_meminta_alasan_koreksi(client, tercatat_kemarin, kasi, pk):
    sesi, klien = tercatat_kemarin
    url = reverse("pembimbingan:sesi-kehadiran", args=[sesi.pk])
    client.force_login(kasi)
    resp = client.get(url)
    assert "alasan_koreksi" in resp.context["form"].fields
    data = {"versi": sesi.versi}
    for k in klien:
        data[f"hasil_{k.pk}"] = "hadir"
    data[f"hasil_{klien[1].pk}"] = "tidak_hadir"
    resp = client.post(url, data)
    assert resp.status_code == 200 and "Sebutkan alasan koreksi" in resp.content.decode()
    resp = client.post(url, {**data, "alasan_koreksi": "Salah centang."})
    assert resp.status_code == 302
    # the PK who recorded it sees no such field
    client.force_login(pk)
    assert "alasan_koreksi" not in client.get(url).context["form"].fields


def test_formulir_hari_upacara_alasan_bawaan(client, pk, unit):
    """On Galungan, a Hindu participant's absence reason starts as upacara agama/adat."""
    galungan = datetime.date(2024, 9, 25) + datetime.timedelta(days=210 * 3)  # 2026-06-17
    program = ProgramFactory(unit=unit, tanggal_mulai=galungan - datetime.timedelta(days=30))
    hindu = PesertaFactory(
        program=program,
        klien=KlienFactory(pk_pembimbing=pk, agama="HINDU"),
        tanggal_masuk=galungan - datetime.timedelta(days=30),
    ).klien
    islam = PesertaFactory(
        program=program,
        klien=KlienFactory(pk_pembimbing=pk, agama="ISLAM"),
        tanggal_masuk=galungan - datetime.timedelta(days=30),
    ).klien
    mulai = timezone.make_aware(datetime.datetime.combine(galungan, datetime.time(9)))
    sesi = SesiFactory(program=program, pk_pencatat=pk, mulai=mulai)
    client.force_login(pk)
    resp = client.get(reverse("pembimbingan:sesi-kehadiran", args=[sesi.pk]))
    form = resp.context["form"]
    assert "Galungan" in resp.content.decode()
    # the test office's work area is not in Bali: only the Hindu client's day
    assert form[f"alasan_{hindu.pk}"].initial == AlasanAbsen.UPACARA_AGAMA_ADAT
    assert form[f"alasan_{islam.pk}"].initial == ""
    assert form[f"hasil_{hindu.pk}"].initial == HasilHadir.HADIR  # still present by default
