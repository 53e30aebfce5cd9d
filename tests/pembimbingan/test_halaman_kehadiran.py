"""The attendance screen of one session and the session page: everyone present by default,
the exceptions per participant, one POST through sesi_catat_kehadiran, a stale version
refused on the page with the user's input kept, a double submit harmless, and a query
count that does not grow with the group."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from jejak.models import JejakAudit
from pembimbingan.models import Kehadiran, Sesi
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, JenisSesi
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import PesertaFactory, ProgramFactory, SesiFactory


def _kelompok(unit, pk, n: int):
    program = ProgramFactory(unit=unit)
    klien = [
        PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk)).klien
        for _ in range(n)
    ]
    return SesiFactory(program=program, pk_pencatat=pk), klien


@pytest.fixture
def kelompok(unit, pk):
    return _kelompok(unit, pk, 5)


def _url(sesi):
    return reverse("pembimbingan:sesi-kehadiran", args=[sesi.pk])


def _isian(klien, versi=0, **lain) -> dict:
    """The form as submitted untouched: everyone present."""
    data = {"versi": versi}
    for k in klien:
        data |= {f"hasil_{k.pk}": "hadir", f"alasan_{k.pk}": "", f"keterangan_{k.pk}": ""}
    return data | lain


def test_formulir_semua_hadir_sebagai_awal(client, pk, kelompok):
    sesi, klien = kelompok
    client.force_login(pk)
    isi = client.get(_url(sesi)).content.decode()
    for k in klien:
        assert k.nama in isi
        assert f'name="hasil_{k.pk}" id="id_hasil_{k.pk}_0" value="hadir" checked' in isi
    assert isi.count("<fieldset") == 5 and isi.count("<legend") == 5
    assert 'name="versi" value="0"' in isi


def test_semua_hadir_tersimpan_dan_dialihkan(client, pk, kelompok):
    sesi, klien = kelompok
    client.force_login(pk)
    resp = client.post(_url(sesi), _isian(klien), follow=True)
    assert resp.redirect_chain == [(reverse("pembimbingan:sesi-detail", args=[sesi.pk]), 302)]
    assert "Kehadiran tersimpan." in resp.content.decode()
    rows = Kehadiran.objects.filter(sesi=sesi)
    assert sorted(rows.values_list("klien_id", flat=True)) == sorted(k.pk for k in klien)
    assert set(rows.values_list("hasil", flat=True)) == {HasilHadir.HADIR}
    assert Sesi.objects.get(pk=sesi.pk).versi == 1


def test_hasil_campuran(client, pk, kelompok):
    sesi, (a, b, c, d, e) = kelompok
    client.force_login(pk)
    data = _isian(
        [a, b, c, d, e],
        **{
            f"hasil_{b.pk}": "izin",
            f"alasan_{b.pk}": AlasanAbsen.UPACARA_AGAMA_ADAT,
            f"keterangan_{b.pk}": "Galungan di desa",
            f"hasil_{c.pk}": "tidak_hadir",
            f"hasil_{d.pk}": "menunggu_keterangan",
            f"alasan_{d.pk}": AlasanAbsen.SAKIT,
            # a reason left selected for someone present is dropped
            f"alasan_{e.pk}": AlasanAbsen.PEKERJAAN,
        },
    )
    assert client.post(_url(sesi), data).status_code == 302
    rows = {k.klien_id: k for k in Kehadiran.objects.filter(sesi=sesi)}
    assert rows[a.pk].hasil == HasilHadir.HADIR
    assert (rows[b.pk].hasil, rows[b.pk].alasan, rows[b.pk].dapat_diterima) == (
        HasilHadir.IZIN,
        AlasanAbsen.UPACARA_AGAMA_ADAT,
        True,
    )
    assert rows[b.pk].keterangan == "Galungan di desa"
    assert (rows[c.pk].hasil, rows[c.pk].dapat_diterima) == (HasilHadir.TIDAK_HADIR, False)
    assert rows[d.pk].hasil == HasilHadir.MENUNGGU_KETERANGAN and rows[d.pk].batas_keterangan
    assert (rows[e.pk].hasil, rows[e.pk].alasan) == (HasilHadir.HADIR, "")
    # the session page shows them
    isi = client.get(reverse("pembimbingan:sesi-detail", args=[sesi.pk])).content.decode()
    assert "Upacara agama / adat" in isi and "Galungan di desa" in isi


def test_izin_tanpa_alasan_ditolak_di_formulir(client, pk, kelompok):
    sesi, klien = kelompok
    client.force_login(pk)
    resp = client.post(_url(sesi), _isian(klien, **{f"hasil_{klien[0].pk}": "izin"}))
    assert resp.status_code == 200
    assert "Izin harus disertai alasan." in resp.content.decode()
    assert not Kehadiran.objects.filter(sesi=sesi).exists()


def test_versi_usang_ditolak_dan_isian_tetap(client, pk, kasi, kelompok):
    sesi, klien = kelompok
    a = klien[0]
    client.force_login(kasi)  # Kasi saves first, from the same version 0
    assert client.post(_url(sesi), _isian(klien)).status_code == 302
    client.force_login(pk)
    data = _isian(
        klien,
        **{
            f"hasil_{a.pk}": "tidak_hadir",
            f"alasan_{a.pk}": AlasanAbsen.JARAK_TRANSPORTASI,
            f"keterangan_{a.pk}": "Jalan putus karena longsor",
        },
    )
    resp = client.post(_url(sesi), data)
    isi = resp.content.decode()
    assert resp.status_code == 200
    assert "sudah diubah orang lain" in isi
    assert f"{a.nama}: tersimpan Hadir" in isi  # what differs
    # the user's input is kept, and the form now carries the current version
    assert f'id="id_hasil_{a.pk}_3" value="tidak_hadir" checked' in isi
    assert 'value="Jalan putus karena longsor"' in isi
    assert f'<option value="{AlasanAbsen.JARAK_TRANSPORTASI}" selected>' in isi
    assert 'name="versi" value="1"' in isi
    assert Kehadiran.objects.get(sesi=sesi, klien=a).hasil == HasilHadir.HADIR
    # saving again, having seen the difference, records the user's decision
    data["versi"] = 1
    assert client.post(_url(sesi), data).status_code == 302
    assert Kehadiran.objects.get(sesi=sesi, klien=a).hasil == HasilHadir.TIDAK_HADIR


def test_kirim_dua_kali_tidak_mengubah_apa_pun(client, pk, kelompok):
    sesi, klien = kelompok
    client.force_login(pk)
    data = _isian(klien, **{f"hasil_{klien[1].pk}": "tidak_hadir"})
    assert client.post(_url(sesi), data).status_code == 302
    jejak = JejakAudit.objects.count()
    rows = list(Kehadiran.objects.filter(sesi=sesi).values())
    assert client.post(_url(sesi), data).status_code == 302  # the double tap
    assert list(Kehadiran.objects.filter(sesi=sesi).values()) == rows
    assert JejakAudit.objects.count() == jejak
    assert Sesi.objects.get(pk=sesi.pk).versi == 1


def test_sesi_kantor_lain_404(client, kasi_lain, kelompok):
    sesi, klien = kelompok
    client.force_login(kasi_lain)
    assert client.get(_url(sesi)).status_code == 404
    assert client.post(_url(sesi), _isian(klien)).status_code == 404
    assert client.get(reverse("pembimbingan:sesi-detail", args=[sesi.pk])).status_code == 404
    assert not Kehadiran.objects.exists()


def test_kanwil_403_admin_hanya_melihat(client, kanwil, admin_unit, kelompok):
    sesi, klien = kelompok
    client.force_login(kanwil)
    assert client.get(_url(sesi)).status_code == 403
    assert client.get(reverse("pembimbingan:sesi-detail", args=[sesi.pk])).status_code == 403
    client.force_login(admin_unit)
    assert client.post(_url(sesi), _isian(klien)).status_code == 403
    isi = client.get(reverse("pembimbingan:sesi-detail", args=[sesi.pk])).content.decode()
    assert "Catat kehadiran" not in isi
    assert not Kehadiran.objects.exists()


def test_pk_lain_mencatat_sesi_kelompok_tapi_bukan_wajib_lapor_klien_lain(
    client, pk, pk_lain, kelompok
):
    sesi, klien = kelompok
    client.force_login(pk_lain)  # a group session of the office: any PK records it
    assert client.post(_url(sesi), _isian(klien)).status_code == 302
    lapor = SesiFactory(program=None, klien=klien[0], jenis=JenisSesi.WAJIB_LAPOR, pk_pencatat=pk)
    assert client.get(_url(lapor)).status_code == 404  # pk's client's report: not theirs


def test_sesi_mendatang_belum_dapat_dicatat(client, pk, unit):
    program = ProgramFactory(unit=unit)
    PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk))
    besok = SesiFactory(
        program=program, pk_pencatat=pk, mulai=timezone.now() + datetime.timedelta(days=2)
    )
    client.force_login(pk)
    isi = client.get(_url(besok)).content.decode()
    assert "belum dapat dicatat" in isi and "<fieldset" not in isi


# GET: session, user, the session (scoped), the stored rows, the participants, whether the
# office is in Bali (the ceremony days), and the session's save (savepoint, update,
# release): 9.
# POST: the same six reads; the service in its savepoint (the session locked, the
# participants, the stored rows, one upsert, the audit entries' content type and their one
# insert, the rows' grain for the attendance rollup, the upsert of its cells and of its
# office cells, the version bump, the participants locked, the miss counts for all): 14 with
# the savepoint and its release; then the session's save (3): 23.
QUERY = {"get": 9, "post": 23}


@pytest.mark.parametrize("metode", ["get", "post"])
@pytest.mark.parametrize("n", [5, 40])
def test_jumlah_query_sama_untuk_5_dan_40_peserta(
    client, pk, unit, metode, n, django_assert_num_queries
):
    sesi, klien = _kelompok(unit, pk, n)
    client.force_login(pk)
    ContentType.objects.clear_cache()  # the content type is read once per process: not cached
    with django_assert_num_queries(QUERY[metode]):
        resp = getattr(client, metode)(_url(sesi), _isian(klien) if metode == "post" else None)
    assert resp.status_code == (302 if metode == "post" else 200)
    if metode == "post":
        assert Kehadiran.objects.filter(sesi=sesi).count() == n
