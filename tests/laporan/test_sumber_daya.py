"""The dashboard's resources (laporan.selectors_sumber_daya) on a hand-made office: active
participants per kit for each kemandirian programme running in the period, and the
programmes short of equipment."""

import datetime

import pytest
from django.template.loader import render_to_string

from laporan.saringan import Saringan
from laporan.selectors_sumber_daya import sumber_daya_program
from pembimbingan.pilihan import JenisProgram, StatusPeserta
from tests.pembimbingan.factories import PesertaFactory, ProgramFactory, SumberDayaFactory
from tests.pokmas.factories import MitraFactory
from tests.rails.vnu import pastikan_vnu, validasi

D = datetime.date
PERIODE = Saringan(dari=D(2025, 1, 1), sampai=D(2025, 6, 1))  # January to June 2025
KEMANDIRIAN = JenisProgram.KEMANDIRIAN


def _program(unit, nama, mulai, selesai=None, jenis=KEMANDIRIAN, aktif=0, **lain):
    program = ProgramFactory(
        unit=unit, nama=nama, jenis=jenis, tanggal_mulai=mulai, tanggal_selesai=selesai, **lain
    )
    PesertaFactory.create_batch(aktif, program=program)
    return program


@pytest.fixture
def kantor(unit, unit_lain):
    """Kemandirian programmes of the office:
    - Melukis (a partner's, running since Nov 2024): 6 active participants (and one who
      completed, one who left); 4 painting kits (1.5 each: short), 10 canvases (0.6);
    - Tata boga (office-run, March to May 2025): 2 active; 2 stoves (1.0: enough);
    - Budidaya ikan (running): 3 active, no resource recorded;
    - Menjahit (ended Dec 2024) and Sablon (starts July 2025): outside the period;
    and a kepribadian programme with fewer kits than participants (not kemandirian), and
    another office's kemandirian programme short of kits."""
    mitra = MitraFactory(unit=unit, nama="Dr. Tina Kay Bailey", program_kemandirian=True)
    melukis = _program(unit, "Melukis", D(2024, 11, 1), aktif=6, mitra=mitra)
    for status, alasan in ((StatusPeserta.SELESAI, ""), (StatusPeserta.KELUAR, "Bekerja")):
        PesertaFactory(
            program=melukis,
            status=status,
            tanggal_keluar=D(2025, 2, 1),
            tanggal_masuk=D(2024, 11, 1),
            alasan_keluar=alasan,
        )
    SumberDayaFactory(program=melukis, nama="Kit melukis", jumlah=4, satuan="set")
    SumberDayaFactory(program=melukis, nama="Kanvas", jumlah=10, satuan="lembar")
    boga = _program(unit, "Tata boga", D(2025, 3, 1), D(2025, 5, 31), aktif=2)
    SumberDayaFactory(program=boga, nama="Kompor", jumlah=2, satuan="unit")
    _program(unit, "Budidaya ikan", D(2024, 6, 1), aktif=3)
    jahit = _program(unit, "Menjahit", D(2024, 1, 1), D(2024, 12, 31), aktif=5)
    SumberDayaFactory(program=jahit, nama="Mesin jahit", jumlah=1)
    sablon = _program(unit, "Sablon", D(2025, 7, 1), aktif=5)
    SumberDayaFactory(program=sablon, nama="Meja sablon", jumlah=1)
    yoga = _program(unit, "Yoga", D(2025, 1, 1), jenis=JenisProgram.KEPRIBADIAN, aktif=4)
    SumberDayaFactory(program=yoga, nama="Matras", jumlah=1)
    luar = _program(unit_lain, "Melukis luar", D(2025, 1, 1), aktif=3)
    SumberDayaFactory(program=luar, nama="Kit", jumlah=1)
    return {"mitra": mitra, "melukis": melukis, "boga": boga}


