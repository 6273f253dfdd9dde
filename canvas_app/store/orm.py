"""Tables of a workspace. A campaign's draft is stored row by row so every edit is a small
committed transaction; published versions are frozen documents (see the engine)."""

from __future__ import annotations

from sqlalchemy import (
    Float,
    ForeignKeyConstraint,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from canvas_app.domain.vocabulary import CampaignState


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    """Workspace-wide values: the secret, the clock, the demo marker."""

    __tablename__ = "workspace_meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CampaignRow(Base):
    __tablename__ = "campaigns"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    settings_json: Mapped[str] = mapped_column(Text, default="{}")
    state: Mapped[str] = mapped_column(String(16), default=CampaignState.DRAFT.value)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    ord: Mapped[int] = mapped_column(Integer, default=0)


class NodeRow(Base):
    __tablename__ = "nodes"
    __table_args__ = (
        ForeignKeyConstraint(["campaign_id"], ["campaigns.id"], ondelete="CASCADE"),
    )
    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "sequence" | "goal"
    goal_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    name: Mapped[str] = mapped_column(Text)
    x: Mapped[float | None] = mapped_column(Float, nullable=True)
    y: Mapped[float | None] = mapped_column(Float, nullable=True)
    ord: Mapped[int] = mapped_column(Integer)


class EmailRow(Base):
    __tablename__ = "emails"
    __table_args__ = (
        ForeignKeyConstraint(["campaign_id", "sequence_id"], ["nodes.campaign_id", "nodes.id"],
                             ondelete="CASCADE"),
    )
    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sequence_id: Mapped[str] = mapped_column(String(64), index=True)
    ord: Mapped[int] = mapped_column(Integer)
    delay_minutes: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)


class LinkRow(Base):
    __tablename__ = "links"
    __table_args__ = (
        ForeignKeyConstraint(["campaign_id", "email_id"], ["emails.campaign_id", "emails.id"],
                             ondelete="CASCADE"),
    )
    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    email_id: Mapped[str] = mapped_column(String(64), index=True)
    ord: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)


class GoalLinkRow(Base):
    """A link chosen for a goal. No foreign key to links: a choice may dangle (validation says so)."""

    __tablename__ = "goal_links"
    __table_args__ = (
        ForeignKeyConstraint(["campaign_id", "goal_id"], ["nodes.campaign_id", "nodes.id"],
                             ondelete="CASCADE"),
    )
    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    goal_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    link_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ord: Mapped[int] = mapped_column(Integer)


class EdgeRow(Base):
    __tablename__ = "edges"
    __table_args__ = (
        ForeignKeyConstraint(["campaign_id", "source"], ["nodes.campaign_id", "nodes.id"],
                             ondelete="CASCADE"),
        ForeignKeyConstraint(["campaign_id", "target"], ["nodes.campaign_id", "nodes.id"],
                             ondelete="CASCADE"),
    )
    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(String(64), primary_key=True)
    target: Mapped[str] = mapped_column(String(64), primary_key=True)
    ord: Mapped[int] = mapped_column(Integer)


class NoteRow(Base):
    """A note on a campaign's canvas (never part of the automation)."""

    __tablename__ = "notes"
    __table_args__ = (
        ForeignKeyConstraint(["campaign_id"], ["campaigns.id"], ondelete="CASCADE"),
    )
    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    color: Mapped[str] = mapped_column(String(16))
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    width: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)
    ord: Mapped[int] = mapped_column(Integer)
