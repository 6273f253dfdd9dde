"""The workspace file: SQLAlchemy ORM over one SQLite file, Alembic migrations. No Qt."""
