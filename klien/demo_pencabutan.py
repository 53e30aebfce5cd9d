"""Demo revocation proposals at Karangasem, one at each open stage, for the first PK's
clients (so each step's page has a proposal to open), after the attendance demo has given
some clients their misses: the first proposal takes its ground from the records when the
records give one."""

import datetime

from django.utils import timezone

from inti.demo import DemoKonteks, langkah_demo

from . import pencabutan, services
from .models import Klien, UsulanPencabutan
from .pilihan import (
    AKHIR_PROGRAM,
    PROGRAM_DAPAT_DICABUT,
    TAHAP_TERBUKA,
    AlasanPencabutan,
    StatusKlien,
)

HARI = datetime.timedelta(days=1)


@langkah_demo(60)
def usulan_pencabutan(ctx: DemoKonteks) -> None:
    unit = ctx.unit["karangasem"]
    pk = ctx.pengguna["pk1"]
    kasi, kabapas = ctx.pengguna["kasi"], ctx.pengguna["kabapas"]
    calon = list(
        Klien.objects.filter(
            unit=unit,
            pk_pembimbing=pk,
            status=StatusKlien.AKTIF,
            program__in=PROGRAM_DAPAT_DICABUT,
        )
        .exclude(usulan_pencabutan__tahap__in=TAHAP_TERBUKA)
        .order_by("-mangkir_berturut", "pk")[:3]
    )
    hari_ini = timezone.localdate()
    # once made, the open proposals are there (idempotent); a revocation the drawn endings
    # carried through to the SK is not one of them
    if (
        len(calon) < 3
        or UsulanPencabutan.objects.filter(unit=unit, tahap__in=TAHAP_TERBUKA).exists()
    ):
        calon = []
    for nomor, klien in enumerate(calon):
        dasar = pencabutan.dasar_dari_catatan(klien)
        if dasar is None:
            dasar = pencabutan.DasarUsulan(
                AlasanPencabutan.ALAMAT, (max(klien.tanggal_mulai, hari_ini - 20 * HARI),)
            )
        diusulkan = max(dasar.tanggal_kejadian, hari_ini - (14 - 4 * nomor) * HARI)
        usulan = pencabutan.usulan_ajukan(
            klien=klien,
            oleh=pk,
            alasan=dasar.alasan,
            tanggal_kejadian=dasar.tanggal_kejadian,
            uraian=(
                "Klien tidak ditemukan di alamat terdaftar saat kunjungan rumah; keluarga "
                "menyatakan klien sudah beberapa minggu tidak pulang."
            ),
            bukti=dasar.bukti,
            tanggal_usulan=diusulkan,
        )
        if nomor == 0:
            continue  # waits for the TPP
        tpp = min(diusulkan + 3 * HARI, hari_ini)
        pencabutan.usulan_catat_tpp(
            usulan=usulan,
            oleh=kasi,
            nomor=f"W20.PAS.33-PK.01.05-{100 + nomor}",
            tanggal=tpp,
            merekomendasikan=True,
            catatan="TPP sepakat klien tidak lagi memenuhi syarat program integrasi.",
        )
        if nomor == 1:
            continue  # waits for the Kepala Bapas
        pencabutan.usulan_putuskan(
            usulan=usulan,
            oleh=kabapas,
            setuju=True,
            nomor=f"W20.PAS.33-PK.01.05-{200 + nomor}",
            tanggal=tpp,
            laporan_nomor=f"W20.PAS.33-PK.01.05-{300 + nomor}",
            laporan_tanggal=tpp,
        )
    # and one revocation carried through to the SK, when the drawn endings gave none
    if not Klien.objects.filter(unit=unit, status=StatusKlien.DICABUT).exists():
        pk2 = ctx.pengguna["pk2"]
        klien = (
            Klien.objects.filter(
                unit=unit,
                pk_pembimbing=pk2,
                status=StatusKlien.AKTIF,
                program__in=PROGRAM_DAPAT_DICABUT,
                tanggal_mulai__lte=hari_ini - 40 * HARI,
            )
            .order_by("pk")
            .first()
        )
        if klien is not None:
            akhiri_demo(
                klien,
                StatusKlien.DICABUT,
                pk=pk2,
                kasi=kasi,
                kabapas=kabapas,
                tanggal=hari_ini - 2 * HARI,
            )
    ctx.catatan.append(
        "Usulan pencabutan demo: diusulkan, direkomendasikan TPP, dicabut sementara, dicabut."
    )


def akhiri_demo(klien: Klien, status: str, *, pk, kasi, kabapas, tanggal: datetime.date) -> str:
    """End a demo client the way its programme ends (pilihan.AKHIR_PROGRAM): a revocation
    through the whole proposal workflow, dated back from `tanggal` (the SK's date), a
    diversion not carried out or a decision ending supervision with its document. A drawn
    ending that the programme cannot have becomes the programme's own (a diversion is not
    revoked: it goes back to court); an office without a Kepala Bapas account cannot revoke
    and completes instead. Returns the status given."""
    akhir = AKHIR_PROGRAM[klien.program]
    if status == StatusKlien.DICABUT and status not in akhir:
        status = next(
            (s for s in (StatusKlien.KEMBALI, StatusKlien.DIAKHIRI) if s in akhir),
            StatusKlien.SELESAI,
        )
    if status == StatusKlien.DICABUT and kabapas is None:
        status = StatusKlien.SELESAI
    if status == StatusKlien.DICABUT:
        hari = [max(klien.tanggal_mulai, tanggal - n * HARI) for n in (30, 20, 10)]
        usulan = pencabutan.usulan_ajukan(
            klien=klien,
            oleh=pk,
            alasan=AlasanPencabutan.TIDAK_LAPOR,
            tanggal_kejadian=hari[0],
            uraian="Klien tidak melapor dan tidak ditemukan di alamatnya.",
            bukti="Tidak lapor tiga kali berturut-turut (daftar hadir wajib lapor).",
            tanggal_usulan=hari[0],
        )
        pencabutan.usulan_catat_tpp(
            usulan=usulan,
            oleh=kasi,
            nomor=f"TPP-{klien.pk}",
            tanggal=hari[1],
            merekomendasikan=True,
        )
        pencabutan.usulan_putuskan(
            usulan=usulan,
            oleh=kabapas,
            setuju=True,
            nomor=f"PS-{klien.pk}",
            tanggal=hari[2],
            laporan_nomor=f"LK-{klien.pk}",
            laporan_tanggal=hari[2],
        )
        pencabutan.usulan_catat_sk(
            usulan=usulan,
            oleh=kasi,
            nomor=f"PAS-{klien.pk}.PK.05.01/{tanggal.year}",
            tanggal=tanggal,
            penerbit="Direktur Jenderal Pemasyarakatan",
        )
        return status
    dokumen = None
    if status == StatusKlien.KEMBALI:
        dokumen = {
            "nomor": f"LAP-PK/{klien.pk}",
            "tanggal": tanggal,
            "pihak": "Penyidik Unit PPA Polres Karangasem",
        }
    elif status == StatusKlien.DIAKHIRI:
        dokumen = {
            "nomor": f"{klien.pk}/Pen.Pid/{tanggal.year}/PN Amp",
            "tanggal": tanggal,
            "pihak": "Pengadilan Negeri Amlapura",
        }
    services.klien_ubah_status(
        klien=klien,
        oleh=kasi,
        status_baru=status,
        tanggal=tanggal,
        alasan="Demo: bimbingan berakhir.",
        dokumen=dokumen,
    )
    return status
