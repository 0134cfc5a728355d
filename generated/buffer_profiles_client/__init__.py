"""A client library for accessing Buffer Profiles API"""

from .client import AuthenticatedClient, Client
from .errors import (
    AuthenticationError,
    BufferApiError,
    InvalidRequestError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    UnexpectedStatus,
)
from .retries import RateLimitRetry

__version__ = "2.1.0"

__all__ = (
    "AuthenticatedClient",
    "AuthenticationError",
    "BufferApiError",
    "Client",
    "InvalidRequestError",
    "MalformedResponseError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitRetry",
    "RateLimitedError",
    "ServerError",
    "UnexpectedStatus",
    "__version__",
)
