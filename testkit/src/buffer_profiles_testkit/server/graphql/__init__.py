"""The reference server's stand-in for Buffer's GraphQL API: ``POST /graphql``, over v1's store (endpoint.py)."""
