"""An export started from its page as a background job, run, and downloaded: for the tests
of the exports that became jobs (the monthly report, the regional tables, a large client
export)."""

from urllib.parse import urlencode

from django.urls import reverse

from pekerjaan.models import Pekerjaan, StatusPekerjaan

from .antrean import kerjakan_antrean, pekerjaan_dari


def jalankan_ekspor(client, url: str, query: dict | None = None) -> Pekerjaan:
    """POST the page's button (its query string in the URL, as the form's action carries
    it), run the job it started, and return the job as it ended."""
    resp = client.post(f"{url}?{urlencode(query, doseq=True)}" if query else url)
    p = pekerjaan_dari(resp)
    kerjakan_antrean()
    p.refresh_from_db()
    return p


def unduh_ekspor(client, url: str, query: dict | None = None):
    """`jalankan_ekspor`, then the job's file through its download (a FileResponse)."""
    p = jalankan_ekspor(client, url, query)
    assert p.status == StatusPekerjaan.SELESAI, p.pesan_galat
    return client.get(reverse("pekerjaan:unduh", args=[p.pk]))


def isi(resp) -> bytes:
    return b"".join(resp.streaming_content)
