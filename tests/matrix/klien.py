from . import Baris, hanya, milik_pk


def _klien_pk(d):
    """The first running client in pk's caseload (demo data)."""
    from klien.models import Klien

    klien = Klien.objects.filter(pk_pembimbing=d["pk"]).berjalan().order_by("pk").first()
    return {"pk": klien.pk}


def _lembaga(d):
    """An institution of the reference list (the demo seeds Bali's)."""
    from klien.models import LembagaAsal

    return {"pk": LembagaAsal.objects.order_by("pk").first().pk}


KANTOR = ("kasi", "kasi_lain", "kabapas", "admin")

BARIS = [
    Baris("klien:caseload", hanya("pk", "pk_lain")),
    # a search token this session does not know: the field says so
    Baris("klien:caseload", hanya("pk", "pk_lain"), query="?cari=token-lama&halaman=2"),
    Baris("klien:klien-list", hanya(*KANTOR)),
    Baris("klien:klien-list", hanya(*KANTOR), query="?q=wayan&status=AKTIF&tahap=AWAL"),
    Baris("klien:klien-list", hanya(*KANTOR), query="?kepatuhan=1"),
    # the outcome filters the dashboard links with, and the same filters given bad values
    Baris(
        "klien:klien-list",
        hanya(*KANTOR),
        query="?status=SELESAI&berakhir_dari=2020-01-01&berakhir_sampai=2030-12-31"
        "&mulai_dari=2019-01-01&residivis=12&partisipasi=75_ke_atas&jenis_program=kemandirian"
        "&indikator=bekerja_akhir",
    ),
    Baris(
        "klien:klien-list",
        hanya(*KANTOR),
        query="?berakhir_dari=kemarin&mulai_sampai=2024-13-45&residivis=7&partisipasi=x"
        "&mitra=0&program_bimbingan=x&indikator=x",
    ),
    Baris("klien:klien-ekspor", hanya(*KANTOR), halaman=False),
    Baris("klien:klien-ekspor-xlsx", hanya(*KANTOR), halaman=False),
    Baris("klien:klien-create", hanya("pk", "pk_lain", *KANTOR)),
    Baris("klien:klien-impor", hanya("kasi", "kasi_lain", "admin")),
    # the institutions' reference list, shared by the offices: their Admin keeps it
    Baris("klien:lembaga-list", hanya("admin")),
    Baris("klien:lembaga-create", hanya("admin")),
    Baris("klien:lembaga-update", hanya("admin"), kwargs=_lembaga),
    Baris("klien:klien-impor-templat-xlsx", hanya("kasi", "kasi_lain", "admin"), halaman=False),
    Baris("klien:klien-impor-templat-csv", hanya("kasi", "kasi_lain", "admin"), halaman=False),
    Baris("klien:klien-detail", milik_pk(), kwargs=_klien_pk),
    Baris("klien:klien-update", milik_pk(), kwargs=_klien_pk),
    Baris("klien:klien-status", {**milik_pk(), "admin": 403}, kwargs=_klien_pk),
    Baris(
        "klien:klien-alihkan",
        {**milik_pk(), "pk": 403, "pk_lain": 403, "admin": 403},
        kwargs=_klien_pk,
    ),
    Baris("klien:residivisme-create", milik_pk(), kwargs=_klien_pk),
    Baris("klien:indikator-create", milik_pk(), kwargs=_klien_pk),
    # Privacy (issue 5): Kabapas and Admin only; another office's Kasi is refused by role
    # before the record is looked up.
    Baris(
        "klien:data-subjek",
        {**milik_pk(), "pk": 403, "pk_lain": 403, "kasi": 403, "kasi_lain": 403},
        kwargs=_klien_pk,
    ),
    Baris(
        "klien:tahan-hukum",
        {**milik_pk(), "pk": 403, "pk_lain": 403, "kasi": 403, "kasi_lain": 403},
        kwargs=_klien_pk,
    ),
]