def test_peserta_per_kit_dan_program_kekurangan(kasi, kantor):
    hasil = sumber_daya_program(kasi, PERIODE)

    # the most participants per unit first; a programme with no resource last
    assert [p.program.nama for p in hasil.program] == ["Melukis", "Tata boga", "Budidaya ikan"]
    melukis, boga, ikan = hasil.program
    assert melukis.peserta_aktif == 6
    assert [
        (s.sumber_daya.nama, s.sumber_daya.jumlah, s.peserta_per_unit, s.kurang)
        for s in melukis.sumber_daya
    ] == [("Kanvas", 10, 0.6, False), ("Kit melukis", 4, 1.5, True)]
    assert melukis.kurang and melukis.url == f"/pembimbingan/program/{kantor['melukis'].pk}/"
    assert boga.peserta_aktif == 2
    assert [(s.peserta_per_unit, s.kurang) for s in boga.sumber_daya] == [(1.0, False)]
    assert not boga.kurang  # as many stoves as participants
    assert (ikan.peserta_aktif, ikan.sumber_daya, ikan.kurang) == (3, (), False)
    assert [p.program.nama for p in hasil.kekurangan] == ["Melukis"]


def test_saringan_program(kasi, kantor):
    def nama(**saring):
        s = Saringan(dari=PERIODE.dari, sampai=PERIODE.sampai, **saring)
        return [p.program.nama for p in sumber_daya_program(kasi, s).program]

    assert nama(mitra=kantor["mitra"]) == ["Melukis"]
    assert nama(program=kantor["boga"]) == ["Tata boga"]
    assert nama(jenis_program=JenisProgram.KEPRIBADIAN) == []
    assert nama(jenis_program=KEMANDIRIAN) == ["Melukis", "Tata boga", "Budidaya ikan"]
    # a period when only Menjahit ran
    assert [
        p.program.nama
        for p in sumber_daya_program(
            kasi, Saringan(dari=D(2024, 3, 1), sampai=D(2024, 5, 1))
        ).program
    ] == ["Menjahit"]  # (Budidaya ikan started in June)


def test_kantor_lain(kasi_lain, kantor):
    hasil = sumber_daya_program(kasi_lain, PERIODE)
    assert [(p.program.nama, p.peserta_aktif, p.kurang) for p in hasil.program] == [
        ("Melukis luar", 3, True)
    ]


@pytest.mark.parametrize("jumlah", [1, 8])
def test_jumlah_query_tetap(kasi, unit, jumlah, django_assert_num_queries):
    for i in range(jumlah):
        program = _program(unit, f"Program {i}", D(2025, 1, 1), aktif=jumlah)
        SumberDayaFactory.create_batch(jumlah, program=program, jumlah=i + 1)
    # the programmes with their active participants; their resources
    with django_assert_num_queries(2):
        hasil = sumber_daya_program(kasi, PERIODE)
    assert len(hasil.program) == jumlah
    assert len(hasil.kekurangan) == jumlah - 1  # all but the one with `jumlah` units each


def test_partial_menandai_kekurangan(kasi, kantor):
    html = render_to_string(
        "laporan/_sumber_daya.html", {"sumber_daya": sumber_daya_program(kasi, PERIODE)}
    )
    peringatan = html.split('class="alert', 1)[1].split("</div>", 1)[0]
    assert "1 program kekurangan peralatan" in peringatan and "Melukis" in peringatan
    assert "Tata boga" not in peringatan
    kit = html.split("Kit melukis", 1)[1].split("</tr>", 1)[0]
    assert "1,5" in kit and "kurang" in kit
    assert "Belum ada sumber daya yang dicatat." in html
    assert f'href="/pembimbingan/program/{kantor["boga"].pk}/"' in html


def test_tautan_program_terbuka_untuk_kasi(client, kasi, kantor):
    client.force_login(kasi)
    for p in sumber_daya_program(kasi, PERIODE).program:
        hasil = client.get(p.url)
        assert hasil.status_code == 200
        assert hasil.context["h"].jumlah_aktif == p.peserta_aktif


@pytest.mark.slow
def test_partial_html_valid(kasi, kantor):
    pastikan_vnu()
    isi = render_to_string(
        "laporan/_sumber_daya.html", {"sumber_daya": sumber_daya_program(kasi, PERIODE)}
    )
    dokumen = (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><main>{isi}</main></body></html>"
    )
    assert validasi({"sumber_daya": dokumen}) == {}
