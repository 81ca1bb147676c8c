"""The roles, for the modules that have always imported them from here; they are defined in ``cms.vocabulary``."""

from cms.vocabulary import ADMIN_ACCESS_ROLES, MFA_REQUIRED_ROLES, Role

__all__ = ["ADMIN_ACCESS_ROLES", "MFA_REQUIRED_ROLES", "Role"]
