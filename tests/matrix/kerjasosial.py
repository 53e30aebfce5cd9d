"""Pidana kerja sosial (issue 14): the clients' pace list and the day of work are the PK's
(own clients) and the office's managers'; the sites are kept by the Kasi, the Kabapas and the
Admin, and seen by every office role; another office's site or client is a 404."""

from . import Baris, hanya, milik_pk

KANTOR = ("pk", "pk_lain", "kasi", "kasi_lain", "kabapas", "admin")
PENCATAT = ("pk", "pk_lain", "kasi", "kasi_lain", "kabapas")


def _lokasi(d):
    """The village-office site of pk's office (demo data)."""
    from kerjasosial.models import LokasiKerjaSosial

    return {"pk": LokasiKerjaSosial.objects.get(unit=d["pk"].unit, jenis="kantor_desa").pk}


def _klien(d):
    """A client of pk serving community service (demo data)."""
    from kerjasosial.models import PutusanKerjaSosial

    putusan = PutusanKerjaSosial.objects.filter(klien__pk_pembimbing=d["pk"]).order_by("pk")
    return {"pk": putusan.first().klien_id}


def _klien_bernama(nama):
    def kwargs(d):
        from kerjasosial.models import PutusanKerjaSosial

        putusan = PutusanKerjaSosial.objects.get(klien__pk_pembimbing=d["pk"], klien__nama=nama)
        return {"pk": putusan.klien_id}

    return kwargs


DI_KANTOR = {**hanya(*PENCATAT), "kasi_lain": 404}

BARIS = [
    Baris("kerjasosial:klien-list", hanya(*PENCATAT)),
    Baris("kerjasosial:lokasi-list", hanya(*KANTOR)),
    Baris("kerjasosial:lokasi-create", hanya("kasi", "kasi_lain", "kabapas", "admin")),
    Baris(
        "kerjasosial:lokasi-update",
        {**hanya("kasi", "kabapas", "admin"), "kasi_lain": 404},
        kwargs=_lokasi,
    ),
    # the site is the office's: another PK of the office opens it (and sees their own clients)
    Baris("kerjasosial:kerja-catat", DI_KANTOR, kwargs=_lokasi),
    Baris("kerjasosial:putusan", {**milik_pk(), "admin": 403}, kwargs=_klien),
    # the documents: the window closed short (demo), and all hours done (demo)
    Baris(
        "kerjasosial:laporan-jaksa",
        {**milik_pk(), "admin": 403},
        kwargs=_klien_bernama("I Wayan Darmayasa"),
        halaman=False,
    ),
    Baris(
        "kerjasosial:sertifikat",
        {**milik_pk(), "admin": 403},
        kwargs=_klien_bernama("I Gede Sedana"),
        halaman=False,
    ),
]
