"""Refusals the engine gives; each message says what to do."""


class Refused(Exception):
    """The action is not allowed now; the message tells the user what to do instead."""
