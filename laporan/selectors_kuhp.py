"""The new criminal code's community sentences on the office dashboard and in the monthly
report: pidana pengawasan (conditions met, breached and in progress; the PK's
considerations by kind and outcome) and pidana kerja sosial (hours ordered and worked per
month, completion, clients behind pace, hours per placement site).

Counted over the user's office for the period, whatever the dashboard's client filters
(the figures are few and each answers to the prosecutor's office as a whole). Five queries:
two for supervision (pengawasan.selectors.rekap_pengawasan), three for community service
(kerjasosial.rekap.rekap_kerja_sosial).
"""

import datetime
from dataclasses import dataclass

from kerjasosial.rekap import RekapKerjaSosial, rekap_kerja_sosial
from pengawasan.pilihan import HasilPertimbangan, JenisPertimbangan
from pengawasan.selectors import RekapPengawasan, rekap_pengawasan


@dataclass(frozen=True)
class BarisPertimbangan:
    label: str
    per_hasil: tuple[int, ...]  # in HasilPertimbangan's order

    @property
    def jumlah(self) -> int:
        return sum(self.per_hasil)


@dataclass(frozen=True)
class RingkasanKuhp:
    pengawasan: RekapPengawasan
    kerja_sosial: RekapKerjaSosial

    @property
    def pertimbangan(self) -> list[BarisPertimbangan]:
        return [
            BarisPertimbangan(
                j.label,
                tuple(self.pengawasan.jumlah_pertimbangan(j, h) for h in HasilPertimbangan),
            )
            for j in JenisPertimbangan
        ]

    @property
    def hasil_pertimbangan(self) -> list[str]:
        return [h.label for h in HasilPertimbangan]

    @property
    def ada(self) -> bool:
        """Anything to show: an order, a condition or a consideration, hours or a site."""
        p, k = self.pengawasan, self.kerja_sosial
        return bool(
            p.memenuhi or p.dilanggar or p.berjalan or p.pertimbangan
            or k.per_bulan or k.diputuskan or k.tertinggal or k.per_lokasi
        )  # fmt: skip


def ringkasan_kuhp(
    user, dari: datetime.date, sampai: datetime.date, hari_ini: datetime.date | None = None
) -> RingkasanKuhp:
    """The figures of the user's office from `dari` to `sampai` (five queries)."""
    unit_ids = [user.unit_id]
    pengawasan = rekap_pengawasan(unit_ids, dari, sampai).get(user.unit_id, RekapPengawasan())
    kerja_sosial = rekap_kerja_sosial(unit_ids, dari, sampai, hari_ini=hari_ini)
    return RingkasanKuhp(pengawasan, kerja_sosial)
