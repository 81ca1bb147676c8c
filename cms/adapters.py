from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by an administrator or by invitation, never by public sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Where a user lands after signing in without a ``next``: the Wagtail admin if their role reaches it,
        else the staff survey pages (school coordinators), else the home page.

        Sending everyone to the admin left a school coordinator, who has no admin access, bouncing between the
        admin and the sign-in page until the browser gave up.
        """
        from surveys.permissions import can_use_staff_pages

        user = request.user
        if user.has_perm("wagtailadmin.access_admin"):
            return super().get_login_redirect_url(request)
        if can_use_staff_pages(user):
            return reverse("surveys:staff_home")
        return "/"
