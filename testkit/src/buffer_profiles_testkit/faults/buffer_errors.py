"""Buffer's error codes with the HTTP status each comes with, as the spec's "Errors" section lists them.

Where Buffer answered a code with more than one status (1001: 401 or 403), the first is the one the
reference server answers. tests/testkit checks this table against the spec's.
"""

BUFFER_ERRORS: dict[int, tuple[int, str]] = {
    1000: (500, "An unknown error occurred."),
    1001: (401, "Access token required."),
    1002: (403, "Not within application scope."),
    1003: (400, "Parameter not recognized."),
    1004: (400, "Required parameter missing."),
    1005: (406, "Unsupported response format."),
    1006: (400, "Parameter value not within bounds."),
    1010: (404, "Profile could not be found."),
    1011: (403, "No authorization to access profile."),
    1012: (400, "Profile did not save successfully."),
    1013: (403, "Profile schedule limit reached."),
    400: (400, "Malformed HTTP request."),
    403: (403, "Permission denied."),
    404: (404, "Endpoint not found."),
    405: (405, "Method not allowed."),
    408: (408, "The request did not arrive whole in time."),
    413: (413, "Request body too large."),
    415: (415, "Request body is not application/x-www-form-urlencoded."),
    429: (429, "Rate limit exceeded."),
    431: (431, "Request line and headers too large."),
    503: (503, "Service unavailable."),
    507: (507, "Storage full."),
}
