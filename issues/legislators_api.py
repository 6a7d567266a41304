"""A small client for the Open States v3 API (https://v3.openstates.org), the
public legislative-data service: Wisconsin's current legislators, to refresh
the register (`manage.py refresh_legislators`). Optional: a deployment without
settings.OPENSTATES_API_KEY keeps its legislators by hand and by CSV import.

Only `fetch_page` touches the network; tests replace it with recorded
responses (tests/issues/advocacy/recorded/)."""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from issues.enums import Chamber, Party

BASE_URL = "https://v3.openstates.org/people"
JURISDICTION = "Wisconsin"
# The API's names for the two chambers.
CHAMBERS = {"lower": Chamber.ASSEMBLY, "upper": Chamber.SENATE}
PER_PAGE = 50  # the API's maximum for /people
MAX_PAGES = 10  # 99 + 33 seats fit in 3 pages; more means something is wrong
TIMEOUT_SECONDS = 20
PARTIES = {"democratic": Party.DEMOCRATIC, "republican": Party.REPUBLICAN,
           "independent": Party.INDEPENDENT}  # fmt: skip


class ApiError(Exception):
    """The service could not be reached or answered something unusable."""


@dataclass(frozen=True)
class Person:
    """One legislator as the service describes them, in the register's terms."""

    external_id: str
    full_name: str
    chamber: str
    district: int
    party: str
    office_email: str = ""
    office_phone: str = ""
    office_address: str = ""


def fetch_page(*, api_key: str, org_classification: str, page: int) -> dict:
    """One page of the service's people: its JSON as a dict."""
    query = urllib.parse.urlencode(
        {
            "jurisdiction": JURISDICTION,
            "org_classification": org_classification,
            "include": "offices",
            "page": page,
            "per_page": PER_PAGE,
        }
    )
    request = urllib.request.Request(  # noqa: S310 -- a fixed https address, not user input
        f"{BASE_URL}?{query}",
        headers={"X-API-KEY": api_key, "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 -- the same request
            return json.load(response)
    except urllib.error.HTTPError as error:
        hint = " Check OPENSTATES_API_KEY." if error.code in (401, 403) else ""
        raise ApiError(f"Open States answered {error.code} {error.reason}.{hint}") from error
    except (urllib.error.URLError, TimeoutError) as error:
        raise ApiError(f"Open States could not be reached: {error}.") from error
    except ValueError as error:
        raise ApiError("Open States answered something that is not JSON.") from error


def fetch_legislators(*, api_key: str) -> tuple[list[Person], list[str]]:
    """Every current member of both chambers, and a note for each person the
    register cannot hold (no usable district, say)."""
    people, notes = [], []
    for classification, chamber in CHAMBERS.items():
        page, last = 1, 1
        while page <= last:
            answer = fetch_page(api_key=api_key, org_classification=classification, page=page)
            try:
                results = answer["results"]
                last = int(answer["pagination"]["max_page"])
            except (KeyError, TypeError, ValueError) as error:
                raise ApiError(f"Open States' answer lacks {error}.") from error
            if last > MAX_PAGES:
                raise ApiError(f"Open States lists {last} pages of {chamber}; expected a few.")
            for result in results:
                person, note = to_person(result, chamber)
                if person:
                    people.append(person)
                else:
                    notes.append(note)
            page += 1
    return people, notes


def to_person(result: dict, chamber: str) -> tuple[Person | None, str]:
    """The register's view of one of the service's people, or why not."""
    name = " ".join(str(result.get("name") or "").split())
    role = result.get("current_role")
    role = role if isinstance(role, dict) else {}
    district = str(role.get("district") or "").strip()
    if not result.get("id") or not name:
        return None, f"A person without an id or name: {result.get('id') or name or '?'}."
    if not (district.isascii() and district.isdigit()):
        return None, f"{name}: district '{district}' is not a number."
    phone, address = _office(result.get("offices") or [])
    return (
        Person(
            external_id=str(result["id"])[:100],
            full_name=name[:200],
            chamber=chamber,
            district=int(district),
            party=PARTIES.get(str(result.get("party") or "").strip().lower(), Party.OTHER),
            office_email=str(result.get("email") or "")[:254],
            office_phone=phone[:40],
            office_address=address[:300],
        ),
        "",
    )


def _office(offices: list) -> tuple[str, str]:
    """The Capitol office's phone and address when listed, else the first office's."""

    def rank(office):
        return 0 if "capitol" in str(office.get("name") or "").lower() else 1

    for office in sorted(offices, key=rank):
        phone, address = office.get("voice") or "", office.get("address") or ""
        if phone or address:
            return str(phone), " ".join(str(address).replace(";", ",").split())
    return "", ""
