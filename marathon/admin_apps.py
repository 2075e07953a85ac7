from django.contrib.admin.apps import AdminConfig


class MarathonAdminConfig(AdminConfig):
    """The admin, with a second factor for staff who see personal data."""

    default_site = "marathon.two_factor.MarathonAdminSite"
