"""Step 2: clients, their status history and their reintegration indicators.

Each client has an attendance propensity `p` (most attend well, a quarter middling, a few
poorly) that the attendance outcomes are later drawn from; revocations are likelier among
poor attenders, and the indicators at the end improve more for good ones."""

import datetime

from klien.contoh import penjamin_acak
from klien.lembaga_bali import lembaga_bali_pastikan
from klien.models import IndikatorReintegrasi, JenisLembaga, Klien, LembagaAsal, RiwayatStatus
from klien.nik import buat_nik
from klien.pilihan import AKHIR_BERDOKUMEN, AKHIR_PROGRAM, PROGRAM_BER_SK
from wilayah import kode as kode_wilayah

from . import BULAN_KLIEN, Konteks, bagi, pilih
from . import Klien as K
from .kantor import nama_orang, telepon
from .kosakata import (
    AGAMA_PROVINSI,
    AGAMA_UMUM,
    JALAN,
    PEKERJAAN,
    PERKARA,
    PROGRAM_ANAK,
    PROGRAM_DEWASA,
    PROGRAM_LAPOR,
    PROPORSI_ANAK,
)
from .salin import id_berikutnya, salin

HARI = datetime.timedelta(days=1)
PENDIDIKAN_DEWASA = (("SD", 30), ("SMP", 29), ("SMA", 32), ("DIPLOMA", 3), ("S1", 3),
                     ("TIDAK_SEKOLAH", 3))  # fmt: skip
PENDIDIKAN_ANAK = (("SD", 35), ("SMP", 55), ("SMA", 8), ("TIDAK_SEKOLAH", 2))
KAWIN = (("BELUM_KAWIN", 45), ("KAWIN", 45), ("CERAI_HIDUP", 8), ("CERAI_MATI", 2))
ALASAN_AKHIR = {
    "SELESAI": "Masa bimbingan berakhir.",
    "DICABUT": "Dicabut berdasarkan sidang TPP.",
    "KEMBALI": "Kesepakatan diversi tidak dilaksanakan; perkara dilanjutkan.",
    "DIAKHIRI": "Diakhiri penetapan pengadilan.",
    "MENINGGAL": "Klien meninggal dunia.",
    "PINDAH": "Pindah ke Bapas lain.",
}
# The ending a client of another programme has where a revocation was drawn.
AKHIR_PENGGANTI = {
    "DIVERSI": "KEMBALI",
    "PIDANA_BERSYARAT": "DIAKHIRI",
    "BIMBINGAN_PUTUSAN": "DIAKHIRI",
    "CMK": "SELESAI",
}
DOKUMEN_PIHAK = {
    "DICABUT": "Direktur Jenderal Pemasyarakatan",
    "KEMBALI": "Penyidik Polres",
    "DIAKHIRI": "Pengadilan Negeri",
}

KOLOM_KLIEN = [
    "id", "unit_id", "pk_pembimbing_id", "no_register", "no_register_lapas", "lembaga_asal_id",
    "nama", "alias", "nik", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama",
    "pendidikan", "pekerjaan", "status_perkawinan", "alamat", "desa_id", "telepon",
    "nama_penjamin", "hubungan_penjamin", "telepon_penjamin", "kontak_keluarga", "perkara",
    "pasal", "no_putusan", "tanggal_putusan", "lama_pidana_bulan", "program", "kategori",
    "tanggal_mulai", "tanggal_ekspirasi", "status", "tanggal_berakhir",
    "batas_tahap_lanjutan", "batas_tahap_akhir", "tanggal_lapor_berikutnya",
    "mangkir_berturut", "tahan_hukum", "tahan_hukum_alasan", "dianonimkan_pada",
    "dibuat_pada", "diubah_pada", "no_litmas", "tanggal_litmas", "pk_litmas_id",
    "pk_litmas_lain", "no_sk", "tanggal_sk", "penerbit_sk", "tanggal_serah_terima",
]  # fmt: skip


