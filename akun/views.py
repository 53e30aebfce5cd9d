from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .forms import LoginForm
from .navigasi import beranda_url


class LoginView(auth_views.LoginView):
    template_name = "akun/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return beranda_url(self.request.user)


@login_required
def beranda(request):
    """Send each role to its own home page."""
    return redirect(beranda_url(request.user))


@never_cache
@require_GET
def healthz(request) -> HttpResponse:
    """Liveness and database check for the load balancer: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "tidak tersambung"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
