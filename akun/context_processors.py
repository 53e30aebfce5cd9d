from .navigasi import menu_untuk
from .otp import halaman_wajib


def navigasi(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    if halaman_wajib(user):  # second step still due: the menu would only lead back here
        return {"menu": [], "perlu_otp": True}
    current = getattr(getattr(request, "resolver_match", None), "view_name", "")
    return {"menu": menu_untuk(user), "menu_aktif": current}
