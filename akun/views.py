from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .forms import LoginForm
from .navigasi import beranda_url
from .pengguna import kata_sandi_setel


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


class GantiKataSandiView(auth_views.PasswordChangeView):
    """Change one's own password (old one required; Django's validators: 12 characters, not
    a common password). Django keeps this session and ends the user's other sessions."""

    template_name = "akun/kata_sandi.html"
    success_url = reverse_lazy("akun:keamanan")

    def form_valid(self, form):
        kata_sandi_setel(
            user=form.user,
            sandi=form.cleaned_data["new_password1"],
            aksi="kata_sandi_diganti",
            request=self.request,
        )
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Kata sandi diganti. Sesi lain akun ini berakhir."))
        return HttpResponseRedirect(self.get_success_url())
