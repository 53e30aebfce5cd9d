from . import PERAN_UJI, Baris, semua


def _pekerjaan_kasi(gagal: bool):
    """One of the Kasi's demo import jobs (klien/demo_latar.py): done, or refused."""

    def kwargs(d):
        from pekerjaan.models import Pekerjaan

        p = Pekerjaan.objects.filter(pemilik=d["kasi"], status="gagal" if gagal else "selesai")
        return {"pk": p.order_by("dibuat").first().pk}

    return kwargs


def _milik_kasi(ok: int = 200) -> dict[str, int]:
    """A job is seen by who started it: anyone else, even of the same office, gets 404."""
    return {r: 302 if r == "anon" else ok if r == "kasi" else 404 for r in PERAN_UJI}


BARIS = [
    Baris("pekerjaan:daftar", semua(200) | {"anon": 302}),
    # the refused one: its page holds the most (the reason and the table of rows)
    Baris("pekerjaan:detail", _milik_kasi(), kwargs=_pekerjaan_kasi(gagal=True)),
    # without htmx the status block sends the browser to the job's page
    Baris("pekerjaan:status", _milik_kasi(302), kwargs=_pekerjaan_kasi(gagal=False), halaman=False),
    # an import leaves no file to download
    Baris("pekerjaan:unduh", _milik_kasi(404), kwargs=_pekerjaan_kasi(gagal=False), halaman=False),
]
