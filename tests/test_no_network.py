"""The guard in tests/conftest.py: a network socket opened anywhere fails the test."""

import socket

import pytest


def test_an_ipv4_or_ipv6_socket_is_refused(no_network):
    for family in (socket.AF_INET, socket.AF_INET6):
        with pytest.raises(OSError, match="tried to open a network socket"):
            socket.socket(family, socket.SOCK_STREAM)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    assert len(no_network) == 3  # each attempt is recorded, and would fail the test
    no_network.clear()


def test_a_local_socket_pair_is_allowed():
    left, right = socket.socketpair(socket.AF_UNIX)
    left.close()
    right.close()
