"""The PySide6 editor: main window, canvas, panels, undo commands. Talks to domain and engine."""
