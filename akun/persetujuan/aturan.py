"""Which account changes need a second person, and whose approval.

The accounts that hold an office's keys are the Admin's (all accounts, imports, the trail)
and the Kabapas's (the trail, the office's second-factor policy, approvals). A change that
would let one person take such an account over, or make one, waits for approval:

- a password set by someone else, a second factor reset: when the account is one of them;
- a role change to or from one of them, a deactivation or reactivation of one of them;
- a new account with one of these roles.

The Kanwil approves what involves a Kabapas; the office's Kabapas what involves an Admin
only, and the Kanwil too where the office has no active Kabapas (an office with one Admin
and no Kabapas in post). Names, NIP and e-mail are changed directly, as before.
"""

from django.utils.translation import gettext_lazy as _

from ..models import Peran, User

PERAN_PEKA = frozenset({Peran.ADMIN, Peran.KABAPAS})
FIELD_PEKA = ("peran", "is_active")
PESAN_PERLU_PERSETUJUAN = _(
    "Perubahan akun Admin atau Kabapas perlu persetujuan orang kedua: ajukan permintaan."
)


def penyetuju(*, unit, peran_lama: str | None, peran_baru: str | None) -> str | None:
    """The role that must approve a change to an account of `unit` whose role is
    `peran_lama` (None: a new account) and will be `peran_baru`; None when nobody needs
    to (neither role is Admin or Kabapas)."""
    terlibat = {peran_lama, peran_baru} & PERAN_PEKA
    if not terlibat:
        return None
    if Peran.KABAPAS in terlibat:
        return Peran.KANWIL
    ada_kabapas = User.objects.filter(unit=unit, peran=Peran.KABAPAS, is_active=True).exists()
    return Peran.KABAPAS if ada_kabapas else Peran.KANWIL


def perubahan_peka(user: User, data: dict) -> dict:
    """The part of an edit (`data`, fields of the account) that needs approval: a change of
    role or of active status of an account that is or becomes Admin or Kabapas."""
    berubah = {n: data[n] for n in FIELD_PEKA if n in data and data[n] != getattr(user, n)}
    if not berubah:
        return {}
    if {user.peran, data.get("peran", user.peran)} & PERAN_PEKA:
        return berubah
    return {}
