"""The trail export on the export layer: a streamed CSV with a BOM, its own entry written
before it is sent (and not in the file), and a fixed number of queries."""

import codecs
import csv
import io

from django.http import StreamingHttpResponse
from django.urls import reverse

from jejak.models import JejakAudit, Peristiwa
from jejak.services import catat_peristiwa
from tests.klien.factories import KlienFactory

URL = reverse("jejak:ekspor")


def _baris(resp) -> list[dict]:
    isi = b"".join(resp.streaming_content)
    assert isi.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(isi.decode("utf-8-sig"), newline="")))


def test_ekspor_jejak_mengalir_dan_tidak_memuat_entrinya_sendiri(client, kabapas, pk, unit):
    klien = KlienFactory(unit=unit, pk_pembimbing=pk, nama="=1+1")
    for _ in range(3):
        catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=klien)
    client.force_login(kabapas)
    sebelum = JejakAudit.objects.filter(unit=unit).count()
    resp = client.get(URL)
    assert isinstance(resp, StreamingHttpResponse)
    assert resp["Content-Disposition"] == 'attachment; filename="jejak-audit.csv"'
    (e,) = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR)  # written before the body is read
    assert e.additional_data == {
        "berkas": "jejak-audit.csv",
        "format": "csv",
        "baris": sebelum,
        "saringan": "",
    }
    baris = _baris(resp)
    assert len(baris) == sebelum and "ekspor" not in {b["peristiwa"] for b in baris}
    lihat = [b for b in baris if b["peristiwa"] == "lihat"]
    assert len(lihat) == 3 and lihat[0]["data"] == f"'{klien}"  # formula-safe
    assert lihat[0]["klien_id"] == str(klien.pk)


def test_jumlah_query_ekspor_jejak_tetap(client, kabapas, pk, unit, django_assert_num_queries):
    klien = KlienFactory(unit=unit, pk_pembimbing=pk)
    client.force_login(kabapas)
    for n in (5, 50):
        for _ in range(n):
            catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=klien)
        # session, user, COUNT, the trail entry, the session's update (savepoint, update,
        # release), one SELECT of the entries with their user and content type
        with django_assert_num_queries(8):
            baris = _baris(client.get(URL, {"jenis": "lihat"}))
        assert len(baris) == JejakAudit.objects.filter(jenis=Peristiwa.LIHAT).count()
