"""Tracking and access errors, each with its HTTP status and a clear message.

They subclass ``HTTPException`` so FastAPI answers with the right status even without a
dedicated handler; ``problem_handler`` renders them as ``application/problem+json`` (RFC 9457)
and is what the app should register: ``app.add_exception_handler(TrackingError, problem_handler)``.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse

PROBLEM_BASE = "https://directives.invalid/problems/"


class TrackingError(HTTPException):
    status = 400
    code = "tracking-error"
    title = "Tracking error"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(status_code=self.status, detail=detail, headers=headers)
        self.extra = extra or {}

    def problem(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"type": PROBLEM_BASE + self.code, "title": self.title,
                                "status": self.status, "detail": self.detail}
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body


class TaskNotFound(TrackingError):
    status, code, title = 404, "task-not-found", "Task not found"

    def __init__(self, task_id: str) -> None:
        super().__init__(f"No task with id {task_id!r}.", extra={"task_id": task_id})


class OwnerNotFound(TrackingError):
    status, code, title = 404, "owner-not-found", "Owner not found"

    def __init__(self, key: str) -> None:
        super().__init__(f"No task has an owner with key {key!r}.", extra={"owner": key})


class VersionConflict(TrackingError):
    status, code, title = 409, "version-conflict", "The task was changed by someone else"

    def __init__(self, task_id: str, expected: int | None, current: int) -> None:
        super().__init__(
            f"Task {task_id!r} is at version {current}, not {expected}: reload it, reapply your "
            "change and send the new version in If-Match. Nothing was changed.",
            headers={"ETag": f'"{current}"'},
            extra={"task_id": task_id, "expected_version": expected, "current_version": current})
        self.current = current


class VersionRequired(TrackingError):
    status, code, title = 428, "version-required", "Version required"

    def __init__(self, task_id: str) -> None:
        super().__init__(
            f"Send the task's current version (ETag from GET /tasks/{task_id}) in the If-Match "
            "header or as \"version\" in the body, so concurrent edits cannot overwrite each other.")


class InvalidEdit(TrackingError):
    status, code, title = 422, "invalid-edit", "Invalid edit"

    def __init__(self, field: str, reason: str) -> None:
        from search_api.messages_vi import reason_message

        super().__init__(f"Field {field!r}: {reason}",
                         extra={"field": field, "message_vi": reason_message(field, reason)})


class EditLogUnavailable(TrackingError):
    status, code, title = 503, "edit-log-unavailable", "Edit log unavailable"

    def __init__(self, detail: str) -> None:
        super().__init__(detail + " The edit was not recorded; retry later.",
                         headers={"Retry-After": "5"})


class SearchUnavailable(TrackingError):
    status, code, title = 503, "search-unavailable", "Search engine unavailable"

    def __init__(self, reason: str) -> None:
        super().__init__(f"The search engine did not answer: {reason[:300]}. Retry shortly.",
                         headers={"Retry-After": "5"})


class Unauthorized(TrackingError):
    status, code, title = 401, "unauthorized", "API key required"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="directives"'})


class Forbidden(TrackingError):
    status, code, title = 403, "forbidden", "Not allowed for this API key"


async def problem_handler(request: Request, exc: Exception) -> JSONResponse:
    """Exception handler: ``TrackingError`` -> ``application/problem+json``."""
    assert isinstance(exc, TrackingError)
    return JSONResponse(exc.problem(str(request.url.path)), status_code=exc.status,
                        headers=exc.headers, media_type="application/problem+json")
