"""One error shape for every error: {"error": {"code", "message", "details"}}, with a machine-readable code."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response

from editorial.workflow import CitationsMissing, EditConflict, TransitionNotAllowed


class APIError(exceptions.APIException):
    """An error with its code, message and details, raised anywhere in the API."""

    def __init__(self, code: str, message: str, details=None, status_code: int | None = None):
        self.code, self.message, self.details = code, message, details
        if status_code is not None:
            self.status_code = status_code
        super().__init__(message, code)


class BadRequest(APIError):
    status_code = status.HTTP_400_BAD_REQUEST


class ServiceUnavailable(APIError):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE


def body(code: str, message: str, details=None) -> dict:
    return {"error": {"code": code, "message": message, "details": details}}


def _validation_details(detail):
    """DRF's ErrorDetail tree as plain strings."""
    if isinstance(detail, dict):
        return {key: _validation_details(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_validation_details(value) for value in detail]
    return str(detail)


def _describe(exc) -> tuple[int, str, str, object] | None:
    """(status, code, message, details) for an exception the API answers with a 4xx; None for any other."""
    if isinstance(exc, APIError):
        return exc.status_code, exc.code, exc.message, exc.details
    if isinstance(exc, CitationsMissing):
        return 400, "citations_missing", exc.message, {"missing": exc.missing}
    if isinstance(exc, EditConflict):
        return 409, "edit_conflict", str(exc), {"current_version": exc.record.version}
    if isinstance(exc, TransitionNotAllowed):
        return 409, "transition_not_allowed", str(exc), {"action": exc.action, "state": exc.state}
    if isinstance(exc, DjangoValidationError):
        details = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return 400, "invalid", "The data is not valid.", details
    if isinstance(exc, Http404):
        return 404, "not_found", "Nothing here: no published record has this identifier.", None
    if isinstance(exc, DjangoPermissionDenied):
        return 403, "permission_denied", str(exc) or "You may not do this.", None
    if isinstance(exc, exceptions.ValidationError):
        details = _validation_details(exc.detail)
        if isinstance(details, list):
            details = {"non_field_errors": details}
        return 400, "invalid", "The request is not valid: see details.", details
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        return exc.status_code, code, str(exc.detail), None
    return None


def exception_handler(exc, context):
    """DRF's exception handler: every error the API knows, in the one shape; anything else stays a 500."""
    described = _describe(exc)
    if described is None:
        return None  # not bad input: DRF re-raises it, Django logs it and answers 500 (server_error)
    status_code, code, message, details = described
    response = Response(body(code, message, details), status=status_code)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response["Retry-After"] = str(max(1, int(exc.wait + 0.999)))
    if getattr(exc, "auth_header", None):
        response["WWW-Authenticate"] = exc.auth_header
    return response


def server_error(request, *args, **kwargs):
    """The project's handler500: under /api/, the API's shape; elsewhere Django's page. Django has logged it already."""
    if request.path.startswith("/api/"):
        message = "The server failed to answer this request; it has been logged. Try again later."
        return JsonResponse(body("server_error", message), status=500)
    return defaults.server_error(request, *args, **kwargs)


def not_found(request, *args, **kwargs):
    """Any address under /api/v1/ that names no endpoint."""
    return JsonResponse(body("not_found", f"No endpoint at {request.path}."), status=404)
