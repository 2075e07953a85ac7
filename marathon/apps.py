from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPDefaultConfig


class MarathonConfig(AppConfig):
    # The one Django picks for "marathon": this module also holds the two below.
    default = True
    name = "marathon"
    verbose_name = "Marathon des lettres"

    def ready(self) -> None:
        from marathon import emails  # noqa: F401 (registers the e-mail kinds)


class SignInAttemptsConfig(AxesAppConfig):
    default = False
    """django-axes, named in the admin in the staff's language (not "AXES")."""

    verbose_name = _("Sign-in attempts")


class AuthenticatorAppsConfig(TOTPDefaultConfig):
    default = False
    """django-otp's TOTP devices, named in the admin in the staff's language (not "OTP_TOTP")."""

    verbose_name = _("Authenticator apps")
