"""Whatever reaches the trail can be stored, on SQLite and on PostgreSQL (issue 10, finding 5).

A `%00` in a URL gave a logged-in user a 500 on PostgreSQL: the refusal's path went into a
jsonb column, which refuses NUL. Every entry now writes out what a database refuses (NUL,
lone surrogates) as escapes, whatever event it is and whichever column carries it. Run with
DATABASE_URL=postgres://... as well: SQLite alone stores NUL and would not see the bug.
"""

import pytest

from jejak.models import JejakAudit, Peristiwa, bisa_disimpan
from jejak.services import catat_peristiwa


def _ditolak():
    return list(JejakAudit.objects.filter(jenis=Peristiwa.DITOLAK))


@pytest.mark.parametrize(
    ("url", "status", "path"),
    [
        ("/klien/%00/", 404, "/klien/\\x00/"),  # no such pattern
        ("/klien/1%00/", 404, "/klien/1\\x00/"),
        ("/%00%00/ekspor", 404, "/\\x00\\x00/ekspor"),
        ("/jejak/?data=%00", 403, "/jejak/"),  # the query never reaches the trail
    ],
)
def test_nul_di_alamat_ditolak_dan_tercatat_tanpa_500(client, pk, url, status, path):
    client.force_login(pk)
    assert client.get(url).status_code == status
    (e,) = _ditolak()
    assert e.additional_data["path"] == path
    assert e.additional_data["status"] == status
    e.refresh_from_db()  # what the database holds, not what was handed to it
    assert e.additional_data["path"] == path


def test_header_palsu_dengan_nul_tidak_sampai_ke_jejak(client, pk, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    client.force_login(pk)
    resp = client.get(
        "/klien/%00/", REMOTE_ADDR="10.9.8.7", HTTP_X_FORWARDED_FOR="198.51.100.7\x00"
    )
    assert resp.status_code == 404
    (e,) = _ditolak()
    assert e.remote_addr == "10.9.8.7"  # not an address: the connection's own is recorded


def test_setiap_peristiwa_dan_setiap_kolom_bisa_disimpan(pk):
    """Every event goes through the same gate, whatever carries the character: a key or
    value of the details (nested too), or the record's label."""
    pk.first_name = "Nyoman\x00"  # a label built in memory, as str(objek) is
    e = catat_peristiwa(
        Peristiwa.IMPOR,
        pelaku=pk,
        objek=pk,
        data={
            "berkas\x00": "klien\udc80.csv",
            "kesalahan": ["baris 2: nama \x00", {"kolom": "\ud83d"}],
            "baris": 3,
            "hasil": None,
        },
    )
    e.refresh_from_db()
    assert e.additional_data == {
        "berkas\\x00": "klien\\udc80.csv",
        "kesalahan": ["baris 2: nama \\x00", {"kolom": "\\ud83d"}],
        "baris": 3,
        "hasil": None,
    }
    assert e.object_repr.startswith("Nyoman\\x00")


def test_teks_biasa_tidak_berubah():
    nilai = {"path": "/klien/12/", "nama": "Ni Luh Ayu — Bali 🌺", "n": [1, 2.5, True]}
    assert bisa_disimpan(nilai) == nilai
