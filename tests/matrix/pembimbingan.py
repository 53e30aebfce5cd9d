from . import Baris

BARIS: list[Baris] = []
