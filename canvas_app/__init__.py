"""Campaign Canvas: offline editor and simulator for Email Link Clicked campaigns."""

__version__ = "0.1.0"
