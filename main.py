"""Campaign Canvas: `python main.py` opens the editor; `python main.py COMMAND` runs a command."""

import sys

from canvas_app.launcher import main

if __name__ == "__main__":
    sys.exit(main())
