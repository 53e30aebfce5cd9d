"""Demo supervision clients at Karangasem, in the first PK's caseload, registered as new
clients (the other demo clients and their numbers stay as they were), with draws of their
own: one whose restitution is paid, one whose restitution is overdue without lawful reason
and whose PK has asked the prosecutor for a longer term, one whose order waits to be
recorded."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from akun.models import User
from inti.demo import DemoKonteks, langkah_demo
from klien import services as klien_services
from klien.models import Klien
from klien.nik import buat_nik
from klien.pilihan import Agama, Kategori, ProgramIntegrasi, StatusKlien
from pembimbingan.pilihan import PolaLapor
from pembimbingan.services import jadwal_lapor_setel
from wilayah.kode import kode_kecamatan
from wilayah.models import Desa

from . import services
from .pilihan import JenisPertimbangan, JenisSyarat, StatusSyarat

HARI = datetime.timedelta(days=1)
KEJAKSAAN = "Kejaksaan Negeri Karangasem"

# (name, sex, offence, article, threatened months, term months, days since the start)
KLIEN_DEMO = [
    ("I Made Sukerta", "L", "Penganiayaan", "Pasal 466 ayat (1) UU 1/2023", 30, 12, 150),
    ("Ni Ketut Suastini", "P", "Penggelapan", "Pasal 486 UU 1/2023", 48, 18, 200),
    ("I Nyoman Budiasa", "L", "Pencurian ringan", "Pasal 478 UU 1/2023", 12, 6, 5),
]


@langkah_demo(65)
def pidana_pengawasan(ctx: DemoKonteks) -> None:
    unit = ctx.unit.get("karangasem")
    if unit is None:
        return
    pk, kasi = ctx.pengguna["pk1"], ctx.pengguna["kasi"]
    rng = random.Random(7577)  # noqa: S311 (synthetic data; its own, so other steps' draws stay)
    hari_ini = timezone.localdate()
    desa = list(Desa.objects.di_wilayah_kerja(unit).select_related("kecamatan").order_by("pk"))
    if not desa or not User.objects.pk_aktif(unit).filter(pk=pk.pk).exists():
        return
    for i, (nama, jk, perkara, pasal, ancaman, lama, hari) in enumerate(KLIEN_DEMO):
        no_register = f"KRA-PGW-{hari_ini.year}-{i + 1:02d}"
        if Klien.objects.filter(unit=unit, no_register=no_register).exists():
            continue  # made already (idempotent)
        tempat = rng.choice(desa)
        lahir = hari_ini - datetime.timedelta(days=365 * rng.randint(20, 45) + rng.randint(0, 364))
        mulai = hari_ini - hari * HARI
        putusan = mulai - rng.randint(7, 20) * HARI
        klien = klien_services.klien_buat(
            unit=unit,
            oleh=kasi,
            data={
                "pk_pembimbing": pk,
                "no_register": no_register,
                "nama": nama,
                "kategori": Kategori.DEWASA,
                "nik": buat_nik(
                    kode_kecamatan=kode_kecamatan(tempat.kecamatan) or "510701",
                    lahir=lahir,
                    perempuan=jk == "P",
                    urut=900 + i,
                ),
                "jenis_kelamin": jk,
                "tempat_lahir": tempat.kecamatan.nama,
                "tanggal_lahir": lahir,
                "agama": Agama.HINDU,
                "alamat": f"Banjar {rng.choice(['Kaja', 'Kelod', 'Kangin', 'Kauh'])}",
                "desa": tempat,
                "perkara": perkara,
                "pasal": pasal,
                "no_putusan": f"{rng.randint(10, 250)}/Pid.B/{putusan.year}/PN Amp",
                "tanggal_putusan": putusan,
                "lama_pidana_bulan": lama,
                "program": ProgramIntegrasi.PENGAWASAN,
                "tanggal_mulai": mulai,
                "tanggal_ekspirasi": mulai + 30 * lama * HARI,
                "no_litmas": f"W20.PAS.PAS.19-PK.01.05.02-{rng.randint(100, 999)}/{putusan.year}",
                "tanggal_litmas": putusan - rng.randint(20, 40) * HARI,
                "pk_litmas": pk,
            },
        )
        # reporting falls due after the other demo clients' (-5 to +25 days), so the pages
        # that open "the client due first" keep opening the same one
        klien_services.klien_ubah_status(
            klien=klien,
            oleh=kasi,
            status_baru=StatusKlien.AKTIF,
            tanggal=mulai,
            alasan="Pidana pengawasan dimulai.",
        )
        # a schedule of their own, so the reporting demo (an earlier step) leaves them be
        # when the demo runs again
        jadwal_lapor_setel(
            klien=klien, oleh=pk, pola=PolaLapor.BULANAN, berikutnya=hari_ini + (28 + i) * HARI
        )
        if i == 2:
            continue  # the order waits to be recorded
        services.pengawasan_catat(
            klien=klien, oleh=pk, kejaksaan=KEJAKSAAN, ancaman_bulan=ancaman, lama_bulan=lama
        )
        restitusi = services.syarat_tambah(
            klien=klien,
            oleh=pk,
            jenis=JenisSyarat.RESTITUSI,
            uraian="Membayar restitusi kepada korban atas biaya pengobatan dan kerugian.",
            restitusi_jumlah=Decimal(rng.choice([2_500_000, 5_000_000, 7_500_000])),
            restitusi_batas=mulai + 90 * HARI,
        )
        services.syarat_tambah(
            klien=klien,
            oleh=pk,
            jenis=JenisSyarat.TIDAK_MELAKUKAN,
            uraian="Tidak mendatangi rumah korban dan tidak menghubungi korban.",
        )
        if i == 0:
            services.syarat_ubah_status(
                syarat=restitusi,
                oleh=pk,
                status=StatusSyarat.MEMENUHI,
                tanggal=mulai + 60 * HARI,
                bukti="Kuitansi pembayaran restitusi yang ditandatangani korban.",
            )
            continue
        services.syarat_ubah_status(
            syarat=restitusi,
            oleh=pk,
            status=StatusSyarat.DILANGGAR,
            tanggal=mulai + 91 * HARI,
            bukti="Batas pembayaran lewat; klien tidak membayar meskipun mampu (hasil kunjungan "
            "rumah dan keterangan kepala desa).",
            tanpa_alasan_sah=True,
        )
        services.pertimbangan_buat(
            klien=klien,
            oleh=pk,
            nomor=f"W20.PAS.33-PK.01.05-{rng.randint(300, 399)}",
            tanggal=min(mulai + 100 * HARI, hari_ini),
            jenis=JenisPertimbangan.PERPANJANG,
            syarat=restitusi,
            alasan="Klien tidak membayar restitusi sampai batas waktu tanpa alasan yang sah; "
            "PK mempertimbangkan perpanjangan masa pengawasan agar restitusi dapat dilunasi.",
        )
    ctx.catatan.append("Pidana pengawasan: 3 klien Karangasem (restitusi lunas, dilanggar, baru).")
