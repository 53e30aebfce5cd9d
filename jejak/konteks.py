"""Who is acting in the current request, for entries written without an explicit actor.

auditlog keeps its own context variable but never resets it after a request (nor after
`set_actor`), so a later write on the same thread would inherit a stale actor. This one is
set by JejakMiddleware for exactly the duration of a request.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_PELAKU: ContextVar = ContextVar("jejak_pelaku", default=None)


def pelaku_saat_ini():
    return _PELAKU.get()


@contextmanager
def sebagai(pelaku):
    token = _PELAKU.set(pelaku)
    try:
        yield
    finally:
        _PELAKU.reset(token)
