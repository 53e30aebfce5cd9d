"""The HTML checker itself must be able to fail, or the crawl proves nothing."""

import pytest

from tests.rails.vnu import pastikan_vnu, validasi

pytestmark = pytest.mark.slow  # starts the checker's JVM

VALID = (
    '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>t</title></head>'
    "<body><main><p>ok</p></main></body></html>"
)


def test_vnu_menerima_dokumen_valid_dan_menolak_yang_rusak():
    pastikan_vnu()
    rusak = VALID.replace("<p>ok</p>", '<p><div id="x"></div><span id="x">dup</span></p>')
    hasil = validasi({"valid": VALID, "rusak": rusak})
    assert "valid" not in hasil
    assert "rusak" in hasil
    assert any("Duplicate ID" in e for e in hasil["rusak"])
