"""Templates: working campaigns to start from. The built-in ones are the samples that come with
the program; a user's own are campaign files saved in their data folder ("Save as
Template…"). Starting from a template adds a new draft campaign, with ids of its own, to the
workspace."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from canvas_app.domain.ids import new_id
from canvas_app.domain.interchange import CampaignFileError, dumps, read_campaign_file
from canvas_app.domain.model import Campaign
from canvas_app.domain.words import count
from canvas_app.engine.campaign_admin import clean_name, unused_name
from canvas_app.engine.errors import Refused
from canvas_app.resources import resource_path
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.workspace import Workspace

SUFFIX = ".campaign.json"

#: What each built-in template is for, in a sentence.
ABOUT = {
    "yoga-trial": "A studio turns new leads into trial-class bookings, then offers a "
                  "membership to those who looked at the prices.",
    "sourdough-ebook": "A bakery delivers a free ebook and invites those who downloaded it "
                       "to a baking class.",
    "webinar-registration": "Invitations to a free webinar, reminders and the replay for "
                            "those who registered, and a consultation offer after it.",
    "order-followup": "Reminders for an unfinished order form, care tips after the order, "
                      "and a subscription offer.",
}


@dataclass(frozen=True)
class Template:
    name: str
    about: str
    path: Path
    built_in: bool

    def campaign(self) -> Campaign:
        return read_campaign_file(self.path)


def user_folder() -> Path:
    """Where the user's own templates are kept."""
    return user_data_path("campaign-canvas", appauthor=False) / "templates"


def _describe(campaign: Campaign) -> str:
    return (f"{count(len(campaign.sequences), 'sequence')} and "
            f"{count(len(campaign.goals), 'goal')}, saved by you.")


def templates(folder: Path | None = None) -> list[Template]:
    """The built-in templates, then the user's own (a damaged file is left out)."""
    found: list[Template] = []
    for path in sorted(resource_path("samples").glob(f"*{SUFFIX}")):
        campaign = read_campaign_file(path)
        about = ABOUT.get(campaign.id, _describe(campaign).replace(", saved by you", ""))
        found.append(Template(campaign.name, about, path, True))
    own = folder if folder is not None else user_folder()
    if own.is_dir():
        for path in sorted(own.glob(f"*{SUFFIX}")):
            try:
                campaign = read_campaign_file(path)
            except (CampaignFileError, OSError):
                continue  # someone else's broken file must not hide the gallery
            found.append(Template(campaign.name, _describe(campaign), path, False))
    return found


def start_from(workspace: Workspace, template: Template, name: str | None = None) -> str:
    """Adds a new draft campaign made from the template; returns its id."""
    campaign = template.campaign()
    store = CampaignStore(workspace)
    campaign.id = new_id()
    campaign.name = clean_name(name) if name else unused_name(store, campaign.name)
    store.add(campaign)
    return campaign.id


def save_as_template(campaign: Campaign, name: str, folder: Path | None = None) -> Path:
    """Writes the campaign's design as a template of the user's (never over another one)."""
    clean = clean_name(name)
    own = folder if folder is not None else user_folder()
    stem = re.sub(r"[^a-z0-9]+", "-", clean.lower()).strip("-")[:60] or "template"
    path = own / f"{stem}{SUFFIX}"
    number = 2
    while path.exists():
        path = own / f"{stem}-{number}{SUFFIX}"
        number += 1
    copy = campaign.copy()
    copy.name = clean
    try:
        own.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(dumps(copy), "utf-8")
        temporary.replace(path)
    except OSError as exc:
        raise Refused(f"the template could not be saved in {own}: {exc.strerror or exc}") from exc
    return path
