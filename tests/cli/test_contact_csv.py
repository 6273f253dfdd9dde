"""`contact import FILE.csv`: a value over the csv module's limit is a clear per-line problem,
line numbers are the ones an editor shows, and a long list of problems is cut short
(issue 12, item 9)."""

from pathlib import Path

from tests.cli.helpers import Cli


def _csv(tmp_path: Path, text: str) -> str:
    path = tmp_path / "people.csv"
    path.write_text(text, "utf-8", newline="")
    return str(path)


def test_a_value_over_the_csv_limit_is_a_problem_on_its_line(cli: Cli, tmp_path: Path) -> None:
    text = ("email,name\nann@example.com,Ann\n"
            f'bob@example.com,"{"x" * 140_000}"\ncyd@example.com,Cyd\n')
    result = cli("contact", "import", _csv(tmp_path, text))
    assert result.code == 1 and "Traceback" not in result.err
    assert "line 3: a value is longer than 131,072 characters" in result.err
    assert "nothing was added" in result.err and len(result.err) < 2000
    assert cli("contact", "import", _csv(tmp_path, "email\nann@example.com\n")).code == 0


def test_line_numbers_count_blank_lines_and_quoted_line_breaks(cli: Cli, tmp_path: Path) -> None:
    text = ("email,name\n"                      # 1
            "\n"                                # 2 blank
            "ann@example.com,Ann\n"             # 3
            'bob@example.com,"Bob\nthe\nBuilder"\n'  # 4-6
            "\n"                                # 7 blank
            "not-an-address,Zed\n"              # 8
            "\r\n"                              # 9 blank (Windows line end)
            "ann@example.com,Again\r\n"         # 10
            'cyd@example.com,Cyd,"extra"\n')    # 11
    result = cli("contact", "import", _csv(tmp_path, text))
    assert result.code == 1
    assert "line 8: 'not-an-address' is not a valid email address" in result.err
    assert "line 10: 'ann@example.com' is already on line 3" in result.err
    assert "line 11: more values than columns" in result.err


def test_only_the_first_20_problems_are_listed(cli: Cli, tmp_path: Path) -> None:
    text = "email\n" + "".join(f"bad{i}\n" for i in range(100_000))
    result = cli("contact", "import", _csv(tmp_path, text))
    assert result.code == 1
    assert "line 2: 'bad0'" in result.err and "line 21: 'bad19'" in result.err
    assert "'bad20'" not in result.err
    assert "and 99980 more problems" in result.err
    assert len(result.err.splitlines()) < 30
