"""Token authentication for service accounts only: a token issued by mistake to a person's
login (through the admin, say) is refused, because people sign in with a session instead."""

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class ServiceAccountTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if not user.is_service_account:
            raise exceptions.AuthenticationFailed("Invalid token.")
        return user, token
