"""What is held about a client: one declaration per table, registered by the app that owns it.

Every table of rows about one client is declared once, as a `DataKlien`, and registered with
`daftar_data_klien` in its app's AppConfig.ready() (klien registers its own there too; it
never imports the apps built on it). Four uses are derived from the declarations:

- anonymisation (`klien.retensi`): the declared text fields are replaced and their values
  redacted from the client's audit entries;
- the data-subject export (`klien.subjek`): every declared table, each row field by field;
- the client's timeline (`klien.timeline.timeline`): each row through `ke_timeline`;
- the client page's prefetch (`klien.timeline.prefetch_timeline`): one per timeline table.

An app built on klien adds its table with one declaration, e.g. (pembimbingan/apps.py)::

    def ready(self):
        from klien.terkait import DataKlien, Peristiwa, daftar_data_klien

        from .models import Kehadiran

        daftar_data_klien(
            DataKlien(
                model=Kehadiran,
                relasi="kehadiran",
                judul="kehadiran",
                teks_anonim={"catatan": ""},
                urutan_ekspor=("sesi__tanggal", "pk"),
                select_related=("sesi",),
                ke_timeline=lambda h: Peristiwa(
                    h.sesi.tanggal, _("Wajib lapor"), h.get_hasil_display(), h.catatan
                ),
            )
        )
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import (
    IndikatorReintegrasi,
    Klien,
    PengalihanPK,
    PeristiwaResidivisme,
    RiwayatStatus,
    UsulanPencabutan,
)

DIANONIMKAN = "[dianonimkan]"


@dataclass(frozen=True)
class Peristiwa:
    """One event on a client's timeline."""

    tanggal: datetime.date
    jenis: str  # short kind label
    judul: str
    keterangan: str = ""
    ikon: str = "circle"
    oleh: str = ""


@dataclass(frozen=True, eq=False)
class DataKlien:
    """One table of rows about a client.

    model: the table; its rows hang off the client through a foreign key.
    relasi: that key's reverse accessor on Klien (its related_name), e.g. "residivisme".
    judul: the table's name in the data-subject export.
    teks_anonim: free-text fields and what replaces each when the client is anonymised; their
        values are redacted from the audit trail too.
    urutan_ekspor: the rows' order in the data-subject export.
    select_related: what `ke_timeline` reads through foreign keys (the page prefetches it).
    ke_timeline: a row -> its timeline event, or None to leave the row off; None: the table
        is not on the timeline (nor prefetched for the page).
    """

    model: type[models.Model]
    relasi: str
    judul: str
    teks_anonim: Mapping[str, object] = field(default_factory=dict)
    urutan_ekspor: tuple[str, ...] = ("pk",)
    select_related: tuple[str, ...] = ()
    ke_timeline: Callable[[models.Model], Peristiwa | None] | None = None

    def __post_init__(self):
        object.__setattr__(self, "teks_anonim", MappingProxyType(dict(self.teks_anonim)))
        label = self.model._meta.label
        try:
            rel = Klien._meta.get_field(self.relasi)
        except FieldDoesNotExist:
            rel = None
        if rel is None or not rel.one_to_many or rel.related_model is not self.model:
            raise ImproperlyConfigured(
                f"{label}: relasi {self.relasi!r} bukan relasi balik Klien ke model ini."
            )
        for nama in self.teks_anonim:
            try:
                self.model._meta.get_field(nama)
            except FieldDoesNotExist as exc:
                raise ImproperlyConfigured(f"{label}: teks_anonim {nama!r} tidak ada.") from exc

    @property
    def field_klien(self) -> str:
        """The name of the model's foreign key to the client."""
        return Klien._meta.get_field(self.relasi).field.name

    def baris(self, klien: Klien):
        """The client's rows (through the reverse relation, so each row knows its client)."""
        return getattr(klien, self.relasi).all()

    def baris_ekspor(self, klien: Klien):
        """The client's rows for the data-subject export: every other foreign key joined, as
        the export writes each one by its label."""
        fk = [
            f.name
            for f in self.model._meta.concrete_fields
            if f.many_to_one and f.name != self.field_klien
        ]
        return self.baris(klien).select_related(*fk).order_by(*self.urutan_ekspor)

    def prefetch(self) -> Prefetch:
        qs = self.model._default_manager.all()
        if self.select_related:  # (select_related() with no names would follow every key)
            qs = qs.select_related(*self.select_related)
        return Prefetch(self.relasi, queryset=qs)


