"""The body of an email as it was sent, rendered on read.

A send stores its subject and the values its email was merged with, not the body: the body
follows from the published version (which never changes), the send's id (its links' tokens,
signed by the workspace's secret, which never changes either) and those values, so rendering it
again gives exactly what the contact got. Sends stored before schema 0005 keep their body.
"""

from __future__ import annotations

from canvas_app.engine.render import Render, Template
from canvas_app.engine.tokens import Signer, tracking_base
from canvas_app.engine.versions import VersionCache
from canvas_app.store.orm_runtime import SendRow


class SentBodies:
    """Renders sends' bodies, compiling each email once per (version, merge settings)."""

    def __init__(self, versions: VersionCache, signer: Signer) -> None:
        self._versions = versions
        self._signer = signer
        self._renderers: dict[tuple[str, int, str, str, int], Render] = {}

    def html(self, send: SendRow, address: str) -> str:
        """The body ``send`` had, sent to ``address``."""
        if send.html:  # stored whole before bodies were rendered on read
            return send.html
        fallback, port = send.name_fallback or "", send.tracking_port or 0
        key = (send.campaign_id, send.version, send.email_id, fallback, port)
        render = self._renderers.get(key)
        if render is None:
            email = self._versions.get(send.campaign_id, send.version).find_email(send.email_id)
            assert email is not None  # versions are immutable: what was sent is in it
            render = self._renderers[key] = Template(email).renderer(
                fallback, tracking_base(port), self._signer.token_maker)
        return render(address, send.contact_name or "", send.id)[1]
