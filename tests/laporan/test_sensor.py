"""Small-cell suppression (laporan.sensor): counts of 1 to 4 shown as "<5", zeros shown,
and no hidden cell recoverable from the sums around it, checked exactly (a small
constraint solver over the table's sums, tests/laporan/periksa_sensor.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from laporan.sensor import Angka, Persamaan, Status, Susunan, lindungi
from tests.laporan.periksa_sensor import terpulihkan

K, S, D, T = Status.KECIL, Status.SEKUNDER, Status.DITAHAN, Status.TAMPIL


def _tabel(isi: list[list[int]], *, total_baris=True, total_kolom=True):
    """A table with its row totals, column totals and grand total as cells and sums.
    Returns the Susunan and the ids: cells by row, row totals, column totals, grand."""
    s = Susunan()
    sel = [[s.sel(v) for v in baris] for baris in isi]
    tb = [s.sel(sum(b)) for b in isi] if total_baris else []
    for t, b in zip(tb, sel, strict=False):
        s.jumlah(t, b)
    kolom = list(zip(*sel, strict=True))
    tk = [s.sel(sum(s.nilai[i] for i in k)) for k in kolom] if total_kolom else []
    for t, k in zip(tk, kolom, strict=False):
        s.jumlah(t, k)
    g = None
    if total_baris and total_kolom:
        g = s.sel(sum(map(sum, isi)))
        s.jumlah(g, tb)
        s.jumlah(g, tk)
    return s, sel, tb, tk, g


def _teks(s: Susunan, ids) -> list[str]:
    return [str(s.angka(i)) for i in ids]


def _aturan_dasar(s: Susunan) -> None:
    for v, st_ in zip(s.nilai, s.status, strict=True):
        assert not (0 < v < 5 and st_ == T), "a count of 1 to 4 is never shown"
        assert not (v == 0 and st_ in (K, S)), "a zero is shown (unless withheld)"
        assert not (v >= 5 and st_ == K)


def _dua_atau_tidak_ada(s: Susunan) -> None:
    """Each sum holds no hidden cell or at least two (where nothing was withheld)."""
    for p in s.persamaan:
        tersembunyi = [i for i in (p.total, *p.bagian) if s.status[i] != T]
        assert len(tersembunyi) != 1, p


def test_satu_kolom_nol_tampil_kecil_tersembunyi():
    s, sel, _tb, tk, _g = _tabel([[0], [3], [12], [7]], total_baris=False)
    s.lindungi()
    # the 3 would be 22 - 12 - 7: the smallest other count (7) is hidden too
    assert _teks(s, [r[0] for r in sel]) + _teks(s, tk) == ["0", "<5", "12", "x", "22"]
    assert terpulihkan(s.nilai, s.persamaan, s.status) == []


def test_tabel_dua_arah_tidak_terpulihkan_dari_jumlah_baris_dan_kolom():
    # offices x ways of ending (completed, revoked, died, moved), with every total
    isi = [[12, 3, 0, 1], [8, 0, 2, 0], [20, 6, 0, 0]]
    s, sel, tb, tk, g = _tabel(isi)
    # only the small cells hidden: each of them can be worked out from the totals
    primer = [K if 0 < v < 5 else T for v in s.nilai]
    kecil = [i for i, st_ in enumerate(primer) if st_ == K]
    assert terpulihkan(s.nilai, s.persamaan, primer) == kecil

    s.lindungi()
    assert [_teks(s, b) for b in sel] == [
        ["12", "<5", "0", "<5"],
        ["x", "0", "<5", "0"],
        ["x", "x", "0", "0"],
    ]
    # every total stays shown (the cells beside the small ones cover them)
    assert _teks(s, tb) == ["16", "10", "26"]
    assert _teks(s, tk) + _teks(s, [g]) == ["40", "9", "<5", "<5", "52"]
    _aturan_dasar(s)
    _dua_atau_tidak_ada(s)
    assert terpulihkan(s.nilai, s.persamaan, s.status) == []


def test_sel_lima_di_samping_satu_tidak_cukup():
    # 1 + 5 = 6: hiding the 5 beside the 1 is no cover for a reader who knows that "x" is
    # at least 5 and "<5" at least 1 (both read exactly); the total is hidden instead
    s, sel, _tb, tk, _g = _tabel([[1], [5]], total_baris=False)
    s.lindungi()
    naif = [K, S, T]
    assert terpulihkan(s.nilai, s.persamaan, naif) == [0, 1]
    assert _teks(s, [sel[0][0], sel[1][0], tk[0]]) == ["<5", "5", "x"]
    assert terpulihkan(s.nilai, s.persamaan, s.status) == []


def test_empat_kantor_masing_masing_satu_ditahan():
    # "<5" on four cells summing to "<5" could only be 1, 1, 1, 1: withheld instead
    s, sel, _tb, tk, _g = _tabel([[1], [1], [1], [1]], total_baris=False)
    s.lindungi()
    assert [s.status[i] for i in [*(r[0] for r in sel), tk[0]]] == [D] * 5
    assert _teks(s, [sel[0][0], tk[0]]) == ["x", "x"]
    assert terpulihkan(s.nilai, s.persamaan, s.status) == []


def test_sel_di_luar_boleh_tidak_diubah():
    # a Kanwil decided before (its total "<5"), the country now: only the national cell
    nilai = [3, 3, 40, 43]  # office, its Kanwil's total, another Kanwil, the country
    persamaan = [Persamaan(1, (0,)), Persamaan(3, (1, 2))]
    status = lindungi(nilai, persamaan, boleh=[3], tetap={0: K, 1: K})
    assert status == [K, K, T, S]  # 43 - 40 would give the 3: the country's total hidden
    assert terpulihkan(nilai, persamaan, status) == []


def test_tabel_tanpa_sel_kecil_tidak_berubah():
    s, *_ = _tabel([[10, 20], [0, 30]])
    s.lindungi()
    assert set(s.status) == {T}


def test_angka_seperti_ditampilkan_dan_diekspor():
    assert (str(Angka(0)), Angka(0).ekspor, Angka(0).nilai_tampil) == ("0", 0, 0)
    assert (str(Angka(3, K)), Angka(3, K).ekspor, Angka(3, K).nilai_tampil) == ("<5", "<5", None)
    assert (str(Angka(9, S)), Angka(9, S).ekspor) == ("x", "x")
    assert (str(Angka(9, D)), Angka(1234)) == ("x", Angka(1234, T))


# --- random tables (Hypothesis) -------------------------------------------------------------

nilai_sel = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 15, 40])


@st.composite
def tabel_acak(draw):
    baris = draw(st.integers(1, 4))
    kolom = draw(st.integers(1, 4))
    isi = [[draw(nilai_sel) for _k in range(kolom)] for _b in range(baris)]
    total_baris, total_kolom = draw(st.sampled_from([(True, True), (False, True), (True, False)]))
    return isi, total_baris, total_kolom


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(tabel_acak())
def test_tabel_acak_tidak_ada_sel_yang_terpulihkan(tabel):
    isi, total_baris, total_kolom = tabel
    s, *_ = _tabel(isi, total_baris=total_baris, total_kolom=total_kolom)
    s.lindungi()
    _aturan_dasar(s)
    if D not in s.status:
        _dua_atau_tidak_ada(s)
    assert terpulihkan(s.nilai, s.persamaan, s.status) == []


@st.composite
def negara_acak(draw):
    """Kanwil blocks (offices x figures, months of the first figure) for the national
    view: [(offices' rows, months)]."""
    kolom = draw(st.integers(1, 3))
    bulan = draw(st.integers(1, 3))
    blok = []
    for _k in range(draw(st.integers(1, 3))):
        isi = [[draw(nilai_sel) for _c in range(kolom)] for _o in range(draw(st.integers(1, 3)))]
        per_bulan = [0] * bulan
        for _i in range(sum(b[0] for b in isi)):
            per_bulan[draw(st.integers(0, bulan - 1))] += 1
        blok.append((isi, per_bulan))
    return blok


def _negara(blok_isi):
    """Each Kanwil decided on its own, then the country (as selectors_wilayah does)."""
    s = Susunan()
    blok = []
    for isi, per_bulan in blok_isi:
        awal = len(s.nilai)
        sel = [[s.sel(v) for v in b] for b in isi]
        total = [s.sel(sum(s.nilai[i] for i in k)) for k in zip(*sel, strict=True)]
        persamaan = [s.jumlah(t, k) for t, k in zip(total, zip(*sel, strict=True), strict=True)]
        bulan = [s.sel(v) for v in per_bulan]
        persamaan.append(s.jumlah(total[0], bulan))
        s.lindungi(boleh=range(awal, len(s.nilai)), persamaan=persamaan)
        blok.append((total, bulan, persamaan, list(s.status[awal:])))
    awal = len(s.nilai)
    nasional = []
    for i in range(len(blok[0][0])):
        bagian = [b[0][i] for b in blok]
        nasional.append(s.sel(sum(s.nilai[j] for j in bagian)))
        s.jumlah(nasional[-1], bagian)
    bulan = []
    for i in range(len(blok[0][1])):
        bagian = [b[1][i] for b in blok]
        bulan.append(s.sel(sum(s.nilai[j] for j in bagian)))
        s.jumlah(bulan[-1], bagian)
    s.jumlah(nasional[0], bulan)
    s.lindungi(boleh=range(awal, len(s.nilai)))
    return s, blok


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(negara_acak())
def test_negara_acak_kanwil_sama_di_setiap_tampilan_dan_tidak_terpulihkan(blok_isi):
    s, _blok = _negara(blok_isi)
    _aturan_dasar(s)
    awal = 0
    for isi, _bulan in blok_isi:
        # the same Kanwil decided alone reads the same as inside the national view
        sendiri, [(_t, _b, persamaan, status)] = _negara([(isi, _bulan)])
        panjang = len(status)
        assert s.status[awal : awal + panjang] == sendiri.status[:panjang] == status
        # and within its own page nothing can be worked out
        assert terpulihkan(sendiri.nilai, persamaan, sendiri.status) == []
        awal += panjang
    assert terpulihkan(s.nilai, s.persamaan, s.status) == []
