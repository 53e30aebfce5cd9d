"""Uploaded documents: one folder of the default storage per kind (README, "Documents on
object storage").

The default storage (STORAGES["default"]) is local disk under MEDIA_ROOT, or an
S3-compatible bucket when S3_BUCKET is set (bapas.settings.base). Every read and write of
an uploaded file goes through Django's storage API, never a filesystem path, so the same
code serves both. A kind of document keeps its own folder (`pks/` for the PKS agreements):
`BagianPenyimpanan` is that folder, resolved on every call, so a change of STORAGES (the
storage tests) or of MEDIA_ROOT takes effect at once. Names stored in the database are
relative to the folder.
"""

from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.core.files.utils import validate_file_name
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible


@deconstructible
class BagianPenyimpanan(Storage):
    """The folder `folder` of the default storage, as a storage of its own."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def _penuh(self, name: str) -> str:
        # A name may not leave the folder (absolute, or with ".."): SuspiciousFileOperation.
        validate_file_name(name, allow_relative_path=True)
        return f"{self.folder}/{name}" if name else self.folder

    def _relatif(self, name: str) -> str:
        return name.removeprefix(f"{self.folder}/")

    def _open(self, name, mode="rb"):
        return default_storage.open(self._penuh(name), mode)

    def _save(self, name, content):
        # The inner storage may pick another free name (a race); keep the one it used.
        return self._relatif(default_storage.save(self._penuh(name), content))

    def get_valid_name(self, name):
        return default_storage.get_valid_name(name)

    def delete(self, name):
        default_storage.delete(self._penuh(name))

    def exists(self, name):
        return default_storage.exists(self._penuh(name))

    def listdir(self, path):
        return default_storage.listdir(self._penuh(path))

    def size(self, name):
        return default_storage.size(self._penuh(name))

    def path(self, name):
        """Local disk only (the tests check where a file lands); the bucket has no paths."""
        return default_storage.path(self._penuh(name))

    def url(self, name):
        return default_storage.url(self._penuh(name))

    def get_accessed_time(self, name):
        return default_storage.get_accessed_time(self._penuh(name))

    def get_created_time(self, name):
        return default_storage.get_created_time(self._penuh(name))

    def get_modified_time(self, name):
        return default_storage.get_modified_time(self._penuh(name))


def dokumen_di_disk() -> bool:
    """Whether uploaded documents are on local disk (under MEDIA_ROOT), not in a bucket."""
    return isinstance(default_storage, FileSystemStorage)


def respons_unduhan(field, *, nama: str, tipe: str):
    """A stored file (a FieldFile) as a private download: read through the storage API and
    streamed (never a link to the storage), not cached, not sniffed; a missing file is a 404.
    The caller has checked who may have it and written the trail."""
    if not field:
        raise Http404
    try:
        berkas = field.open("rb")
    except FileNotFoundError as e:
        raise Http404 from e
    resp = FileResponse(berkas, as_attachment=True, filename=nama, content_type=tipe)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Cache-Control"] = "private, no-store"
    return resp
