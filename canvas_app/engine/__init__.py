"""Running campaigns: publish, lifecycle, clock, contacts, sending, clicks, bots, goals, reports.
No Qt."""
