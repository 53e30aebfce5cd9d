"""The private calendar feed (issue 11, part 7): it parses back with `icalendar`, holds the
user's own sessions in the window and no client's name, NIK or register number, and stops
working when revoked; the subscription page shows the address once."""

import datetime
import re

import icalendar
import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from akun.models import Peran
from jejak.models import JejakAudit, Peristiwa
from pembimbingan.models import TokenKalender
from pembimbingan.pilihan import JenisSesi, ModaSesi
from pembimbingan.services_langganan import (
    kalender_buat_kunci,
    kalender_cabut,
    sidik_kunci,
)
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import (
    HariLayananFactory,
    PosLayananFactory,
    ProgramFactory,
    SesiFactory,
)

HARI = datetime.timedelta(days=1)

NAMA_KLIEN = "Ni Komang Zulaikha Rahasiawati"
NIK_KLIEN = "5107015505909871"
REGISTER_KLIEN = "PAS-ZULAIKHA-9137"
NAMA_KLIEN_LAIN = "I Gede Xaverius Tersembunyi"


def _url(kunci: str) -> str:
    return reverse("pembimbingan:ical", args=[kunci])


def _acara(resp) -> dict[str, icalendar.Event]:
    kal = icalendar.Calendar.from_ical(resp.content)
    return {str(e["uid"]): e for e in kal.walk("VEVENT")}


def _uid(sesi) -> str:
    return f"sesi-{sesi.pk}@testserver"


@pytest.fixture
def klien_pk(pk):
    return KlienFactory(
        pk_pembimbing=pk, nama=NAMA_KLIEN, nik=NIK_KLIEN, no_register=REGISTER_KLIEN
    )


@pytest.fixture
def klien_pk_lain(pk_lain):
    return KlienFactory(pk_pembimbing=pk_lain, nama=NAMA_KLIEN_LAIN)


@pytest.fixture
def jadwal(unit, unit_lain, pk, pk_lain, kasi, klien_pk, klien_pk_lain):
    """pk's sessions in the window (one of each kind), and the ones the feed must leave out."""
    now = timezone.now()
    program = ProgramFactory(unit=unit, nama="Budidaya Ikan Nila")
    pos = PosLayananFactory(unit=unit, nama="Pos Nusa Penida")
    individu = {"program": None, "klien": klien_pk, "pk_pencatat": pk}
    masuk = {
        "kelompok": SesiFactory(
            program=program, pk_pencatat=pk, mulai=now + 7 * HARI, tempat="Aula Bapas"
        ),
        "kelompok_lalu": SesiFactory(program=program, pk_pencatat=pk, mulai=now - 59 * HARI),
        "pos": HariLayananFactory(
            pos=pos, pk_pencatat=pk, mulai=now + 3 * HARI, tempat="Balai Desa Ped"
        ),
        "lapor": SesiFactory(
            **individu,
            jenis=JenisSesi.WAJIB_LAPOR,
            mulai=now - 2 * HARI,
            tempat="Kantor Bapas",
        ),
        "kunjungan": SesiFactory(
            **individu,
            jenis=JenisSesi.KUNJUNGAN_RUMAH,
            mulai=now + 20 * HARI,
            moda=ModaSesi.LOKASI_MITRA,
            tempat=f"Rumah {NAMA_KLIEN}, Banjar Kelod",
        ),
    }
    luar = {
        "terlalu_lama": SesiFactory(program=program, pk_pencatat=pk, mulai=now - 61 * HARI),
        "terlalu_jauh": SesiFactory(program=program, pk_pencatat=pk, mulai=now + 181 * HARI),
        "dicatat_pk_lain": SesiFactory(program=program, pk_pencatat=pk_lain, mulai=now + HARI),
        "dicatat_kasi": SesiFactory(program=program, pk_pencatat=kasi, mulai=now + HARI),
        # another PK's own client: out of pk's scope even where pk is named as recorder
        "klien_pk_lain": SesiFactory(
            program=None,
            klien=klien_pk_lain,
            jenis=JenisSesi.WAJIB_LAPOR,
            pk_pencatat=pk_lain,
            mulai=now + HARI,
        ),
        "klien_pk_lain_oleh_pk": SesiFactory(
            program=None,
            klien=klien_pk_lain,
            jenis=JenisSesi.KUNJUNGAN_RUMAH,
            pk_pencatat=pk,
            mulai=now + 2 * HARI,
        ),
        "kantor_lain": SesiFactory(program=ProgramFactory(unit=unit_lain), mulai=now + HARI),
    }
    return masuk, luar


# --- The feed ----------------------------------------------------------------------------