def _lembaga_kantor(kantor) -> dict[str, list[int]]:
    """The institutions that hand clients over to an office, by kind: Bali's own list for an
    office in Bali, otherwise one of each kind named after the office's town."""
    if kantor.bali:
        semua = lembaga_bali_pastikan()
    else:
        semua = [
            LembagaAsal.objects.get_or_create(
                nama=f"{awalan} {kantor.kota}", defaults={"jenis": j}
            )[0]
            for awalan, j in (
                ("Lapas Kelas IIA", JenisLembaga.LAPAS),
                ("Rutan Kelas IIB", JenisLembaga.RUTAN),
                ("LPKA Kelas II", JenisLembaga.LPKA),
            )
        ]
    hasil = {j: [lb.pk for lb in semua if lb.jenis == j] for j in JenisLembaga.values}
    hasil[JenisLembaga.LAPAS] += hasil.pop(JenisLembaga.RUTAN) + hasil.pop(JenisLembaga.LPP)
    return hasil


def _berkas(rng, kode: str, anak: bool, mulai, pk_id: int, lembaga: dict) -> tuple:
    """The intake papers: the Litmas (by the guiding PK, now and then by another Bapas's),
    the handover and the SK of a programme granted after a prison term."""
    litmas = mulai - rng.randint(14, 60) * HARI
    lain = rng.random() < 0.05
    kertas = (
        f"LITMAS-{rng.randint(1, 9999):04d}/{litmas.year}", litmas,
        None if lain else pk_id, "PK Bapas lain" if lain else "",
    )  # fmt: skip
    if kode not in PROGRAM_BER_SK:
        return None, (*kertas, "", None, "", None)
    asal = rng.choice(lembaga[JenisLembaga.LPKA if anak else JenisLembaga.LAPAS])
    sk = mulai - rng.randint(3, 20) * HARI
    return asal, (
        *kertas, f"PAS-{rng.randint(1, 9999)}.PK.05.09/{sk.year}", sk,
        "Direktur Jenderal Pemasyarakatan", mulai,
    )  # fmt: skip


def _propensitas(rng) -> float:
    r = rng.random()
    if r < 0.6:
        return rng.uniform(0.8, 0.96)
    if r < 0.85:
        return rng.uniform(0.6, 0.82)
    return rng.uniform(0.2, 0.6)


def _akhir(rng, p: float, aktif: datetime.date, ekspirasi: datetime.date, hari_ini) -> tuple:
    """(status, end date) of a client active from `aktif`."""
    r = rng.random()
    batas = min(ekspirasi, hari_ini)
    awal_dini = aktif + 30 * HARI
    if awal_dini < batas:
        hari = (batas - awal_dini).days
        for status, peluang in (("DICABUT", 0.01 + 0.12 * (1 - p)), ("MENINGGAL", 0.005),
                                ("PINDAH", 0.02)):  # fmt: skip
            if r < peluang:
                return status, awal_dini + rng.randint(0, hari) * HARI
            r -= peluang
    if ekspirasi < hari_ini:
        return "SELESAI", ekspirasi
    return "AKTIF", None


def _nik(rng, kantor, kab: int, lahir: datetime.date, jk: str, dipakai: set) -> str:
    """A NIK that could exist, agreeing with the birth date and sex: issued in one of the
    kabupaten's kecamatan (a real one where the code list holds them, as for Bali)."""
    kode_kab = f"{kantor.kode_prov:02d}{kantor.kode_kab[kab]:02d}"
    kecamatan = kode_wilayah.kecamatan_di_kabupaten(kode_kab)
    while True:
        kode_kec = rng.choice(kecamatan) if kecamatan else f"{kode_kab}{rng.randint(1, 30):02d}"
        nik = buat_nik(
            kode_kecamatan=kode_kec, lahir=lahir, perempuan=jk == "P", urut=rng.randint(1, 9999)
        )
        if nik not in dipakai:
            dipakai.add(nik)
            return nik


