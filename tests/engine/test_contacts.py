from pathlib import Path

import pytest
from sqlalchemy import func, select

from canvas_app.engine.contacts import add_contact, import_csv
from canvas_app.engine.errors import Refused
from canvas_app.store.orm_runtime import ContactRow
from canvas_app.store.workspace import Workspace


def count(ws: Workspace) -> int:
    with ws.reading() as session:
        return session.scalar(select(func.count()).select_from(ContactRow)) or 0


@pytest.mark.parametrize("bad", ["", "ann", "ann@", "@example.com", "ann@@example.com",
                                 "ann@example", "a b@example.com", "ann..x@example.com"])
def test_invalid_addresses_are_refused(workspace: Workspace, bad: str) -> None:
    with pytest.raises(Refused, match="email address"):
        add_contact(workspace, bad)
    assert count(workspace) == 0


def test_email_is_the_key_and_the_domain_is_case_insensitive(workspace: Workspace) -> None:
    first, created = add_contact(workspace, "Ann@Example.COM", "Ann Lee")
    again, created_again = add_contact(workspace, "Ann@example.com")
    assert created and not created_again and first == again and count(workspace) == 1


def test_csv_import_reports_every_bad_row_and_imports_nothing(workspace: Workspace,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("email,name\nann@example.com,Ann\nnot-an-address,Bob\n"
                    "ann@example.com,Ann again\ncid@example.com,Cid,extra\n", "utf-8")
    with pytest.raises(Refused) as info:
        import_csv(workspace, path)
    message = str(info.value)
    assert "nothing was added" in message
    assert "line 3: 'not-an-address' is not a valid email address" in message
    assert "line 4: 'ann@example.com' is already on line 2" in message
    assert "line 5: more values than columns" in message
    assert count(workspace) == 0


def test_csv_import_adds_new_contacts_and_skips_existing(workspace: Workspace,
                                                        tmp_path: Path) -> None:
    add_contact(workspace, "ann@example.com")
    path = tmp_path / "people.csv"
    path.write_text("First_Name,Last_Name,Email\nAnn,Lee,ann@example.com\nBo,Ng,bo@example.com\n",
                    "utf-8")
    result = import_csv(workspace, path)
    assert (result.added, result.already_there) == (1, 1) and count(workspace) == 2


def test_csv_without_an_email_column_or_missing_file(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("name\nAnn\n", "utf-8")
    with pytest.raises(Refused, match="include 'email'"):
        import_csv(workspace, path)
    with pytest.raises(Refused, match="does not exist"):
        import_csv(workspace, tmp_path / "missing.csv")


def test_a_spreadsheet_csv_with_semicolons_and_spaced_headers_imports(
        workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfE-mail;First Name;Last Name\r\n ana@example.com ;Ana;Silva\r\n"
                     b"\r\nbob@example.com;Bob;\r\n")
    assert import_csv(workspace, path).added == 2
    with workspace.reading() as session:
        names = sorted(session.scalars(select(ContactRow.name)))
    assert names == ["Ana Silva", "Bob"]


def test_a_csv_in_an_older_encoding_names_the_line_in_plain_words(
        workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"email,name\nana@example.com,Ana\ndana@example.com,Dan\xe9\n")
    with pytest.raises(Refused) as refused:
        import_csv(workspace, path)
    said = str(refused.value)
    assert "line 3" in said and "CSV UTF-8" in said and "codec" not in said
    assert count(workspace) == 0
