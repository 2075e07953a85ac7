from __future__ import annotations

import logging

from marathon.models import DataAccessLog

logger = logging.getLogger("marathon.data_access")


def data_access_record(*, user, action: str, what: str, rows: int | None = None) -> DataAccessLog:
    """Log an export or download of personal data, in the database and the logs."""
    username = getattr(user, "get_username", lambda: "")() or "—"
    entry = DataAccessLog.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=username,
        action=action,
        what=what,
        rows=rows,
    )
    logger.info("personal data access: %s %s %s (%s rows)", username, action, what, rows)
    return entry
