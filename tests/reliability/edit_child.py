"""Child process for the crash test: random edits through the store, printing each one once
it is committed. Started, then killed with SIGKILL at a random moment, by the test."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from canvas_app.domain.model import Goal, Sequence
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace


def main() -> None:
    path, seed, start = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    workspace = Workspace.open(path)
    store = CampaignStore(workspace)
    campaign = store.load("ebook")
    store.attach(campaign)
    print("ready", flush=True)
    n = start
    while True:
        n += 1
        choice = rng.random()
        node = rng.choice(campaign.nodes)
        if choice < 0.4:
            campaign.rename_node(node.id, f"edit-{n}")
            print(f"rename {node.id} {n}", flush=True)
        elif choice < 0.8:
            campaign.move_node(node.id, (float(n), float(-n)))
            print(f"move {node.id} {n}", flush=True)
        else:
            kind = Sequence if choice < 0.9 else Goal
            campaign.add_node(kind(f"n{n}", f"added-{n}", (float(n), 0.0)))
            print(f"add n{n} {n}", flush=True)


if __name__ == "__main__":
    main()