_DAFTAR: dict[type[models.Model], DataKlien] = {}


def daftar_data_klien(*deklarasi: DataKlien) -> None:
    """Register tables about a client (in the owning app's AppConfig.ready()). One declaration
    per model: registering the same one again changes nothing, another one is refused."""
    for d in deklarasi:
        ada = _DAFTAR.get(d.model)
        if ada is not None and ada is not d:
            raise ImproperlyConfigured(
                f"{d.model._meta.label} sudah dinyatakan sebagai data klien."
            )
        _DAFTAR[d.model] = d


def hapus_data_klien(model: type[models.Model]) -> DataKlien | None:
    """Unregister a model's declaration (tests); returns it."""
    return _DAFTAR.pop(model, None)


def data_klien() -> tuple[DataKlien, ...]:
    """Every registered table about a client, in the order of registration."""
    return tuple(_DAFTAR.values())


# --- klien's own tables (registered in KlienConfig.ready()) -----------------------------


def _status(r: RiwayatStatus) -> Peristiwa:
    return Peristiwa(
        r.tanggal,
        _("Status"),
        (f"{r.get_status_lama_display()} → " if r.status_lama else "")
        + r.get_status_baru_display(),
        r.alasan,
        "flag",
        str(r.oleh),
    )


def _pengalihan(p: PengalihanPK) -> Peristiwa:
    return Peristiwa(
        p.tanggal,
        _("Pengalihan PK"),
        _("Dialihkan dari %(dari)s ke %(ke)s") % {"dari": p.dari_pk, "ke": p.ke_pk},
        p.alasan,
        "arrow-left-right",
        str(p.oleh),
    )


def _residivisme(r: PeristiwaResidivisme) -> Peristiwa:
    return Peristiwa(
        r.tanggal,
        _("Residivisme"),
        r.get_jenis_display(),
        f"{r.sumber}. {r.catatan}".strip(),
        "exclamation-triangle",
    )


def _indikator(i: IndikatorReintegrasi) -> Peristiwa:
    return Peristiwa(
        i.tanggal,
        _("Indikator reintegrasi"),
        _("%(tonggak)s: skor %(skor)d dari 4")
        % {"tonggak": i.get_tonggak_display(), "skor": i.skor},
        i.catatan,
        "graph-up",
    )


def _usulan(u: UsulanPencabutan) -> Peristiwa:
    return Peristiwa(
        u.tanggal_usulan,
        _("Usulan pencabutan"),
        f"{u.get_alasan_display()}: {u.get_tahap_display()}",
        u.bukti,
        "x-octagon",
        str(u.diusulkan_oleh),
    )


DATA_KLIEN_SENDIRI = (
    DataKlien(
        model=RiwayatStatus,
        relasi="riwayat_status",
        judul="riwayat_status",
        teks_anonim={"alasan": DIANONIMKAN},
        urutan_ekspor=("dicatat_pada",),
        select_related=("oleh",),
        ke_timeline=_status,
    ),
    DataKlien(
        model=PengalihanPK,
        relasi="pengalihan_pk",
        judul="pengalihan_pk",
        teks_anonim={"alasan": DIANONIMKAN},
        urutan_ekspor=("dicatat_pada",),
        select_related=("dari_pk", "ke_pk", "oleh"),
        ke_timeline=_pengalihan,
    ),
    DataKlien(
        model=PeristiwaResidivisme,
        relasi="residivisme",
        judul="residivisme",
        teks_anonim={"sumber": DIANONIMKAN, "catatan": ""},
        urutan_ekspor=("tanggal",),
        ke_timeline=_residivisme,
    ),
    DataKlien(
        model=IndikatorReintegrasi,
        relasi="indikator",
        judul="indikator_reintegrasi",
        teks_anonim={"catatan": ""},
        urutan_ekspor=("tanggal",),
        ke_timeline=_indikator,
    ),
    DataKlien(
        model=UsulanPencabutan,
        relasi="usulan_pencabutan",
        judul="usulan_pencabutan",
        teks_anonim={
            "uraian": DIANONIMKAN,
            "bukti": DIANONIMKAN,
            "tpp_catatan": "",
            "keputusan_catatan": "",
            "ditutup_alasan": "",
        },
        urutan_ekspor=("tanggal_usulan", "pk"),
        select_related=("diusulkan_oleh",),
        ke_timeline=_usulan,
    ),
)


def daftar_milik_klien() -> None:
    daftar_data_klien(*DATA_KLIEN_SENDIRI)
