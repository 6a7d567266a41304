"""The security lint (ruff's S rules, bandit's checks) runs with `make audit`;
every waiver of it says why, where it is: `# noqa: S603 -- the reason` in the
code, a comment on the same line in pyproject.toml's per-file ignores. A
blanket `# noqa` is refused by ruff itself (PGH004); a file-wide
`# ruff: noqa: S…` needs its reason like any other."""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.audit

BASE = Path(settings.BASE_DIR)
SKIP = {".venv", "node_modules", "var", "staticfiles", "migrations"}
NOQA = re.compile(r"#\s*(?:ruff:\s*)?noqa:\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)(.*)$")
REASON = re.compile(r"^\s*(--|-|—)\s*\S.{4,}")


def python_files():
    for path in BASE.rglob("*.py"):
        if not SKIP.intersection(path.relative_to(BASE).parts):
            yield path


def unexplained_waivers(lines):
    for number, line in enumerate(lines, start=1):
        match = NOQA.search(line)
        if not match:
            continue
        codes = [code.strip() for code in match.group(1).split(",")]
        security = any(code.startswith("S") and code[1:].isdigit() for code in codes)
        if security and not REASON.match(match.group(2)):
            yield number, line.strip()


def test_every_security_waiver_in_the_code_says_why():
    found = {
        f"{path.relative_to(BASE)}:{number}": line
        for path in python_files()
        for number, line in unexplained_waivers(path.read_text().splitlines())
    }

    assert found == {}


def test_every_security_waiver_in_pyproject_says_why():
    text = (BASE / "pyproject.toml").read_text()
    ignores = tomllib.loads(text)["tool"]["ruff"]["lint"]["per-file-ignores"]
    waived = {code for codes in ignores.values() for code in codes if re.fullmatch(r"S\d+", code)}

    for code in waived:
        lines = [line for line in text.splitlines() if f'"{code}"' in line]
        assert lines, code
        assert all("#" in line for line in lines), f"{code} is waived without a reason"


def test_the_waiver_check_sees_a_bare_waiver():
    noqa = "# noqa"  # spelled apart, or this file would hold a bare waiver
    lines = [
        f"x = eval(text)  {noqa}: S307",
        f"y = 1  {noqa}: S105 -- a fixed test value",
        f"# ruff: {noqa[2:]}: S101",
    ]

    assert [number for number, _ in unexplained_waivers(lines)] == [1, 3]