def buat_klien(ctx: Konteks) -> None:
    rng, hari_ini = ctx.rng, ctx.hari_ini
    klien_id = id_berikutnya(Klien._meta.db_table)
    rentang = int(BULAN_KLIEN * 30.44)
    baris, riwayat, indikator = [], [], []
    jumlah = bagi(ctx.rencana.klien, [k.bobot for k in ctx.kantor])
    for nomor_kantor, (kantor, n) in enumerate(zip(ctx.kantor, jumlah, strict=True)):
        anggota: list[int] = []
        ctx.klien_kantor.append(anggota)
        bobot_pk = [rng.uniform(0.5, 1.5) for _ in kantor.pk_ids]
        bobot_kab = [len(kantor.desa[kab]) ** 0.5 for kab, _n in kantor.kabupaten]
        nama_kab = dict(kantor.kabupaten)
        agama = AGAMA_PROVINSI.get(kantor.kode_prov, AGAMA_UMUM)
        nik_dipakai: set[str] = set()
        urut_tahun: dict[int, int] = {}
        lembaga = _lembaga_kantor(kantor)
        for _ in range(n):
            anak = rng.random() < PROPORSI_ANAK
            kode, _b, bln_min, bln_max = rng.choices(
                PROGRAM_ANAK if anak else PROGRAM_DEWASA,
                weights=[x[1] for x in (PROGRAM_ANAK if anak else PROGRAM_DEWASA)],
            )[0]
            mulai = hari_ini - rng.randint(0, rentang) * HARI
            ekspirasi = mulai + round(30.44 * rng.uniform(bln_min, bln_max)) * HARI
            p = _propensitas(rng)
            if (hari_ini - mulai).days < 14 and rng.random() < 0.6:
                status, aktif, akhir = "PENERIMAAN", None, None
            else:
                aktif = min(mulai + rng.randint(0, 10) * HARI, hari_ini)
                status, akhir = _akhir(rng, p, aktif, ekspirasi, hari_ini)
                if status == "DICABUT" and status not in AKHIR_PROGRAM[kode]:
                    status = AKHIR_PENGGANTI[kode]  # only PB, CB, CMB, asimilasi are revoked
            jk = "L" if rng.random() < 0.88 else "P"
            umur = rng.randint(12, 17) if anak else 19 + int(rng.betavariate(2, 4) * 42)
            lahir = mulai.replace(year=mulai.year - umur, day=1) + rng.randint(0, 27) * HARI
            if lahir >= mulai:
                lahir = mulai - 400 * HARI
            kab = rng.choices([k for k, _n in kantor.kabupaten], weights=bobot_kab)[0]
            depan, belakang = nama_orang(rng, kantor.bali, jk)
            nama = f"{depan} {belakang}"
            perkawinan = "BELUM_KAWIN" if anak else pilih(rng, KAWIN)
            # the guarantor: a relation that fits the client, a name that fits the relation
            hubungan, penjamin_laki = penjamin_acak(
                rng, klien_laki=jk == "L", kawin=perkawinan == "KAWIN"
            )
            penjamin = " ".join(nama_orang(rng, kantor.bali, "L" if penjamin_laki else "P"))
            perkara, pasal, _w = rng.choices(PERKARA, weights=[x[2] for x in PERKARA])[0]
            diversi = kode == "DIVERSI"
            bersyarat = kode in ("PIDANA_BERSYARAT", "DIVERSI")
            putusan = mulai - rng.randint(60, 900) * HARI
            urut_tahun[mulai.year] = urut = urut_tahun.get(mulai.year, 0) + 1
            durasi = (ekspirasi - mulai).days
            dibuat = datetime.datetime.combine(mulai, datetime.time(2), tzinfo=datetime.UTC)
            pk_id = rng.choices(kantor.pk_ids, weights=bobot_pk)[0]
            asal, berkas = _berkas(rng, kode, anak, mulai, pk_id, lembaga)
            baris.append(
                (
                    klien_id, kantor.id, pk_id,
                    f"W{kantor.nomor:03d}.{mulai.year}.{urut:05d}",
                    "" if bersyarat else f"BI.{rng.randint(1, 9999)}/{putusan.year}",
                    asal,
                    nama, "", "" if anak and rng.random() < 0.5 else
                    _nik(rng, kantor, kab, lahir, jk, nik_dipakai),
                    jk, nama_kab[kab], lahir, pilih(rng, agama),
                    pilih(rng, PENDIDIKAN_ANAK if anak else PENDIDIKAN_DEWASA),
                    "Pelajar" if anak else rng.choice(PEKERJAAN),
                    perkawinan,
                    f"{rng.choice(JALAN)} No. {rng.randint(1, 250)}",
                    rng.choice(kantor.desa[kab]), telepon(rng),
                    penjamin, hubungan,
                    telepon(rng), "", perkara, pasal,
                    "" if diversi else
                    f"{rng.randint(1, 999)}/Pid.{'Sus' if 'narkotika' in perkara else 'B'}"
                    f"{'-Anak' if anak else ''}/{putusan.year}/PN {kantor.kota}",
                    None if diversi else putusan,
                    None if diversi else rng.randint(6, 72),
                    kode, "ANAK" if anak else "DEWASA", mulai, ekspirasi, status, akhir,
                    mulai + (durasi // 3) * HARI, mulai + ((2 * durasi) // 3) * HARI,
                    None, 0, False, "", None, dibuat, dibuat, *berkas,
                )
            )  # fmt: skip
            _riwayat(riwayat, klien_id, pk_id, mulai, aktif, status, akhir)
            _indikator(ctx, indikator, klien_id, kantor.id, pk_id, anak, p, aktif, status, akhir)
            anggota.append(len(ctx.klien))
            ctx.klien.append(
                K(
                    id=klien_id, kantor=nomor_kantor, aktif=aktif, akhir=akhir, p=p, kab=kab,
                    status=status, pk_id=pk_id, lapor=kode in PROGRAM_LAPOR,
                    ikut_program=kode != "CMK" and rng.random() < 0.75,
                )
            )  # fmt: skip
            klien_id += 1
    salin(Klien._meta.db_table, KOLOM_KLIEN, baris)
    salin(
        RiwayatStatus._meta.db_table,
        ["klien_id", "oleh_id", "dicatat_pada", "status_lama", "status_baru", "tanggal", "alasan",
         "dokumen_nomor", "dokumen_tanggal", "dokumen_pihak"],
        riwayat,
    )  # fmt: skip
    salin(
        IndikatorReintegrasi._meta.db_table,
        ["klien_id", "unit_id", "oleh_id", "dicatat_pada", "tonggak", "tanggal", "bekerja",
         "sekolah_pelatihan", "dukungan_keluarga", "tempat_tinggal_stabil", "catatan"],
        indikator,
    )  # fmt: skip
    ctx.catatan.append(
        f"{len(baris)} klien, {len(riwayat)} riwayat status, {len(indikator)} indikator"
    )


def _pada(tanggal: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(tanggal, datetime.time(3), tzinfo=datetime.UTC)


def _riwayat(riwayat, klien_id, pk_id, mulai, aktif, status, akhir) -> None:
    """Intake, then active, then the end: the transitions klien.services allows."""
    riwayat.append(
        (klien_id, pk_id, _pada(mulai), "", "PENERIMAAN", mulai, "Klien diterima dan didaftarkan.",
         "", None, "")
    )  # fmt: skip
    if aktif is None:
        return
    riwayat.append(
        (klien_id, pk_id, _pada(aktif), "PENERIMAAN", "AKTIF", aktif, "Bimbingan dimulai.",
         "", None, "")
    )  # fmt: skip
    if akhir is not None:
        # an ending decided by a document carries it (klien.pilihan.AKHIR_BERDOKUMEN); the
        # synthetic revocations have no proposal rows, only the SK on the history
        dokumen = (
            (f"DOK-{klien_id}/{akhir.year}", akhir, DOKUMEN_PIHAK[status])
            if status in AKHIR_BERDOKUMEN
            else ("", None, "")
        )
        riwayat.append(
            (klien_id, pk_id, _pada(akhir), "AKTIF", status, akhir, ALASAN_AKHIR[status], *dokumen)
        )


def _indikator(ctx, indikator, klien_id, unit_id, pk_id, anak, p, aktif, status, akhir) -> None:
    """AWAL for most clients a few weeks into guidance; AKHIR for most who completed it,
    better the better they attended."""
    rng = ctx.rng
    if aktif is None:
        return
    awal = [
        rng.random() < (0.05 if anak else 0.45),  # working
        rng.random() < (0.6 if anak else 0.06),  # school or training
        rng.random() < 0.72,  # family support
        rng.random() < 0.78,  # stable housing
    ]
    tanggal_awal = aktif + rng.randint(3, 30) * HARI
    if rng.random() < 0.8 and tanggal_awal <= (akhir or ctx.hari_ini):
        indikator.append(
            (klien_id, unit_id, pk_id, _pada(tanggal_awal), "AWAL", tanggal_awal, *awal, "")
        )
    if akhir is None or rng.random() >= {"SELESAI": 0.7, "DICABUT": 0.4}.get(status, 0):
        return
    akhir_nilai = [rng.random() < 0.93 if a else rng.random() < 0.45 * p for a in awal]
    indikator.append((klien_id, unit_id, pk_id, _pada(akhir), "AKHIR", akhir, *akhir_nilai, ""))
