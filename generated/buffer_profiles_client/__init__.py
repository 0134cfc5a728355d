"""A client library for accessing Buffer Profiles API"""

from .api import AsyncBufferProfiles, BufferProfiles
from .client import AuthenticatedClient, Client
from .defaults import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from .errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BufferApiError,
    BufferProfilesError,
    InvalidEnumValueError,
    InvalidRequestError,
    MalformedResponseError,
    NoGraphQLEquivalentError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    UnexpectedStatus,
    UnsuccessfulResponseError,
)
from .facade import MissingAccessTokenError, MissingApiKeyError
from .operations import RawResponse
from .request_log import configure_from_environment as _configure_logging_from_environment
from .retries import RateLimitRetry
from .retry_policy import Backoff

__version__ = "3.0.0"

# BUFFER_LOG=debug (or info) in the environment switches on the request log for the whole process.
_configure_logging_from_environment()

__all__ = (
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APITimeoutError",
    "AsyncBufferProfiles",
    "AuthenticatedClient",
    "AuthenticationError",
    "Backoff",
    "BufferApiError",
    "BufferProfiles",
    "BufferProfilesError",
    "Client",
    "InvalidEnumValueError",
    "InvalidRequestError",
    "MalformedResponseError",
    "MissingAccessTokenError",
    "MissingApiKeyError",
    "NoGraphQLEquivalentError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitRetry",
    "RateLimitedError",
    "RawResponse",
    "ServerError",
    "UnexpectedStatus",
    "UnsuccessfulResponseError",
    "__version__",
)
