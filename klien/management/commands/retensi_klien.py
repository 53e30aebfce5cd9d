"""Anonymise the clients whose retention period has passed (UU PDP Pasal 42-44).

Without --laksanakan this is a dry run: it lists, per office, the clients due and the
held ones that will be skipped, and changes nothing. Meant to run from cron, daily or
monthly, after the office has checked a dry run once.
"""

from itertools import groupby

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import Unit
from klien.models import Klien
from klien.retensi import (
    AnonimisasiDitolak,
    anonimkan_satu_per_satu,
    ditahan,
    hari_lewat,
    jatuh_tempo_retensi,
    masa_retensi_hari,
)

URUTAN = ("unit__nama", "unit_id", "tanggal_berakhir", "no_register")


class Command(BaseCommand):
    help = _(
        "Menganonimkan data pribadi klien yang masa retensinya (RETENSI_KLIEN_HARI setelah "
        "bimbingan berakhir) sudah lewat. Tanpa --laksanakan hanya menampilkan daftar."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--laksanakan",
            action="store_true",
            help=_("Benar-benar menganonimkan (tanpa opsi ini: uji coba, tidak mengubah apa pun)."),
        )
        parser.add_argument("--unit", type=int, help=_("Hanya unit (kantor Bapas) dengan id ini."))

    def handle(self, *args, laksanakan, unit, **options):
        hari_ini = timezone.localdate()
        qs = Klien.objects.select_related("unit").order_by(*URUTAN)
        if unit is not None:
            if not Unit.objects.filter(pk=unit).exists():
                raise CommandError(_("Unit dengan id %(id)d tidak ada.") % {"id": unit})
            qs = qs.filter(unit_id=unit)
        tempo = list(jatuh_tempo_retensi(qs, hari_ini))
        tahan = list(ditahan(qs, hari_ini))
        self.stdout.write(
            _(
                "Masa retensi: %(hari)d hari setelah bimbingan berakhir (RETENSI_KLIEN_HARI). "
                "Tanggal acuan: %(tanggal)s."
            )
            % {"hari": masa_retensi_hari(), "tanggal": hari_ini.isoformat()}
        )
        if laksanakan:
            self._laksanakan(tempo, tahan, hari_ini)
        else:
            self._uji_coba(tempo, tahan, hari_ini)

    def _baris(self, klien, hari_ini) -> str:
        return _("%(reg)s (id %(id)d), berakhir %(tgl)s, lewat %(hari)d hari") % {
            "reg": klien.no_register,
            "id": klien.pk,
            "tgl": klien.tanggal_berakhir.isoformat(),
            "hari": hari_lewat(klien, hari_ini),
        }

    def _per_unit(self, tempo, tahan):
        """(unit, due, held) per office, in the order of the office's name."""
        semua = sorted(
            [(k, True) for k in tempo] + [(k, False) for k in tahan],
            key=lambda p: (p[0].unit.nama, p[0].unit_id),
        )
        for _id, isi in groupby(semua, key=lambda p: p[0].unit_id):
            isi = list(isi)
            yield isi[0][0].unit, [k for k, t in isi if t], [k for k, t in isi if not t]

    def _tulis_unit(self, unit) -> None:
        self.stdout.write(_("%(nama)s (unit %(id)d)") % {"nama": unit.nama, "id": unit.pk})

    def _tulis_ditahan(self, tahan, hari_ini) -> None:
        if tahan:
            self.stdout.write(
                "  " + _("Dilewati, ditahan untuk perkara hukum (%(n)d):") % {"n": len(tahan)}
            )
            for k in tahan:
                self.stdout.write(
                    "    "
                    + self._baris(k, hari_ini)
                    + "; "
                    + _("alasan: %(alasan)s") % {"alasan": k.tahan_hukum_alasan}
                )

    def _uji_coba(self, tempo, tahan, hari_ini) -> None:
        for unit, tempo_unit, tahan_unit in self._per_unit(tempo, tahan):
            self._tulis_unit(unit)
            if tempo_unit:
                self.stdout.write(
                    "  " + _("Jatuh tempo anonimisasi (%(n)d):") % {"n": len(tempo_unit)}
                )
                for k in tempo_unit:
                    self.stdout.write("    " + self._baris(k, hari_ini))
            self._tulis_ditahan(tahan_unit, hari_ini)
        self.stdout.write(
            _("Jumlah: %(tempo)d klien jatuh tempo, %(tahan)d ditahan.")
            % {"tempo": len(tempo), "tahan": len(tahan)}
        )
        self.stdout.write(
            self.style.WARNING(
                _(
                    "Uji coba: tidak ada data yang diubah. Jalankan dengan --laksanakan untuk "
                    "menganonimkan."
                )
            )
        )

    def _laksanakan(self, tempo, tahan, hari_ini) -> None:
        berhasil = gagal = 0
        for unit, tempo_unit, tahan_unit in self._per_unit(tempo, tahan):
            self._tulis_unit(unit)
            for k, hasil in anonimkan_satu_per_satu(tempo_unit, hari_ini=hari_ini):
                baris = self._baris(k, hari_ini)
                if isinstance(hasil, Exception):
                    gagal += 1
                    # A refusal explains itself; of any other error only its type is shown,
                    # since a database message can quote the row (the data being removed).
                    ditolak = isinstance(hasil, AnonimisasiDitolak)
                    sebab = str(hasil) if ditolak else type(hasil).__name__
                    self.stdout.write(
                        "  " + _("GAGAL %(baris)s: %(sebab)s") % {"baris": baris, "sebab": sebab}
                    )
                elif hasil:
                    berhasil += 1
                    self.stdout.write("  " + _("Dianonimkan: %(baris)s") % {"baris": baris})
            self._tulis_ditahan(tahan_unit, hari_ini)
        gaya = self.style.ERROR if gagal else self.style.SUCCESS
        self.stdout.write(
            gaya(
                _(
                    "Selesai: %(ok)d klien dianonimkan, %(tahan)d dilewati (ditahan), "
                    "%(gagal)d gagal."
                )
                % {"ok": berhasil, "tahan": len(tahan), "gagal": gagal}
            )
        )
