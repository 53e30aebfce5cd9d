"""Kept only because applied migrations (klien 0001, pokmas 0001) name this path in their
models' bases; applied migrations are never edited. New code imports `inti.kendala`."""

from inti.kendala import KendalaPerFieldMixin

__all__ = ["KendalaPerFieldMixin"]
