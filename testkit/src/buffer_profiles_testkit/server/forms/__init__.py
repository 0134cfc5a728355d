"""The update's form body: read, decoded from brackets and checked, each step bounded (``limits``)."""
