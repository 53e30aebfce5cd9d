"""A user's own session schedule as an iCalendar feed (RFC 5545, the `icalendar` package).

The feed is read by calendar apps without a login, from a private URL: nothing in it may
identify a client. An event says what kind of contact it is and where (never at a client's
home), and links to the session page, which needs a login.
"""

import datetime
import zoneinfo
from collections.abc import Callable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import User

from .models import Sesi
from .pilihan import JenisSesi

JENDELA_LALU = datetime.timedelta(days=60)
JENDELA_DEPAN = datetime.timedelta(days=180)
# A calendar app is asked to fetch again after this long (REFRESH-INTERVAL, and Outlook's
# and Google's X-PUBLISHED-TTL).
SEGARKAN = datetime.timedelta(hours=1)
PRODID = "-//Bapas//Jadwal bimbingan//ID"


def sesi_langganan(user: User, sekarang: datetime.datetime | None = None):
    """The sessions the feed holds: those in the user's scope that the user records or
    runs (`pk_pencatat`, for a Kasi too), from 60 days ago to 180 days ahead, in order.
    One query, with what a summary needs."""
    sekarang = sekarang or timezone.now()
    return (
        Sesi.objects.for_user(user)
        .filter(
            pk_pencatat=user,
            mulai__gte=sekarang - JENDELA_LALU,
            mulai__lt=sekarang + JENDELA_DEPAN,
        )
        .select_related("program", "pos")
        .order_by("mulai", "pk")
    )


def durasi(sesi: Sesi) -> datetime.timedelta:
    """A session records only its start. A group session (a programme's meeting, an
    outreach day at a post) is shown as two hours, an individual one (a wajib lapor report,
    a home visit) as one hour: enough to block the time in the calendar."""
    return datetime.timedelta(hours=1 if sesi.klien_id else 2)


def judul(sesi: Sesi) -> str:
    """What the event is called: the programme, the post, or only the kind of contact.
    Never the client's name, NIK or register number."""
    if sesi.jenis == JenisSesi.KELOMPOK:
        return sesi.program.nama
    if sesi.jenis == JenisSesi.LAYANAN_POS:
        return _("Hari layanan pos: %(pos)s") % {"pos": sesi.pos.nama}
    return sesi.get_jenis_display()


def tempat(sesi: Sesi) -> str:
    """The session's place, except a home visit's: that is the client's address."""
    return "" if sesi.jenis == JenisSesi.KUNJUNGAN_RUMAH else sesi.tempat


def kalender_ical(
    *,
    user: User,
    sesi: list[Sesi],
    domain: str,
    tautan: Callable[[Sesi], str],
    sekarang: datetime.datetime | None = None,
) -> bytes:
    """The calendar of `sesi` for `user`. `domain` makes the events' UIDs (`sesi-<pk>@…`,
    the same on every fetch, so an app updates an event instead of adding it again);
    `tautan(sesi)` is the absolute URL of a session's page. Times are given in the user's
    office time zone, with its VTIMEZONE."""
    sekarang = sekarang or timezone.now()
    zona = zoneinfo.ZoneInfo(user.unit.zona_waktu)
    kal = icalendar.Calendar()
    kal.add("prodid", PRODID)
    kal.add("version", "2.0")
    kal.add("calscale", "GREGORIAN")
    kal.add("method", "PUBLISH")
    nama = user.get_full_name() or user.username
    kal.add("x-wr-calname", _("Jadwal bimbingan – %(nama)s") % {"nama": nama})
    kal.add("x-wr-timezone", zona.key)
    kal.add("refresh-interval", SEGARKAN, parameters={"VALUE": "DURATION"})
    kal.add("x-published-ttl", icalendar.vDuration(SEGARKAN))
    for s in sesi:
        mulai = s.mulai.astimezone(zona)
        acara = icalendar.Event()
        acara.add("uid", f"sesi-{s.pk}@{domain}")
        acara.add("dtstamp", sekarang)
        acara.add("dtstart", mulai)
        acara.add("dtend", mulai + durasi(s))
        acara.add("summary", judul(s))
        if lokasi := tempat(s):
            acara.add("location", lokasi)
        url = tautan(s)
        uraian = [
            _("Moda: %(moda)s") % {"moda": s.get_moda_display()},
            _("Halaman sesi (perlu masuk): %(url)s") % {"url": url},
        ]
        acara.add("description", "\n".join(uraian))
        acara.add("url", url)
        acara.add("class", "PRIVATE")
        kal.add_component(acara)
    kal.add_missing_timezones()
    return kal.to_ical()
