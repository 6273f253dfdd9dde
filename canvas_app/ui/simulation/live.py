"""Following real time in the editor: the tracking server and the real-time clock run
in-process while the switch is on, so a click in any browser on this computer lands here."""

from __future__ import annotations

import threading

from canvas_app.engine import settings as engine_settings
from canvas_app.engine.errors import Refused
from canvas_app.store.workspace import Workspace


class LiveSession:
    def __init__(self, workspace: Workspace) -> None:
        # the server library loads when the switch is first turned on, not with the editor
        from canvas_app.engine.server import RealTimeClock, TrackingServer

        port = engine_settings.read(workspace).tracking_port
        try:
            self.server = TrackingServer(workspace, port, log=None)
        except Refused:
            self.server = TrackingServer(workspace, 0, log=None)  # any free port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True,
                                       name="tracking server")
        self.clock = RealTimeClock(workspace, tick_seconds=1.0)
        self.thread.start()
        self.clock.start()

    @property
    def port(self) -> int:
        return self.server.port

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)
        self.server.server_close()
        self.clock.stop()
