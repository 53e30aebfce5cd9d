"""The ceiling on a request's body, checked before any of it is read.

Django limits a request's form fields (DATA_UPLOAD_MAX_MEMORY_SIZE, _NUMBER_FIELDS,
_NUMBER_FILES) but not its files: an upload of any size is streamed to a temporary file
before a form can say "too big". `BatasUnggahanHandler`, first in FILE_UPLOAD_HANDLERS,
refuses a multipart request whose declared length passes `UKURAN_PERMINTAAN_MAKS` before
a byte of it is read (Django never reads past the declared length), with RequestDataTooBig:
the 413 page (bapas.errors). The reverse proxy enforces the same ceiling in front
(README, "Production"), so such a body normally never reaches a worker.

`BerkasTerlepasMixin`: a form that names the file chosen before an error, to be attached
again.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _


class BatasUnggahanHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.UKURAN_PERMINTAAN_MAKS:
            raise RequestDataTooBig(
                "Request body exceeded settings.UKURAN_PERMINTAAN_MAKS "
                f"({content_length} > {settings.UKURAN_PERMINTAAN_MAKS} bytes)."
            )

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # the next handler stores it

    def file_complete(self, file_size):
        return None  # the next handler makes the file


class BerkasTerlepasMixin:
    """A form with a file field, shown again after an error (in it or in another form of
    the page): the browser does not send a chosen file again and the page does not keep it,
    so the field says, by the file's name, that it must be attached again, and the error
    summary (inti.galat) lists it with a link to the field. (Keeping it on the server under
    a token was the alternative: a document stored for a form that may never be sent again,
    to be found and deleted later; attaching it again costs a click.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for bf, pesan in self.berkas_terlepas():
            bf.help_text = bf.field.help_text = pesan  # the bound field keeps its own copy

    def berkas_terlepas(self) -> list[tuple]:
        """(bound field, message) for each file chosen in the request this form is bound
        to; a bound form is only shown again when something could not be saved."""
        if not self.is_bound:
            return []
        hasil = []
        for bf in self:
            berkas = self.files.get(bf.html_name)
            if isinstance(bf.field, forms.FileField) and berkas:
                pesan = _(
                    "Berkas “%(berkas)s” belum tersimpan karena ada isian yang perlu "
                    "diperbaiki: lampirkan lagi sebelum menyimpan."
                ) % {"berkas": berkas.name}
                hasil.append((bf, pesan))
        return hasil
