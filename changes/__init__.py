"""What a spec edit breaks: the API changes, the client changes, and the version bumps they need."""