def test_feed_memuat_sesi_pk_di_jendela(client, pk, jadwal):
    masuk, _ = jadwal
    resp = client.get(_url(kalender_buat_kunci(user=pk)))
    assert resp.status_code == 200
    assert resp["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in resp["Cache-Control"]
    kal = icalendar.Calendar.from_ical(resp.content)
    assert str(kal["version"]) == "2.0" and "Bapas" in str(kal["prodid"])
    assert str(kal["x-wr-calname"]) == f"Jadwal bimbingan – {pk.get_full_name()}"
    assert kal.decoded("refresh-interval") == datetime.timedelta(hours=1)
    acara = _acara(resp)
    # exactly the sessions in the window, in time order
    urut = sorted(masuk.values(), key=lambda s: s.mulai)
    assert list(acara) == [_uid(s) for s in urut]

    def ini(nama):
        return acara[_uid(masuk[nama])]

    assert str(ini("kelompok")["summary"]) == "Budidaya Ikan Nila"
    assert str(ini("pos")["summary"]) == "Hari layanan pos: Pos Nusa Penida"
    assert str(ini("lapor")["summary"]) == "Wajib lapor"
    assert str(ini("kunjungan")["summary"]) == "Kunjungan rumah"
    assert str(ini("kelompok")["location"]) == "Aula Bapas"
    assert str(ini("pos")["location"]) == "Balai Desa Ped"
    assert str(ini("lapor")["location"]) == "Kantor Bapas"
    assert "location" not in ini("kunjungan")  # a home visit's place is the client's address
    for nama, sesi in masuk.items():
        e = ini(nama)
        mulai = e.decoded("dtstart")
        assert mulai == sesi.mulai.replace(microsecond=0) and str(mulai.tzinfo) == "Asia/Makassar"
        jam = 1 if nama in ("lapor", "kunjungan") else 2  # group sessions are given two hours
        assert e.decoded("dtend") - mulai == datetime.timedelta(hours=jam)
        tautan = f"http://testserver/pembimbingan/sesi/{sesi.pk}/"
        assert tautan in str(e["description"]) and str(e["url"]) == tautan
        assert str(e["class"]) == "PRIVATE"
    assert "Panggilan video" not in str(ini("kunjungan")["description"])
    assert "Lokasi mitra" in str(ini("kunjungan")["description"])
    assert "Kantor Bapas" in str(ini("lapor")["description"])


def test_uid_tetap_di_setiap_pengambilan(client, pk, jadwal):
    url = _url(kalender_buat_kunci(user=pk))
    assert list(_acara(client.get(url))) == list(_acara(client.get(url)))


def test_feed_tanpa_nama_nik_atau_register_klien(client, pk, jadwal):
    isi = client.get(_url(kalender_buat_kunci(user=pk))).content.decode()
    # lines longer than 75 octets are folded (CRLF + space): join them before looking
    utuh = isi.replace("\r\n ", "").replace("\\,", ",")
    for rahasia in (NAMA_KLIEN, NIK_KLIEN, REGISTER_KLIEN, NAMA_KLIEN_LAIN, "Zulaikha"):
        assert rahasia.lower() not in utuh.lower()
    assert utuh.count("BEGIN:VEVENT") == 5  # the sessions about the client are there


def test_feed_kasi_memuat_sesi_yang_ia_catat(client, kasi, pk, klien_pk, jadwal):
    _, luar = jadwal
    lapor_kasi = SesiFactory(
        program=None,
        klien=klien_pk,
        jenis=JenisSesi.WAJIB_LAPOR,
        pk_pencatat=kasi,
        mulai=timezone.now() + HARI,
    )
    acara = _acara(client.get(_url(kalender_buat_kunci(user=kasi))))
    assert set(acara) == {_uid(luar["dicatat_kasi"]), _uid(lapor_kasi)}


def test_kunci_tak_dikenal_404(client, pk, jadwal):
    kalender_buat_kunci(user=pk)
    assert client.get(_url("bukan-kunci-yang-pernah-dibuat")).status_code == 404
    assert client.get("/pembimbingan/ical/.ics").status_code == 404


def test_kunci_dicabut_404(client, pk, jadwal):
    url = _url(kalender_buat_kunci(user=pk))
    assert client.get(url).status_code == 200
    assert kalender_cabut(user=pk) is True
    assert client.get(url).status_code == 404
    assert kalender_cabut(user=pk) is False  # nothing left to revoke


def test_kunci_baru_mencabut_yang_lama(client, pk):
    lama = kalender_buat_kunci(user=pk)
    baru = kalender_buat_kunci(user=pk)
    assert client.get(_url(lama)).status_code == 404
    assert client.get(_url(baru)).status_code == 200
    aktif = TokenKalender.objects.filter(user=pk, dicabut_pada__isnull=True)
    assert [t.sidik for t in aktif] == [sidik_kunci(baru)]
    assert TokenKalender.objects.filter(user=pk).count() == 2


def test_kunci_disimpan_hanya_sidiknya(pk):
    kunci = kalender_buat_kunci(user=pk)
    assert len(kunci) >= 43
    token = TokenKalender.objects.get(user=pk)
    assert token.sidik == sidik_kunci(kunci) != kunci and len(token.sidik) == 64


@pytest.mark.parametrize(
    "ubah", [{"is_active": False}, {"peran": Peran.ADMIN}], ids=["nonaktif", "peran-lain"]
)
def test_pemilik_tak_berhak_lagi_404(client, pk, ubah):
    url = _url(kalender_buat_kunci(user=pk))
    for nama, nilai in ubah.items():
        setattr(pk, nama, nilai)
    pk.save()
    assert client.get(url).status_code == 404


def test_jumlah_query_feed_tetap(client, pk, jadwal, django_assert_num_queries):
    url = _url(kalender_buat_kunci(user=pk))
    # the key with its user and office; the sessions (with programme and post); the note
    # of use, written on the first fetch ...
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200
    # ... and not again within the hour, whatever the number of sessions
    masuk, _ = jadwal
    SesiFactory.create_batch(
        10, program=masuk["kelompok"].program, pk_pencatat=pk, mulai=timezone.now() + HARI
    )
    with django_assert_num_queries(2):
        assert len(_acara(client.get(url))) == len(masuk) + 10


def test_terakhir_dipakai_paling_sering_sejam_sekali(client, pk, time_machine):
    awal = timezone.now()
    time_machine.move_to(awal, tick=False)
    url = _url(kalender_buat_kunci(user=pk))
    token = TokenKalender.objects.get(user=pk)
    assert token.terakhir_dipakai is None
    client.get(url)
    token.refresh_from_db()
    assert token.terakhir_dipakai == awal
    time_machine.move_to(awal + datetime.timedelta(minutes=59), tick=False)
    client.get(url)
    token.refresh_from_db()
    assert token.terakhir_dipakai == awal
    time_machine.move_to(awal + datetime.timedelta(minutes=61), tick=False)
    client.get(url)
    token.refresh_from_db()
    assert token.terakhir_dipakai == awal + datetime.timedelta(minutes=61)


# --- The audit trail ---------------------------------------------------------------------


def _jejak_token():
    return JejakAudit.objects.filter(
        content_type=ContentType.objects.get_for_model(TokenKalender)
    ).order_by("pk")


def test_buat_dan_cabut_masuk_jejak_tanpa_sidik(pk):
    kalender_buat_kunci(user=pk)
    kalender_buat_kunci(user=pk)
    kalender_cabut(user=pk)
    entri = list(_jejak_token())
    assert [e.jenis for e in entri] == [
        Peristiwa.BUAT,
        Peristiwa.UBAH,  # the first key revoked by the second
        Peristiwa.BUAT,
        Peristiwa.UBAH,  # the second revoked
    ]
    for e in entri:
        assert "sidik" not in (e.changes or {})
        assert "terakhir_dipakai" not in (e.changes or {})
    assert "dicabut_pada" in entri[-1].changes


def test_pengambilan_feed_tidak_membanjiri_jejak(client, pk, jadwal):
    url = _url(kalender_buat_kunci(user=pk))
    sebelum = JejakAudit.objects.count()
    for _ in range(3):
        assert client.get(url).status_code == 200
    client.get(_url("kunci-salah"))  # an app polling a revoked key: anonymous, not written
    assert JejakAudit.objects.count() == sebelum
    client.force_login(pk)  # a browser with a session open (its login is an entry)
    sebelum = JejakAudit.objects.count()
    assert client.get(url).status_code == 200
    assert JejakAudit.objects.count() == sebelum


def test_penolakan_feed_dicatat_tanpa_kunci(client, pk):
    kunci = kalender_buat_kunci(user=pk)
    kalender_cabut(user=pk)
    client.force_login(pk)
    assert client.get(_url(kunci)).status_code == 404
    (e,) = JejakAudit.objects.filter(jenis=Peristiwa.DITOLAK)
    assert kunci not in str(e.additional_data) and kunci not in e.object_repr
    assert e.additional_data["path"] == "/pembimbingan/ical/<str:kunci>.ics"


def test_penolakan_halaman_lain_tetap_dengan_alamatnya(client, pk):
    client.force_login(pk)
    assert client.get("/pembimbingan/sesi/987654/").status_code == 404
    (e,) = JejakAudit.objects.filter(jenis=Peristiwa.DITOLAK)
    assert e.additional_data["path"] == "/pembimbingan/sesi/987654/"


# --- The subscription page ---------------------------------------------------------------

HALAMAN = "/pembimbingan/langganan/"
ALAMAT = re.compile(r">(http://testserver/pembimbingan/ical/([A-Za-z0-9_-]+)\.ics)</textarea>")


def test_halaman_get_tidak_membuat_apa_pun(client, pk):
    client.force_login(pk)
    resp = client.get(reverse("pembimbingan:langganan"))
    assert resp.status_code == 200 and reverse("pembimbingan:langganan") == HALAMAN
    assert not TokenKalender.objects.exists()
    html = resp.content.decode()
    assert "Tidak aktif" in html and "/pembimbingan/ical/" not in html


def test_alamat_hanya_ditampilkan_sesaat_setelah_dibuat(client, pk, jadwal):
    client.force_login(pk)
    resp = client.post(HALAMAN, {"aksi": "buat"})
    assert resp.status_code == 200
    html = resp.content.decode()
    alamat, kunci = ALAMAT.search(html).groups()
    assert TokenKalender.objects.get(user=pk, dicabut_pada__isnull=True).sidik == sidik_kunci(kunci)
    assert f'href="webcal://testserver/pembimbingan/ical/{kunci}.ics"' in html
    assert "hanya ditampilkan sekali" in html
    # the address works, for an app without a session
    client.logout()
    assert client.get(alamat).status_code == 200
    # later the page says since when, never the address again
    client.force_login(pk)
    html = client.get(HALAMAN).content.decode()
    assert kunci not in html and "/pembimbingan/ical/" not in html
    assert "Aktif sejak" in html and "belum pernah" not in html  # the fetch above is noted


def test_buat_alamat_baru_dari_halaman_mencabut_yang_lama(client, pk):
    client.force_login(pk)
    (lama,) = ALAMAT.search(client.post(HALAMAN, {"aksi": "buat"}).content.decode()).groups()[:1]
    (baru,) = ALAMAT.search(client.post(HALAMAN, {"aksi": "buat"}).content.decode()).groups()[:1]
    assert lama != baru
    client.logout()
    assert client.get(lama).status_code == 404 and client.get(baru).status_code == 200


def test_cabut_dari_halaman_perlu_dicentang(client, pk):
    url = _url(kalender_buat_kunci(user=pk))
    client.force_login(pk)
    resp = client.post(HALAMAN, {"aksi": "cabut"})
    assert resp.status_code == 200
    assert "Centang kotak ini untuk menghentikan langganan." in resp.content.decode()
    assert TokenKalender.objects.filter(user=pk, dicabut_pada__isnull=True).exists()
    resp = client.post(HALAMAN, {"aksi": "cabut", "yakin": "on"}, follow=True)
    assert resp.redirect_chain == [(HALAMAN, 302)]
    assert "Langganan kalender dihentikan." in resp.content.decode()
    assert not TokenKalender.objects.filter(user=pk, dicabut_pada__isnull=True).exists()
    client.logout()
    assert client.get(url).status_code == 404


def test_aksi_tak_dikenal_tidak_mengubah_apa_pun(client, pk):
    client.force_login(pk)
    resp = client.post(HALAMAN, {"aksi": "hapus-semua"}, follow=True)
    assert resp.redirect_chain == [(HALAMAN, 302)]
    assert "Permintaan tidak dikenal" in resp.content.decode()
    assert not TokenKalender.objects.exists()


@pytest.mark.parametrize("peran", ["kasi", "kabapas"])
def test_kasi_dan_kabapas_boleh_berlangganan(client, peran, request):
    user = request.getfixturevalue(peran)
    client.force_login(user)
    assert client.get(HALAMAN).status_code == 200
    assert ALAMAT.search(client.post(HALAMAN, {"aksi": "buat"}).content.decode())


@pytest.mark.parametrize("peran", ["admin_unit", "kanwil"])
def test_admin_dan_kanwil_ditolak(client, peran, request):
    client.force_login(request.getfixturevalue(peran))
    assert client.get(HALAMAN).status_code == 403
    assert client.post(HALAMAN, {"aksi": "buat"}).status_code == 403
    assert not TokenKalender.objects.exists()


def test_anonim_diarahkan_ke_login(client, db):
    resp = client.post(HALAMAN, {"aksi": "buat"})
    assert resp.status_code == 302 and reverse("akun:login") in resp["Location"]
    assert not TokenKalender.objects.exists()


def test_tautan_dari_halaman_kalender(client, pk, admin_unit):
    client.force_login(pk)
    assert f'href="{HALAMAN}"' in client.get(reverse("pembimbingan:kalender")).content.decode()
    client.force_login(admin_unit)
    assert HALAMAN not in client.get(reverse("pembimbingan:kalender")).content.decode()
