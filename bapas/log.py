"""Log records without personal data (UU 27/2022 on personal data protection).

Clients' NIKs, names and case details must not reach a log file or a mail to the admins.
Request data and frame variables never enter a record (bapas/pelaporan.py masks them in
error reports); what can still slip in is text: an exception message such as PostgreSQL's
``Key (unit_id, nik)=(1, 5107...) already exists`` or ``Failing row contains (...)``, or a
path. `samarkan` masks that text and `PenyaringLog`, attached to every handler in
``settings.LOGGING``, applies it to each record's message, traceback and stack.

This module is imported by the settings: it must not import Django's settings or models.
"""

import logging

from inti.samaran import SAMARAN, samarkan

__all__ = ["SAMARAN", "PenyaringLog", "samarkan"]


class PenyaringLog(logging.Filter):
    """Masks personal data in a record before any handler writes it (never drops one).

    The record is changed in place, so every handler that sees it afterwards, and the mail
    to the admins, gets the masked text. The traceback is formatted here (as
    `logging.Formatter` would) so that the formatter reuses the masked `exc_text`.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            pesan = record.getMessage()
        except Exception:  # a broken format string: keep the pieces, masked
            pesan = f"{record.msg} {record.args!r}"
        record.msg, record.args = samarkan(pesan), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = samarkan(record.exc_text)
        if record.stack_info:
            record.stack_info = samarkan(record.stack_info)
        return True
