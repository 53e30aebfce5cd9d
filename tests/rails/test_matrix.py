"""Every named URL has a row in the permission matrix, and no row points at nothing."""

from collections import Counter

import pytest

from tests.matrix import MATRIX, Baris, hanya
from tests.rails.urls import baris_hilang, semua_nama_url


def test_setiap_url_punya_baris_di_matrix():
    hilang = baris_hilang(semua_nama_url(), [b.url_name for b in MATRIX])
    assert not hilang, f"URL patterns without a permission-matrix row: {sorted(hilang)}"


def test_tidak_ada_baris_untuk_url_yang_tidak_ada():
    usang = {b.url_name for b in MATRIX} - semua_nama_url()
    assert not usang, f"Matrix rows for URL names that do not exist: {sorted(usang)}"


def test_baris_url_tanpa_argumen_tidak_ganda():
    # a URL may appear several times only with different arguments or query strings
    dup = [k for k, n in Counter((b.url_name, b.query) for b in MATRIX).items() if n > 1]
    assert not dup


def test_pemeriksa_cakupan_menangkap_url_baru():
    assert baris_hilang({"a:x", "a:baru"}, ["a:x"]) == {"a:baru"}


def test_baris_wajib_menyebut_semua_peran():
    with pytest.raises(ValueError, match="no expected status"):
        Baris("a:x", {"anon": 302})
    assert hanya("kasi")["kasi"] == 200
    assert hanya("kasi")["pk"] == 403
    assert hanya("kasi")["anon"] == 302
