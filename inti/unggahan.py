"""The ceiling on a request's body, checked before any of it is read.

Django limits a request's form fields (DATA_UPLOAD_MAX_MEMORY_SIZE, _NUMBER_FIELDS,
_NUMBER_FILES) but not its files: an upload of any size is streamed to a temporary file
before a form can say "too big". `BatasUnggahanHandler`, first in FILE_UPLOAD_HANDLERS,
refuses a multipart request whose declared length passes `UKURAN_PERMINTAAN_MAKS` before
a byte of it is read (Django never reads past the declared length), with RequestDataTooBig:
the 413 page (bapas.errors). The reverse proxy enforces the same ceiling in front
(README, "Production"), so such a body normally never reaches a worker.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


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
