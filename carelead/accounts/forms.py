from django.contrib.auth.forms import AuthenticationForm

from carelead.nhsuk_forms import fields


class LoginForm(AuthenticationForm):
    username = fields.CharField(
        label="Username", autocomplete="username", classes="nhsuk-u-width-two-thirds"
    )
    password = fields.PasswordField(
        label="Password", autocomplete="current-password", classes="nhsuk-u-width-two-thirds"
    )

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }
