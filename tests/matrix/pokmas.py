from . import Baris, hanya

# A record of the demo office (Karangasem): its own staff see it, another office gets 404.
KANTOR = {"anon": 302, "kasi_lain": 404, "kanwil": 403, "pusat": 403}


def _mitra(d):
    from pokmas.models import Mitra

    return Mitra.objects.filter(unit=d["pk"].unit).order_by("pk").first().pk


def _mitra_untuk_status(d):
    """A partner whose status page names what a change lacks: a candidate, else one still
    AKTIF whose agreement has expired (the demo's Kelompok Ikan), else the first."""
    from pokmas.models import Mitra

    qs = Mitra.objects.filter(unit=d["pk"].unit).order_by("pk")
    pilihan = qs.filter(status="kandidat").first() or qs.aktif_tanpa_pks().first() or qs.first()
    return pilihan.pk


def _pks(d):
    from pokmas.models import PerjanjianKerjaSama

    return (
        PerjanjianKerjaSama.objects.filter(unit=d["pk"].unit)
        .exclude(dokumen="")
        .order_by("pk")
        .first()
        .pk
    )


def kantor(*peran: str) -> dict[str, int]:
    """200 for the listed roles of the office, 403 for its other roles; kasi_lain (another
    office) gets 404, since a 403 would reveal that the record exists."""
    return {
        **{r: 200 if r in peran else 403 for r in ("pk", "pk_lain", "kasi", "kabapas", "admin")},
        **KANTOR,
    }


def _tanpa_izin_kasi_lain(status: dict[str, int]) -> dict[str, int]:
    return {**status, "kasi_lain": 403}


LIHAT = ("pk", "pk_lain", "kasi", "kabapas", "admin")

BARIS = [
    Baris("pokmas:mitra-list", hanya("pk", "pk_lain", "kasi", "kasi_lain", "kabapas", "admin")),
    Baris("pokmas:mitra-list", hanya(*LIHAT, "kasi_lain"), query="?pks=segera_berakhir"),
    Baris("pokmas:mitra-list", hanya(*LIHAT, "kasi_lain"), query="?q=ikan&status=aktif_tanpa_pks"),
    Baris("pokmas:komposisi", hanya("pk", "pk_lain", "kasi", "kasi_lain", "kabapas", "admin")),
    Baris("pokmas:mitra-create", hanya("admin")),
    Baris("pokmas:mitra-detail", kantor(*LIHAT), kwargs=lambda d: {"pk": _mitra(d)}),
    # Only the admin may edit: kasi_lain lacks the permission, hence 403 before any lookup.
    Baris(
        "pokmas:mitra-update",
        _tanpa_izin_kasi_lain(kantor("admin")),
        kwargs=lambda d: {"pk": _mitra(d)},
    ),
    Baris(
        "pokmas:mitra-status",
        kantor("kasi", "kabapas"),
        kwargs=lambda d: {"pk": _mitra_untuk_status(d)},
    ),
    Baris(
        "pokmas:pks-create",
        _tanpa_izin_kasi_lain(kantor("admin")),
        kwargs=lambda d: {"mitra_pk": _mitra(d)},
    ),
    Baris("pokmas:pks-dokumen", kantor(*LIHAT), kwargs=lambda d: {"pk": _pks(d)}, halaman=False),
]
