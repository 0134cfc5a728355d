"""The contract suite: schemathesis, configured by ``schemathesis.toml``, plus this project's hooks and checks.

``buffer-profiles-contract`` (``make contract``) runs it against any server;
``buffer_profiles_testkit.contract.hooks`` is the module schemathesis loads for the bracket-form
serializer and the checks the spec promises.
"""
