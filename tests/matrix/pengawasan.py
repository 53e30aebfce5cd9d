"""Pidana pengawasan (issue 14): the pages about a client's order are the PK's (own
clients) and the office's managers'; the Admin reads a consideration but records nothing;
the watch list is the Kasi's and the Kabapas's. The rows point at the demo's supervision
clients of pk (pengawasan/demo.py)."""

from . import PERAN_UJI, Baris, hanya, milik_pk


def _klien(dengan_putusan: bool):
    def kwargs(d):
        from klien.models import Klien
        from klien.pilihan import ProgramIntegrasi

        qs = Klien.objects.filter(
            pk_pembimbing=d["pk"], program=ProgramIntegrasi.PENGAWASAN
        ).berjalan()
        return {"pk": qs.filter(pidana_pengawasan__isnull=not dengan_putusan).order_by("pk")[0].pk}

    return kwargs


def _syarat(d):
    from pengawasan.models import SyaratPengawasan

    syarat = SyaratPengawasan.objects.filter(klien__pk_pembimbing=d["pk"], status="BERJALAN")
    return {"pk": syarat.order_by("pk")[0].pk}


def _pertimbangan(d):
    from pengawasan.models import PertimbanganPK

    qs = PertimbanganPK.objects.filter(klien__pk_pembimbing=d["pk"], hasil="MENUNGGU")
    return {"pk": qs.order_by("pk")[0].pk}


def _catat() -> dict[str, int]:
    """CATAT_PENGAWASAN on a record of pk: 404 where it is out of reach."""
    status = dict.fromkeys(PERAN_UJI, 403) | {"anon": 302, "pk": 200, "kasi": 200, "kabapas": 200}
    return status | {"pk_lain": 404, "kasi_lain": 404}


BARIS = [
    Baris("pengawasan:pantau", hanya("kasi", "kasi_lain", "kabapas")),
    Baris("pengawasan:pengawasan-create", _catat(), kwargs=_klien(False)),
    Baris("pengawasan:syarat-create", _catat(), kwargs=_klien(True)),
    Baris("pengawasan:pertimbangan-create", _catat(), kwargs=_klien(True)),
    Baris("pengawasan:syarat-status", _catat(), kwargs=_syarat),
    Baris("pengawasan:pertimbangan-detail", milik_pk(), kwargs=_pertimbangan),
    Baris("pengawasan:pertimbangan-hasil", _catat(), kwargs=_pertimbangan),
]
