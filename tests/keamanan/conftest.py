"""Fixtures and Hypothesis profiles of the security tests.

Profiles: ``ci`` (the default) is deterministic (``derandomize``: the same examples on every
run, so a red build is reproducible and a green one stays green) and writes no example
database; ``dev`` (``HYPOTHESIS_PROFILE=dev``) draws new, more numerous examples on each run
and remembers failing ones under var/ (ignored by git).
"""

import os
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.factories import DesaFactory, KabupatenFactory, KecamatanFactory
from tests.klien.factories import KlienFactory

settings.register_profile(
    "ci", max_examples=30, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.register_profile(
    "dev",
    max_examples=150,
    deadline=None,
    database=DirectoryBasedExampleDatabase(Path(__file__).parents[2] / "var" / "hypothesis"),
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def desa(unit):
    """A desa in the office's work area (its kabupaten attached to the unit)."""
    kabupaten = KabupatenFactory(nama="Karangasem")
    unit.wilayah_kerja.add(kabupaten)
    return DesaFactory(kecamatan=KecamatanFactory(kabupaten=kabupaten, nama="Kubu"), nama="Tianyar")


@pytest.fixture
def klien(pk, desa):
    return KlienFactory(pk_pembimbing=pk, desa=desa)
