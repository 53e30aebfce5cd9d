from . import PERAN_UJI, Baris, hanya, milik_pk


def _klien_pk(d):
    """The first running client in pk's caseload (demo data)."""
    from klien.models import Klien

    klien = Klien.objects.filter(pk_pembimbing=d["pk"]).berjalan().order_by("pk").first()
    return {"pk": klien.pk}


def _lembaga(d):
    """An institution of the reference list (the demo seeds Bali's)."""
    from klien.models import LembagaAsal

    return {"pk": LembagaAsal.objects.order_by("pk").first().pk}


def _klien_dapat_dicabut(d):
    """A running client of pk in a programme revocation applies to, without an open
    proposal (demo data)."""
    from klien.models import Klien
    from klien.pilihan import PROGRAM_DAPAT_DICABUT, TAHAP_TERBUKA

    klien = (
        Klien.objects.filter(pk_pembimbing=d["pk"], program__in=PROGRAM_DAPAT_DICABUT)
        .berjalan()
        .exclude(usulan_pencabutan__tahap__in=TAHAP_TERBUKA)
        .order_by("pk")
        .first()
    )
    return {"pk": klien.pk}


def _usulan(tahap):
    """The demo's proposal at `tahap`, about a client of pk (klien/demo_pencabutan.py)."""

    def kwargs(d):
        from klien.models import UsulanPencabutan

        return {"pk": UsulanPencabutan.objects.get(klien__pk_pembimbing=d["pk"], tahap=tahap).pk}

    return kwargs


def _usulan_status(**ok):
    """A proposal about a client of pk: 404 where the record is out of reach (another PK,
    another office), else `ok` for the roles holding the step's permission, 403 otherwise."""
    status = dict.fromkeys(PERAN_UJI, 403) | {"anon": 302} | ok
    for r in ("pk_lain", "kasi_lain"):
        if status[r] == 200:
            status[r] = 404
    return status


KANTOR = ("kasi", "kasi_lain", "kabapas", "admin")
PENGUSUL = ("pk", "pk_lain", "kasi", "kasi_lain")  # USULKAN_PENCABUTAN

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
    # the end at expiry: confirmed by a POST (a GET is 405 for who may change a status)
    Baris(
        "klien:klien-akhiri-ekspirasi",
        hanya("pk", "pk_lain", "kasi", "kasi_lain", "kabapas", ok=405),
        kwargs=_klien_pk,
        halaman=False,
    ),
    # revocation as a proposal: a PK proposes, the TPP (Kasi, Kabapas) recommends, the
    # Kabapas decides, the SK is recorded (Kasi, Kabapas)
    Baris("klien:usulan-list", hanya("pk", "pk_lain", "kasi", "kasi_lain", "kabapas")),
    Baris(
        "klien:usulan-create",
        _usulan_status(**dict.fromkeys(PENGUSUL, 200)),
        kwargs=_klien_dapat_dicabut,
    ),
    # (a proposal at each open stage; the query string, which the page ignores, only tells
    # the rows apart)
    *(
        Baris(
            "klien:usulan-detail",
            _usulan_status(**dict.fromkeys(("pk", "pk_lain", "kasi", "kasi_lain", "kabapas"), 200)),
            kwargs=_usulan(tahap),
            query=f"?tahap={tahap}",
        )
        for tahap in ("DIUSULKAN", "DIREKOMENDASIKAN", "SEMENTARA")
    ),
    Baris(
        "klien:usulan-tpp",
        _usulan_status(kasi=200, kasi_lain=200, kabapas=200),
        kwargs=_usulan("DIUSULKAN"),
    ),
    # a step the proposal is not at: back to the proposal, with a message
    Baris(
        "klien:usulan-tpp",
        _usulan_status(kasi=302, kasi_lain=404, kabapas=302),
        kwargs=_usulan("SEMENTARA"),
        query="?tahap=SEMENTARA",
        halaman=False,
    ),
    Baris("klien:usulan-putuskan", _usulan_status(kabapas=200), kwargs=_usulan("DIREKOMENDASIKAN")),
    Baris(
        "klien:usulan-sk",
        _usulan_status(kasi=200, kasi_lain=200, kabapas=200),
        kwargs=_usulan("SEMENTARA"),
    ),
    Baris("klien:usulan-pulihkan", _usulan_status(kabapas=200), kwargs=_usulan("SEMENTARA")),
    Baris(
        "klien:usulan-tarik",
        _usulan_status(**dict.fromkeys(PENGUSUL, 200)),
        kwargs=_usulan("DIUSULKAN"),
    ),
]
