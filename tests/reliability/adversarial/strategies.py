"""Hypothesis strategies for plausible and hostile command-line values.

Every strategy mixes values a user would type with values an attacker or a slip of the finger
would: numeric extremes (nan, inf, 1e400, 2**63, negatives), non-ASCII digits, control
characters, huge strings, and undecodable bytes as Linux hands them to Python (surrogates).
NUL is left out: no process can receive it in its argv.
"""

from __future__ import annotations

from hypothesis import Phase
from hypothesis import strategies as st

#: Shrinking a failure re-runs the command line hundreds of times; the failing argv is printed
#: whole instead, so runs stay bounded.
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)

CONTROL = "".join(chr(c) for c in range(1, 32)) + "\x7f\x85\u2028\u202e"
#: Undecodable argv bytes arrive as lone surrogates (PEP 383).
SURROGATES = "\udcff\udc80\udcc3"
WEIRD = CONTROL + SURROGATES + "٣３۹ⅷ²é例テ\u0301\ufeff\u200b"

NUMBER_WORDS = ["0", "1", "-1", "-0", "7", "1.5", "-2.5", "nan", "NaN", "inf", "-inf",
                "Infinity", "1e400", "-1e400", "1e-400", "1e308", str(2**31), str(2**53 + 1),
                str(2**63 - 1), str(2**63), str(2**64), str(-(2**63) - 1), "9" * 400,
                "٣", "３", "۹۹", "²", "1_000", "0x10", "0b1", " 5 ", "5\n", "", " ", "+3",
                "65535", "65536", "99999", "1.0", "1e3"]


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any text a hostile argv can hold, including control characters and surrogates."""
    return st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
                   | st.sampled_from(WEIRD), max_size=max_size)


class Huge(str):
    """A long string that prints short in Hypothesis' reports."""

    def __repr__(self) -> str:
        return f"({self[:1]!r} * {len(self)})"

    def _repr_pretty_(self, printer: object, _cycle: bool) -> None:
        printer.text(repr(self))  # type: ignore[attr-defined]


def huge() -> st.SearchStrategy[str]:
    return st.builds(lambda ch, n: Huge(ch * n),
                     st.sampled_from(["a", "é", "9", "-", "%", "\u202e"]),
                     st.sampled_from([255, 4097, 70_000, 200_000]))


def hostile(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.one_of(texts(max_size), st.sampled_from(NUMBER_WORDS), huge())


def numbers() -> st.SearchStrategy[str]:
    """Numbers as text: plausible, extreme, non-ASCII and malformed."""
    return st.one_of(
        st.sampled_from(NUMBER_WORDS),
        st.integers(-(2**70), 2**70).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        texts(6),
    )


def durations() -> st.SearchStrategy[str]:
    units = st.sampled_from(["s", "m", "h", "d", "", "D", "w", "y", "ms", " d", "d "])
    amounts = st.one_of(
        st.integers(0, 500).map(str),
        st.sampled_from(["0", "1", "90", "1.5", "0.0001", "99999999", "2920000", "2919999",
                         "9" * 30, "1" + "0" * 400, "٣", "３", "-1", "nan", "inf", "1e3",
                         " 5", "1.", ".5", "00010"]),
        numbers(),
    )
    return st.one_of(st.builds(lambda a, u: a + u, amounts, units), hostile(12))


def ids(existing: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(existing),
        st.sampled_from(existing).map(lambda s: s + "\n"),
        st.sampled_from(existing).map(str.upper),
        st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True),
        st.sampled_from(["", "-", "--", "-h", "x" * 65, "../etc/passwd", "' OR 1=1 --", "%s",
                         "{0}", "ébook", "yoga-trial\x00"[:-1], "null", "NaN"]),
        hostile(),
    )


def emails(existing: list[str]) -> st.SearchStrategy[str]:
    local = st.from_regex(r"[A-Za-z0-9._%+'-]{1,20}", fullmatch=True)
    domain = st.from_regex(r"[A-Za-z0-9-]{1,15}(\.[A-Za-z]{2,6}){1,2}", fullmatch=True)
    return st.one_of(
        st.sampled_from(existing),
        st.sampled_from(existing).map(str.upper),
        st.sampled_from(existing).map(lambda e: f" {e}\n"),
        st.builds(lambda a, b: f"{a}@{b}", local, domain),
        st.sampled_from(["", "@", "a@", "@b.com", "a@b", "a..b@c.com", "a@b..com", "a b@c.com",
                         "a@-b.com", "chloé@example.net", "a@例え.jp", "x" * 250 + "@b.com",
                         "a@" + "b" * 64 + ".com", "a@b.com\nb@c.com", "\udcff@b.com",
                         "-a@b.com", "--name"]),
        hostile(),
    )


def user_agents() -> st.SearchStrategy[str]:
    """At most ~1 kB: crawler detection is superlinear in the length (NEW N9: 4 kB takes 1.3 s,
    20 kB 30 s), which test_known_defects pins; longer ones would only burn the run's time."""
    return st.one_of(
        st.sampled_from(["", "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0",
                         "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0",
                         "Mozilla/5.0 (compatible; Barracuda Sentinel)", "\udcff", "-",
                         "Mozilla/5.0 " + "x" * 1000]),
        texts(60), st.sampled_from([w for w in NUMBER_WORDS if len(w) < 100]),
    )


def mutate_url(url: str, data: st.DataObject) -> str:
    """A tracked URL flipped, cut, extended, re-encoded or given a query."""
    how = data.draw(st.sampled_from(["same", "flip", "cut", "append", "query", "case",
                                     "percent", "host", "double", "fragment"]), label="how")
    if how == "same":
        return url
    if how == "flip":
        i = data.draw(st.integers(0, len(url) - 1), label="at")
        ch = data.draw(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                       label="ch")
        return url[:i] + ch + url[i + 1:]
    if how == "cut":
        return url[:data.draw(st.integers(0, len(url) - 1), label="to")]
    if how == "append":
        return url + data.draw(hostile(20), label="tail")
    if how == "query":
        return url + "?" + data.draw(texts(20), label="query")
    if how == "case":
        return url.swapcase()
    if how == "percent":
        return url.replace("/t/", "/%74/")
    if how == "host":
        return url.replace("127.0.0.1", data.draw(st.sampled_from(
            ["localhost", "evil.example", "127.0.0.1:1", "[::1]", ""]), label="host"))
    if how == "double":
        return url + url
    return url + "#" + data.draw(texts(10), label="fragment")
