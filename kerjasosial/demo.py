"""Demo community service at Karangasem: three placement sites (a village office, a temple
clean-up, a school garden) and five new clients serving pidana kerja sosial with the first
PK: one on pace, one behind, one that has just started (an absence without lawful reason
among their days), one who has done all the hours (the certificate), and one whose window
closed short of the hours (the report to the prosecutor). The clients are new (registered
through klien_buat) and drawn from this step's own random generator, so the demo's other
numbers stay as they were."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from inti.demo import DemoKonteks, langkah_demo
from klien import services as layanan_klien
from klien.nik import buat_nik
from klien.pilihan import Agama, Kategori, ProgramIntegrasi, StatusKlien
from pembimbingan.pilihan import PolaLapor
from pembimbingan.services import jadwal_lapor_setel
from wilayah.kode import kode_kecamatan
from wilayah.models import Desa

from . import services
from .models import AkibatTidakSelesai, JenisLokasi, LokasiKerjaSosial
from .services import HasilKerja

HARI = datetime.timedelta(days=1)
SEED = 85  # Pasal 85

LOKASI = [
    {
        "nama": "Kantor Perbekel Desa Rendang",
        "jenis": JenisLokasi.KANTOR_DESA,
        "kecamatan": "Rendang",
        "alamat": "Jl. Raya Rendang, Desa Rendang",
        "narahubung": "I Nyoman Sudarsana (Perbekel)",
        "jenis_pekerjaan": "Membersihkan halaman dan saluran air, membantu administrasi arsip",
        "kapasitas": 3,
        "hari_buka": "Senin–Jumat, 08.00–12.00",
    },
    {
        "nama": "Pura Puseh Desa Adat Selat",
        "jenis": JenisLokasi.TEMPAT_IBADAH,
        "kecamatan": "Selat",
        "alamat": "Banjar Kaja, Desa Selat",
        "narahubung": "Jero Mangku Ketut Raka",
        "jenis_pekerjaan": "Membersihkan areal pura dan menyiapkan sarana upacara (ngayah)",
        "kapasitas": 4,
        "hari_buka": "Sabtu–Minggu, 07.00–11.00",
    },
    {
        "nama": "Kebun Sekolah SD Negeri 1 Bebandem",
        "jenis": JenisLokasi.SEKOLAH,
        "kecamatan": "Bebandem",
        "alamat": "Jl. Raya Bebandem",
        "narahubung": "Ni Made Sriasih (Kepala Sekolah)",
        "jenis_pekerjaan": "Merawat kebun dan taman sekolah",
        "kapasitas": 2,
        "hari_buka": "Senin–Sabtu, 13.00–16.00",
    },
]

# name, sex, hours ordered, days since the start, window (days), hours a work day, site index
KLIEN = [
    ("I Kadek Arsana", "L", 120, 60, 180, 4, 0),  # on pace
    ("I Komang Sudiarta", "L", 80, 45, 90, 2, 1),  # behind
    ("Ni Putu Ariani", "P", 24, 10, 60, 3, 2),  # just started, one absence
    ("I Gede Sedana", "L", 40, 100, 120, 8, 0),  # all hours done
    ("I Wayan Darmayasa", "L", 60, 100, 90, 4, 1),  # the window closed short of the hours
]
# the last client stopped coming after a few days: the report to the prosecutor is due
HARI_KERJA_MAKS = {4: 5}


def _desa(unit, nama_kecamatan: str) -> Desa:
    desa = Desa.objects.filter(
        kecamatan__kabupaten__unit_bapas=unit, kecamatan__nama__iexact=nama_kecamatan
    ).select_related("kecamatan")
    return desa.first() or Desa.objects.filter(kecamatan__kabupaten__unit_bapas=unit).first()


@langkah_demo(66)
def kerja_sosial(ctx: DemoKonteks) -> None:
    unit = ctx.unit["karangasem"]
    if LokasiKerjaSosial.objects.filter(unit=unit).exists():
        return  # already made (idempotent)
    rng = random.Random(SEED)  # noqa: S311 (synthetic data)
    pk, kasi = ctx.pengguna["pk1"], ctx.pengguna["kasi"]
    hari_ini = timezone.localdate()
    lokasi = []
    for i, data in enumerate(LOKASI):
        desa = _desa(unit, data["kecamatan"])
        lokasi.append(
            services.lokasi_buat(
                unit=unit,
                oleh=kasi,
                data=data
                | {
                    "kecamatan": desa.kecamatan,
                    "telepon": f"0813{rng.randint(10000000, 99999999)}",
                    "nomor_perjanjian": f"W20.PAS.33-PK.04.03-{11 + i}",
                    "tanggal_perjanjian": datetime.date(2025, 12, 15 + i),
                    "nonkomersial": True,
                },
            )
        )
    for i, (nama, jk, jam, lalu, jangka, per_hari, n_lokasi) in enumerate(KLIEN):
        mulai = hari_ini - lalu * HARI
        akhir = mulai + (jangka - 1) * HARI
        desa = _desa(unit, LOKASI[n_lokasi]["kecamatan"])
        lahir = datetime.date(rng.randint(1975, 2004), rng.randint(1, 12), rng.randint(1, 28))
        putusan = mulai - rng.randint(7, 20) * HARI
        klien = layanan_klien.klien_buat(
            unit=unit,
            oleh=kasi,
            data={
                "pk_pembimbing": pk,
                "no_register": f"KRA-KS-{mulai.year}-{i + 1:03d}",
                "nama": nama,
                "kategori": Kategori.DEWASA,
                "nik": buat_nik(
                    kode_kecamatan=kode_kecamatan(desa.kecamatan) or "510701",
                    lahir=lahir,
                    perempuan=jk == "P",
                    urut=8500 + i,
                ),
                "jenis_kelamin": jk,
                "tempat_lahir": desa.kecamatan.nama,
                "tanggal_lahir": lahir,
                "agama": Agama.HINDU,
                "alamat": f"Banjar {rng.choice(['Kaja', 'Kelod', 'Kangin', 'Kauh'])}",
                "desa": desa,
                "perkara": rng.choice(["Penganiayaan ringan", "Pencurian ringan", "Perusakan"]),
                "no_putusan": f"{rng.randint(1, 300)}/Pid.B/{putusan.year}/PN Amp",
                "program": ProgramIntegrasi.KERJA_SOSIAL,
                "tanggal_mulai": mulai,
                "tanggal_ekspirasi": akhir,
                "no_litmas": f"W20.PAS.PAS.19-PK.01.05.02-{rng.randint(100, 999)}/{mulai.year}",
                "tanggal_litmas": putusan - 14 * HARI,
                "pk_litmas": pk,
            },
        )
        layanan_klien.klien_ubah_status(
            klien=klien,
            oleh=kasi,
            status_baru=StatusKlien.AKTIF,
            tanggal=mulai,
            alasan="Pidana kerja sosial dimulai.",
        )
        # they report to their PK as well, on a schedule of their own (so the reporting
        # demo, an earlier step, leaves them be when the demo runs again)
        # (a window already closed: its last day, overdue, until the PK ends the guidance)
        jadwal_lapor_setel(
            klien=klien,
            oleh=pk,
            pola=PolaLapor.DUA_MINGGUAN,
            berikutnya=min(hari_ini + (7 + i) * HARI, akhir),
        )
        services.putusan_simpan(
            klien=klien,
            oleh=pk,
            data={
                "lokasi": lokasi[n_lokasi],
                "nomor_putusan": klien.no_putusan,
                "tanggal_putusan": putusan,
                "kejaksaan": "Kejaksaan Negeri Karangasem",
                "jam_diputus": jam,
                "tanggal_mulai": mulai,
                "batas_akhir": akhir,
                "persetujuan_klien": True,
                "akibat_tidak_selesai": rng.choice(AkibatTidakSelesai.values),
            },
        )
        # a work day every few days from the start, until the hours are done or today
        sisa, tanggal = Decimal(jam), mulai
        hari_kerja = 0
        while sisa > 0 and tanggal < hari_ini and hari_kerja < HARI_KERJA_MAKS.get(i, 999):
            hari_kerja += 1
            if i == 2 and tanggal == mulai + 3 * HARI:
                hasil = HasilKerja(None, "Tidak datang dan tidak memberi kabar.")
            else:
                hasil = HasilKerja(min(Decimal(per_hari), sisa))
                sisa -= hasil.jam
            services.kerja_catat(
                lokasi=lokasi[n_lokasi], tanggal=tanggal, oleh=pk, hasil={klien.pk: hasil}
            )
            tanggal += (3 if i != 1 else 7) * HARI
        if sisa == 0:  # all hours done: the client's community service is completed
            layanan_klien.klien_ubah_status(
                klien=klien,
                oleh=pk,
                status_baru=StatusKlien.SELESAI,
                tanggal=tanggal - 3 * HARI,
                alasan="Seluruh jam pidana kerja sosial telah dilaksanakan.",
            )
    ctx.catatan.append(f"Kerja sosial: {len(lokasi)} lokasi, {len(KLIEN)} klien.")
