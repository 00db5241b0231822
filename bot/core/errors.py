"""Domain outcomes that end a use case early; handlers turn them into a reply."""


class AlreadyProcessed(Exception):
    """The update was handled before (Telegram redelivered it); nothing changes."""


class NotAllowed(Exception):
    """The actor may not do this, whatever the button or command said."""


class NotFound(Exception):
    """The thing asked for does not exist (any more)."""


class InvalidInput(Exception):
    """Input the user can correct; `reason` is a catalog key, `params` fill its placeholders."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params
