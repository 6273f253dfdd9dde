"""A workspace on a PostgreSQL server: opened from its URL, never showing its password, and
one clear sentence for every way the server can say no."""

from __future__ import annotations

import socket

import pytest

from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.errors import WorkspaceError, WorkspaceInUse, WorkspaceReadOnly
from canvas_app.store.lock import ServerEditorLock
from canvas_app.store.workspace import Workspace
from tests.cli.helpers import ROOT, Cli
from tests.factories import funnel
from tests.pg import PASSWORD, PASSWORD_USER, Cluster

YOGA = str(ROOT / "resources/samples/yoga-trial.campaign.json")


def _owned_database(cluster: Cluster) -> str:
    name = cluster.new_database()
    cluster.admin(f"ALTER DATABASE {name} OWNER TO {PASSWORD_USER}")
    cluster.admin(f"GRANT ALL ON SCHEMA public TO {PASSWORD_USER}")
    return name


def _with_password(cluster: Cluster, database: str, password: str) -> str:
    return (f"postgresql+psycopg://{PASSWORD_USER}:{password}@127.0.0.1:{cluster.port}/"
            f"{database}")


def test_the_password_is_used_but_never_shown(pg_cluster: Cluster,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    name = _owned_database(pg_cluster)
    try:
        url = _with_password(pg_cluster, name, PASSWORD)
        cli = Cli(capsys, url)
        imported = cli("import", YOGA)
        assert imported.code == 0, imported.err
        listed = cli("list")
        assert listed.code == 0 and "yoga-trial" in listed.out
        refused = cli("status", "nope")
        assert refused.code == 1 and PASSWORD not in refused.err
        with Workspace.open(url) as ws:
            assert PASSWORD not in ws.location and PASSWORD not in ws.name
            assert ws.location == (f"postgresql+psycopg://{PASSWORD_USER}@127.0.0.1:"
                                   f"{pg_cluster.port}/{name}")
        wrong = Cli(capsys, _with_password(pg_cluster, name, "not-the-password"))("list")
        assert wrong.code == 1 and "refused the login" in wrong.err
        assert "not-the-password" not in wrong.err + wrong.out
    finally:
        pg_cluster.drop_database(name)


def test_the_password_comes_from_pgpassword(pg_cluster: Cluster, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    name = _owned_database(pg_cluster)
    try:
        url = f"postgresql+psycopg://{PASSWORD_USER}@127.0.0.1:{pg_cluster.port}/{name}"
        assert "refused the login" in Cli(capsys, url)("list").err
        monkeypatch.setenv("PGPASSWORD", PASSWORD)
        assert Cli(capsys, url)("list").code == 0
    finally:
        pg_cluster.drop_database(name)


def test_an_unreachable_server_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        result = Cli(capsys, f"postgresql+psycopg://canvas@127.0.0.1:{port}/db")("list")
    assert result.code == 1
    assert "cannot reach the database server" in result.err and "Traceback" not in result.err


def test_a_missing_database_and_a_bad_url_are_named(pg_cluster: Cluster,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    missing = Cli(capsys, pg_cluster.url("no_such_db"))("list")
    assert missing.code == 1 and "does not exist" in missing.err and "createdb" in missing.err
    other_driver = Cli(capsys, "postgresql+asyncpg://u@127.0.0.1/db")("list")
    assert other_driver.code == 1 and "postgresql+psycopg://" in other_driver.err
    no_database = Cli(capsys, f"postgresql+psycopg://u@127.0.0.1:{pg_cluster.port}")("list")
    assert no_database.code == 1 and "names no database" in no_database.err
    plain = pg_cluster.url("no_such_db").replace("postgresql+psycopg://", "postgresql://")
    assert "does not exist" in Cli(capsys, plain)("list").err  # psycopg all the same


def test_a_database_of_another_program_is_refused_and_left_alone(
        pg_cluster: Cluster, capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    name = pg_cluster.new_database()
    try:
        with psycopg.connect(host="127.0.0.1", port=pg_cluster.port, user="canvas",
                             dbname=name, autocommit=True) as conn:
            conn.execute("CREATE TABLE invoices (id int)")
            result = Cli(capsys, pg_cluster.url(name))("import", YOGA)
            assert result.code == 1 and "another program" in result.err
            tables = conn.execute("SELECT tablename FROM pg_tables "
                                  "WHERE schemaname = 'public'").fetchall()
        assert tables == [("invoices",)]
    finally:
        pg_cluster.drop_database(name)


def test_file_only_features_say_what_applies(pg_url: str, tmp_path: object) -> None:
    with pytest.raises(WorkspaceError, match="holds no workspace yet"):
        Workspace.open(pg_url, read_only=True)
    with Workspace.open(pg_url) as ws:
        assert ws.path is None and ws.migration_backup is None
        with pytest.raises(WorkspaceError, match="copy-workspace"):
            ws.save_as(tmp_path / "copy.ws")  # type: ignore[operator]
    with Workspace.open(pg_url, read_only=True) as ws, pytest.raises(WorkspaceReadOnly), ws.transaction():
        pass


def test_two_editors_edit_two_campaigns_and_the_second_of_one_is_told_who_has_it(
        pg_url: str) -> None:
    with Workspace.open(pg_url) as first, Workspace.open(pg_url) as second:
        CampaignStore(first).add(funnel())
        other = funnel()
        other.id = "other"
        CampaignStore(first).add(other)
        assert isinstance(first.editor_lock, ServerEditorLock)
        assert isinstance(second.editor_lock, ServerEditorLock)
        first.editor_lock.acquire_campaign("ebook")
        second.editor_lock.acquire_campaign("other")  # another campaign: both edit at once
        with pytest.raises(WorkspaceInUse, match="ebook is already open for editing by .+ on "):
            second.editor_lock.acquire_campaign("ebook")
        first.close()  # an editor that ends (or crashes: its connection ends) lets go
        second.editor_lock.acquire_campaign("ebook")
        assert second.editor_lock.campaigns == {"ebook", "other"}


def test_an_older_schema_on_a_server_is_migrated_by_the_same_migrations(pg_url: str) -> None:
    from sqlalchemy import text

    from canvas_app.store import migrate

    Workspace.open(pg_url, target_revision="0002").close()
    with pytest.raises(WorkspaceError, match="older version"):
        Workspace.open(pg_url, read_only=True)
    with Workspace.open(pg_url) as ws:
        assert migrate.current_revision(ws.engine) == migrate.head_revision()
        assert ws.migration_backup is None  # the server keeps its own backups
        with ws.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(WorkspaceError, match="newer version of Campaign Canvas"):
        Workspace.open(pg_url)


def test_a_user_who_may_only_read_is_told_so_by_writes_and_by_serve(
        pg_cluster: Cluster, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    Cli(capsys, pg_url)("import", YOGA)
    database = pg_url.rsplit("/", 1)[1]
    pg_cluster.admin(f"GRANT CONNECT ON DATABASE {database} TO {PASSWORD_USER}")
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=pg_cluster.port, user="canvas", dbname=database,
                         autocommit=True) as conn:
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {PASSWORD_USER}")
    reader = Cli(capsys, _with_password(pg_cluster, database, PASSWORD))
    assert "yoga-trial" in reader("list").out
    refused = reader("publish", "yoga-trial")
    assert refused.code == 1 and "may not change this database" in refused.err
    served = reader("serve", "--port", "0")
    assert served.code == 1 and "could not save any click" in served.err
    assert "may not change this database" in served.err and "file" not in served.err
