"""Shared helpers of the tests (no tests here): fakes' companions, servers, waiting."""
