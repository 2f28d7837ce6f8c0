"""People's accounts: users with a password and a role, sessions in an HttpOnly cookie, CSRF.

* ``open_accounts(settings) -> AccountStore`` — users and sessions in the edit log's database
  (``<data_dir>/edit-log.sqlite3``, or PostgreSQL when ``DATABASE_URL`` names one).
* ``session_user(request)`` — the signed-in ``User`` of a request, or ``None``.
* roles: ``reader`` (reads), ``editor`` (changes tasks, uploads), ``administrator`` (also
  manages users and the register of units).

API keys (``search_api.security``) stay for programs; both end in the same ``Principal``.
"""

from __future__ import annotations

from search_api.accounts.store import ROLES, AccountError, AccountStore, Session, User, open_accounts

__all__ = ["ROLES", "AccountError", "AccountStore", "Session", "User", "open_accounts"]
