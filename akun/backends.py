from django.contrib.auth.backends import ModelBackend

from .models import User


class UnitAwareBackend(ModelBackend):
    """ModelBackend that loads the unit and kanwil in the same query (every page shows them)."""

    def get_user(self, user_id):
        try:
            user = User.objects.select_related("unit", "kanwil").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
