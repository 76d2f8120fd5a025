"""``django.contrib.admin`` with our site (``mstracker.admin_site``) as ``admin.site``."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "mstracker.admin_site.StaffOnlyOTPAdminSite"
