from .navigasi import menu_untuk


def navigasi(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    current = getattr(getattr(request, "resolver_match", None), "view_name", "")
    return {"menu": menu_untuk(user), "menu_aktif": current}
