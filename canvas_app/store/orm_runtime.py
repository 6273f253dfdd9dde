"""Tables for running campaigns: published versions, contacts, memberships, sends, clicks,
goal achievements and the event log."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from canvas_app.store.orm import Base


class VersionRow(Base):
    """An immutable published version: the campaign document the engine runs."""

    __tablename__ = "versions"
    campaign_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    document: Mapped[str] = mapped_column(Text)
    published_at: Mapped[float] = mapped_column(Float)


class ContactRow(Base):
    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(Text, default="")


class MembershipRow(Base):
    """A contact in a sequence: active (emails pending), finished, or stopped."""

    __tablename__ = "memberships"
    __table_args__ = (
        Index("ix_memberships_due", "status", "next_due_at"),
        Index("ix_memberships_contact", "campaign_id", "contact_id"),
        # covering for the counts per node (status) and the contacts behind a node
        Index("ix_memberships_node", "campaign_id", "sequence_id", "status"),
        Index("ix_memberships_entered", "campaign_id", "sequence_id", "contact_id"),  # report
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("campaigns.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(Integer, ForeignKey("contacts.id", ondelete="CASCADE"))
    sequence_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # active | finished | stopped
    enrolled_at: Mapped[float] = mapped_column(Float)
    anchor_at: Mapped[float] = mapped_column(Float)  # enrolment or last send: delays count from it
    last_email_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_email_pos: Mapped[int] = mapped_column(Integer, default=-1)
    next_due_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    ended_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    end_reason: Mapped[str | None] = mapped_column(String(80), nullable=True)


class SendRow(Base):
    """What was sent to one contact: enough to render exactly the email it got. The body is
    rendered on read from the published version, the send's id (its links' tokens) and the
    values it was merged with (``contact_name``, ``name_fallback``, ``tracking_port``); ``html``
    holds the body only for sends stored before that (schema 0005), and is "" otherwise."""

    __tablename__ = "sends"
    __table_args__ = (Index("ix_sends_contact", "contact_id", "sent_at"),
                      Index("ix_sends_campaign", "campaign_id", "version"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("campaigns.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    membership_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(Integer, ForeignKey("contacts.id", ondelete="CASCADE"))
    sequence_id: Mapped[str] = mapped_column(String(64))
    email_id: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[float] = mapped_column(Float)
    subject: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    contact_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    name_fallback: Mapped[str | None] = mapped_column(Text, nullable=True)
    tracking_port: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ClickRow(Base):
    """Every click on a tracked link, with its classification and reasons."""

    __tablename__ = "clicks"
    __table_args__ = (Index("ix_clicks_pending", "evaluated", "evaluate_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    send_id: Mapped[int] = mapped_column(Integer, ForeignKey("sends.id", ondelete="CASCADE"),
                                         index=True)
    campaign_id: Mapped[str] = mapped_column(String(64), index=True)
    link_id: Mapped[str | None] = mapped_column(String(64), nullable=True)  # None: honeypot
    at: Mapped[float] = mapped_column(Float)
    user_agent: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(8), default="GET")
    bot: Mapped[bool] = mapped_column(Boolean, default=False)
    reasons: Mapped[str] = mapped_column(Text, default="[]")
    evaluate_at: Mapped[float] = mapped_column(Float)
    evaluated: Mapped[bool] = mapped_column(Boolean, default=False)


class AchievementRow(Base):
    __tablename__ = "achievements"
    __table_args__ = (
        UniqueConstraint("goal_id", "membership_id", name="uq_goal_membership"),
        Index("ix_achievements_goal", "campaign_id", "goal_id"),  # counts per goal: covering
        Index("ix_achievements_membership", "membership_id", "goal_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # (its own index is gone: ix_achievements_goal begins with it)
    campaign_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("campaigns.id", ondelete="CASCADE"))
    goal_id: Mapped[str] = mapped_column(String(64))
    contact_id: Mapped[int] = mapped_column(Integer, ForeignKey("contacts.id", ondelete="CASCADE"))
    membership_id: Mapped[int] = mapped_column(Integer)
    click_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[float] = mapped_column(Float)


class EventRow(Base):
    """What happened, in order: the simulation's log."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_campaign", "campaign_id", "at"),
        Index("ix_events_contact", "contact_id", "campaign_id", "at"),  # one contact's log
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[float] = mapped_column(Float)
    campaign_id: Mapped[str] = mapped_column(String(64))
    contact_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str] = mapped_column(String(32))
    node_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
