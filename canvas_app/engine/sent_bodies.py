"""The body of an email as it was sent, rendered on read.

A send stores its subject and the values its email was merged with, not the body: the body
follows from the published version (which never changes), the send's id (its links' tokens,
signed by the workspace's secret, which never changes either) and those values, so rendering it
again gives exactly what the contact got. Sends stored before schema 0005 keep their body.
A send row that names a version or an email that is not there, or lacks the values it was
merged with, was changed outside Campaign Canvas: it is refused with a sentence, not guessed.
"""

from __future__ import annotations

from canvas_app.domain.model import Email
from canvas_app.engine.render import Render, Template
from canvas_app.engine.tokens import Signer, tracking_base
from canvas_app.engine.versions import VersionCache
from canvas_app.store.errors import NotFound, WorkspaceDamaged
from canvas_app.store.orm_runtime import SendRow

_OUTSIDE = "the workspace was changed outside Campaign Canvas; restore a backup copy of it"


def sent_email(versions: VersionCache, send: SendRow) -> Email:
    """The email ``send`` sent, from the published version it was sent under."""
    try:
        campaign = versions.get(send.campaign_id, send.version)
    except NotFound:
        raise WorkspaceDamaged(f"sent email {send.id} was sent under version {send.version} of "
                               f"campaign '{send.campaign_id}', which is not in the workspace: "
                               f"{_OUTSIDE}") from None
    email = campaign.find_email(send.email_id)
    if email is None:
        raise WorkspaceDamaged(f"sent email {send.id} names the email '{send.email_id}', which "
                               f"version {send.version} of campaign '{send.campaign_id}' does "
                               f"not hold: {_OUTSIDE}")
    return email


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
        fallback, port = send.name_fallback, send.tracking_port
        if fallback is None or port is None:
            raise WorkspaceDamaged(f"sent email {send.id} to {address} has neither its body nor "
                                   f"the first-name fallback and tracking port it was sent "
                                   f"with: {_OUTSIDE}")
        key = (send.campaign_id, send.version, send.email_id, fallback, port)
        render = self._renderers.get(key)
        if render is None:
            render = self._renderers[key] = Template(sent_email(self._versions, send)).renderer(
                fallback, tracking_base(port), self._signer.token_maker)
        return render(address, send.contact_name or "", send.id)[1]
