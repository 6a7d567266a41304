"""Demo advocacy: the coalition's 2025 work of educating legislators on its
adopted legislative papers (shared/seeds/000: "In 2025, MHAP is focusing on
educating legislators on those 10 proposals").

Wisconsin-style legislators with fictional names on the committees that hear
mental health bills, a bill for each adopted legislative paper with a little
history, a season of contacts (January to April 2025) with follow-ups, and a
few recent contacts whose follow-ups come due in the next days, so the
reminders engine has something to send while `make run` runs. Every name,
email and phone number is fictional (555-01xx numbers, example domains).

Idempotent like the rest of seed_demo: registers are got or created; the
season is seeded once; a recent batch is added only when no open follow-up is
still ahead.
"""

import datetime

# Committees by a short key: (chamber, name). The Joint Committee on Finance
# sits in both chambers; it is kept as each chamber's half of it.
COMMITTEES = {
    "A-MH": ("assembly", "Mental Health and Substance Abuse Prevention"),
    "A-HEALTH": ("assembly", "Health, Aging and Long-Term Care"),
    "A-CORR": ("assembly", "Corrections"),
    "A-JFC": ("assembly", "Joint Finance"),
    "S-MH": ("senate", "Mental Health, Substance Abuse Prevention, Children and Families"),
    "S-HEALTH": ("senate", "Health"),
    "S-JUD": ("senate", "Judiciary and Public Safety"),
    "S-JFC": ("senate", "Joint Finance"),
}

# (full name, chamber, district, party, committees). Assembly districts are
# 1-99, Senate 1-33; most sit where a partner organisation has constituents.
LEGISLATORS = [
    ("Karen Holmgren", "assembly", 3, "R", ["A-MH"]),
    ("Thomas Brekke", "assembly", 5, "R", ["A-HEALTH"]),
    ("Lisa Marchetti", "assembly", 10, "D", ["A-CORR"]),
    ("Jerome Whitaker", "assembly", 12, "D", ["A-MH", "A-JFC"]),
    ("Rosalind Pierce", "assembly", 17, "D", ["A-HEALTH"]),
    ("Samuel Okonkwo", "assembly", 18, "D", ["A-CORR"]),
    ("Megan Thorsen", "assembly", 22, "R", ["A-MH"]),
    ("Dale Kruger", "assembly", 24, "R", ["A-JFC"]),
    ("Heidi Vandenberg", "assembly", 25, "R", ["A-HEALTH"]),
    ("Paul Steinke", "assembly", 26, "R", ["A-MH"]),
    ("Gary Lundquist", "assembly", 27, "R", ["A-CORR"]),
    ("Brenda Haugen", "assembly", 34, "R", ["A-HEALTH", "A-JFC"]),
    ("Curtis Nyberg", "assembly", 35, "R", ["A-MH"]),
    ("Nancy Albrecht", "assembly", 49, "R", ["A-HEALTH"]),
    ("Wayne Fenske", "assembly", 51, "R", ["A-CORR"]),
    ("Jolene Kasper", "assembly", 55, "R", ["A-MH", "A-JFC"]),
    ("Mark Dettmann", "assembly", 57, "D", ["A-HEALTH"]),
    ("Ruth Castellano", "assembly", 60, "R", ["A-CORR"]),
    ("Derek Aho", "assembly", 74, "D", ["A-CORR"]),
    ("Elaine Moua", "assembly", 76, "D", ["A-MH"]),
    ("Peter Gunderson", "assembly", 77, "D", ["A-HEALTH", "A-JFC"]),
    ("Francesca Hale", "assembly", 78, "D", ["A-MH"]),
    ("Owen Brandt", "assembly", 80, "D", ["A-HEALTH"]),
    ("Craig Lemke", "assembly", 87, "R", ["A-JFC"]),
    ("Janet Sorensen", "assembly", 94, "D", ["A-MH"]),
    ("Raymond Olufsen", "assembly", 95, "D", ["A-CORR"]),
    ("Beth Kjelstad", "assembly", 96, "R", ["A-HEALTH"]),
    ("Arthur Pelletier", "senate", 1, "R", ["S-HEALTH"]),
    ("Diane Mertz", "senate", 2, "R", ["S-MH"]),
    ("Calvin Boateng", "senate", 4, "D", ["S-JUD"]),
    ("Glen Schaller", "senate", 5, "R", ["S-JUD", "S-JFC"]),
    ("Harriet Blaylock", "senate", 6, "D", ["S-MH"]),
    ("Patricia Van Dyke", "senate", 9, "R", ["S-HEALTH", "S-JFC"]),
    ("Robert Jaskowiak", "senate", 12, "R", ["S-JFC"]),
    ("Marjorie Engel", "senate", 17, "R", ["S-MH"]),
    ("Steven Kowalczyk", "senate", 19, "D", ["S-HEALTH"]),
    ("Daniel Hoeft", "senate", 25, "R", ["S-JUD"]),
    ("Kathleen Amundsen", "senate", 26, "D", ["S-MH", "S-JFC"]),
    ("Miguel Santana", "senate", 27, "D", ["S-HEALTH"]),
    ("Lorraine Fitzgerald", "senate", 29, "R", ["S-JUD"]),
    ("Erik Halvorsen", "senate", 32, "D", ["S-MH"]),
]

STAFF = [
    ("Aaron Pfeiffer", "Chief of staff"),
    ("Bianca Lor", "Legislative aide"),
    ("Caleb Strand", "Policy advisor"),
    ("Dana Yang", "Committee clerk"),
    ("Emily Roth", "Scheduler"),
    ("Felix Ortega", "Legislative aide"),
    ("Gwen Halverson", "Policy advisor"),
]

# The adopted legislative papers, by a short key: their issue's title in mhap/demo.py.
PAPERS = {
    "988": "Sustainable funding for 988 call centres",
    "mobile": "Mobile crisis teams available in every county",
    "stabilisation": "Seed funding for crisis stabilisation centres",
    "audits": "Proactive parity enforcement audits by OCI",
    "analyses": "Insurer comparative analysis reports made public",
    "telehealth": "Make telehealth flexibilities permanent",
    "loans": "State loan repayment for behavioural health professionals",
    "peers": "Certified peer specialist Medicaid billing",
    "hours": "Count supervised hours from all settings toward licensure",
    "schools": "School-based mental health services grant expansion",
}

# (number, paper, title, committees, history: (status, month, day, note) in 2025)
BILLS = [
    ("AB 118", "988", "Relating to: a monthly fee on phone lines to fund the 988 Suicide and "
     "Crisis Lifeline, and making an appropriation", ["A-MH", "A-JFC"],
     [("introduced", 2, 14, "Read first time and referred to the committee"),
      ("in_committee", 3, 19, "Public hearing held")]),
    ("SB 121", "988", "Relating to: a monthly fee on phone lines to fund the 988 Suicide and "
     "Crisis Lifeline, and making an appropriation", ["S-MH", "S-JFC"],
     [("introduced", 2, 17, "Read first time and referred to the committee")]),
    ("AB 156", "mobile", "Relating to: grants to counties and regions for mobile crisis "
     "teams, and making an appropriation", ["A-HEALTH", "A-JFC"],
     [("introduced", 2, 27, "Read first time and referred to the committee"),
      ("in_committee", 3, 12, "Public hearing held"),
      ("passed_committee", 4, 9, "Executive action: recommended for passage, Ayes 6, Noes 3")]),
    ("SB 204", "stabilisation", "Relating to: seed grants for regional crisis stabilization "
     "facilities, and making an appropriation", ["S-HEALTH", "S-JFC"],
     [("introduced", 4, 2, "Read first time and referred to the committee")]),
    ("AB 233", "audits", "Relating to: market conduct examinations of mental health parity by "
     "the Office of the Commissioner of Insurance", ["A-HEALTH"],
     [("introduced", 3, 6, "Read first time and referred to the committee"),
      ("in_committee", 4, 16, "Public hearing held")]),
    ("LRB 1893", "analyses", "Relating to: publishing insurers' parity comparative analyses",
     ["S-HEALTH"], [("drafting", 3, 24, "Drafting request sent to the Legislative Reference "
                     "Bureau")]),
    ("AB 71", "telehealth", "Relating to: coverage and Medicaid reimbursement of telehealth "
     "mental health services", ["A-HEALTH", "S-HEALTH"],
     [("introduced", 1, 30, "Read first time and referred to the committee"),
      ("in_committee", 2, 12, "Public hearing held"),
      ("passed_committee", 2, 26, "Executive action: recommended for passage, Ayes 9, Noes 0"),
      ("passed_one_house", 3, 20, "Passed the Assembly, Ayes 88, Noes 9; referred to the "
       "Senate Committee on Health")]),
    ("SB 95", "loans", "Relating to: a loan repayment program for behavioral health "
     "professionals who practice in shortage areas, and making an appropriation",
     ["S-MH", "S-JFC"],
     [("introduced", 2, 6, "Read first time and referred to the committee"),
      ("in_committee", 3, 5, "Public hearing held")]),
    ("AB 312", "peers", "Relating to: Medicaid reimbursement of certified peer specialist "
     "services", ["A-MH"],
     [("introduced", 4, 24, "Read first time and referred to the committee")]),
    ("AB 48", "hours", "Relating to: supervised practice hours counted toward licensure as a "
     "professional counselor, marriage and family therapist or clinical social worker",
     ["A-HEALTH", "S-HEALTH"],
     [("introduced", 1, 24, "Read first time and referred to the committee"),
      ("in_committee", 2, 5, "Public hearing held"),
      ("passed_committee", 2, 19, "Executive action: recommended for passage, Ayes 8, Noes 1"),
      ("passed_one_house", 3, 13, "Passed the Assembly, Ayes 74, Noes 23"),
      ("passed_both", 4, 22, "Concurred in by the Senate, Ayes 27, Noes 6")]),
    ("AB 167", "schools", "Relating to: grants for school-based mental health services, and "
     "making an appropriation", ["A-MH", "A-JFC"],
     [("introduced", 3, 3, "Read first time and referred to the committee"),
      ("in_committee", 4, 3, "Public hearing held")]),
    ("SB 160", "schools", "Relating to: grants for school-based mental health services, and "
     "making an appropriation", ["S-MH", "S-JFC"],
     [("introduced", 3, 7, "Read first time and referred to the committee")]),
]  # fmt: skip

ASKS = {
    "988": "Co-sponsor AB 118 / SB 121 and support a dedicated 988 fee in the budget.",
    "mobile": "Support AB 156 so every county, alone or in a region, can send a mobile "
    "crisis team.",
    "stabilisation": "Back seed funding for regional crisis stabilization centers (SB 204).",
    "audits": "Support proactive parity audits by OCI (AB 233).",
    "analyses": "Co-sponsor the bill that makes insurers' parity comparative analyses public.",
    "telehealth": "Vote for AB 71 to make the telehealth flexibilities permanent.",
    "loans": "Co-sponsor SB 95: loan repayment for behavioral health professionals.",
    "peers": "Support Medicaid billing for certified peer specialists (AB 312).",
    "hours": "Support AB 48: count supervised hours from all settings toward licensure.",
    "schools": "Co-sponsor AB 167 / SB 160: grow the school-based mental health services "
    "grants so every district can apply.",
}

# A season of contacts: (month, day, kind, legislators by surname, members by
# email, papers, response (of all of them, or {surname: response}), notes,
# staff met, follow-up (description, owner, days after, done?) or None). All
# in 2025.
SEASON = [
    (1, 14, "meeting", ["Steinke"], ["core@mhap.test", "jamal.carter@example.org"],
     ["988", "mobile"], "undecided",
     "Chairs the Assembly committee. Interested in the 988 answer rate; wants the "
     "Legislative Fiscal Bureau's estimate of the fee base before committing.",
     "Dana Yang (committee clerk)",
     ("Send the LFB estimate of phone lines subject to 911 fees", "jamal.carter@example.org",
      14, True)),
    (1, 16, "meeting", ["Moua"], ["chair@mhap.test", "member@mhap.test"], ["loans", "hours"],
     "supportive",
     "Hears from clinics in the district that cannot hire. Will co-sponsor the loan repayment "
     "bill; asked for stories from constituents.", "",
     ("Collect three constituent stories from Dane County clinics", "member@mhap.test", 21,
      True)),
    (1, 22, "email", ["Brekke"], ["maya.jensen@example.org"], ["telehealth"], "no_response",
     "Sent the issue paper and the leave-behind; no reply yet.", "", None),
    (1, 23, "call", ["Gunderson"], ["chair@mhap.test"], ["hours"], "supportive",
     "Supervised hours came up at a town hall in the district; glad to help.", "",
     None),
    (1, 28, "meeting", ["Amundsen"], ["core@mhap.test", "aisha.bello@example.org"],
     ["988", "loans"], "supportive",
     "Sits on Joint Finance. Asked that the 988 fee be drafted as a segregated fund so it "
     "cannot be swept.", "Bianca Lor (legislative aide)",
     ("Share the segregated-fund language from the paper's fiscal note", "core@mhap.test", 7,
      True)),
    (1, 30, "testimony", ["Pierce", "Vandenberg", "Albrecht"], ["laura.becker@example.org"],
     ["telehealth"], "supportive",
     "Informational hearing on telehealth. Rural members asked about audio-only visits; "
     "the committee seemed broadly favourable.", "", None),
    (2, 4, "meeting", ["Halvorsen"], ["rita.hoffmann@example.org", "ben.kowalski@example.org"],
     ["mobile", "988"], "supportive",
     "La Crosse County's crisis team story landed well. Will ask the Senate committee chair "
     "for a hearing.", "", None),
    (2, 5, "meeting", ["Engel"], ["olivia.grant@example.org", "rita.hoffmann@example.org"],
     ["988"], "undecided",
     "Chairs the Senate committee. Supports 988 but wary of any new fee; asked how other "
     "states set theirs.", "Caleb Strand (policy advisor)",
     ("Send a one-page comparison of other states' 988 fees", "rita.hoffmann@example.org",
      10, True)),
    (2, 11, "call", ["Kasper"], ["grace.lindgren@example.org"], ["peers"], "undecided",
     "Asked how peer billing interacts with Comprehensive Community Services rates.", "",
     ("Send the peer billing FAQ", "grace.lindgren@example.org", 7, True)),
    (2, 12, "testimony", ["Haugen", "Dettmann", "Brandt"], ["member@mhap.test"],
     ["hours"], "supportive",
     "Testified for AB 48 with a recent graduate who lost 400 supervised hours when she "
     "changed employers.", "", None),
    (2, 18, "meeting", ["Van Dyke"], ["maya.jensen@example.org", "yolanda.brooks@example.org"],
     ["audits", "analyses"], "opposed",
     "Concerned about the cost to insurers and OCI's capacity. Open to a reporting "
     "requirement before audits.", "Emily Roth (scheduler)",
     ("Ask OCI staff what audits would cost", "maya.jensen@example.org", 14, True)),
    (2, 19, "email", ["Mertz", "Blaylock"], ["hector.morales@example.org"], ["peers"],
     "no_response", "Emailed both offices the paper and a short note from a peer specialist.",
     "", None),
    (2, 20, "meeting", ["Whitaker"], ["carmen.ruiz@example.org", "paul.nguyen@example.org"],
     ["stabilisation", "988"], "supportive",
     "Milwaukee needs a place other than the emergency room. Will raise stabilization "
     "funding in Joint Finance.", "", None),
    (2, 25, "call", ["Santana"], ["aisha.bello@example.org"], ["telehealth", "audits"],
     "supportive", "Will co-sponsor the Senate companion of AB 71.", "", None),
    (2, 27, "meeting", ["Lundquist", "Fenske"], ["frank.whitehorse@example.org"],
     ["mobile"], "undecided",
     "Both asked how sheriffs see mobile crisis; want to hear from the sheriffs' association.",
     "", ("Arrange a call with a sheriff who works with a mobile team",
          "frank.whitehorse@example.org", 21, True)),
    (3, 4, "meeting", ["Kowalczyk"], ["maya.jensen@example.org"], ["analyses"], "supportive",
     "Fox Valley families' stories about denied claims. Offered to request the bill draft.",
     "Felix Ortega (legislative aide)", None),
    (3, 5, "testimony", ["Mertz", "Engel", "Amundsen", "Halvorsen"], ["chair@mhap.test",
     "nate.olson@example.org"], ["loans"], "supportive",
     "Public hearing on SB 95. Northwoods Rural Health described a two-year vacancy for a "
     "licensed therapist.", "", None),
    (3, 6, "email", ["Thorsen"], ["quinn.baker@example.org"], ["peers"], "no_response",
     "Sent the paper ahead of the committee's informational hearing.", "", None),
    (3, 10, "meeting", ["Mertz"], ["elena.schultz@example.org", "quinn.baker@example.org"],
     ["schools"], "supportive",
     "A former school board member. Will co-sponsor SB 160; asked how a district without a "
     "clinic partner would apply.", "",
     ("Send the list of districts turned away in the last grant round",
      "elena.schultz@example.org", 10, True)),
    (3, 11, "meeting", ["Haugen"], ["core@mhap.test", "nate.olson@example.org"],
     ["loans", "telehealth"], "undecided",
     "Supportive of telehealth; on loan repayment wants to know how it fits the budget.", "",
     ("Send the fiscal note with the program's estimated cost", "nate.olson@example.org", 10,
      True)),
    (3, 12, "testimony", ["Pierce", "Vandenberg", "Brandt", "Brekke"], ["rita.hoffmann@example.org",
     "jamal.carter@example.org"], ["mobile"], "supportive",
     "Public hearing on AB 156: testimony from La Crosse County and a family member.", "", None),
    (3, 18, "call", ["Boateng"], ["victor.santos@example.org"], ["mobile", "stabilisation"],
     "supportive", "Wants diversion data from Milwaukee County for the Judiciary committee.", "",
     ("Send the diversion figures from the crisis assessment center",
      "victor.santos@example.org", 14, False)),
    (3, 19, "testimony", ["Steinke", "Holmgren", "Nyberg", "Hale"], ["core@mhap.test",
     "jamal.carter@example.org"], ["988"],
     {"Steinke": "undecided", "Holmgren": "supportive", "Nyberg": "opposed", "Hale": "undecided"},
     "Public hearing on AB 118. Questions about the fee amount and exemptions for "
     "low-income lines; Nyberg spoke against any new fee on phone bills.", "", None),
    (3, 20, "event", ["Kasper", "Moua", "Sorensen"], ["olivia.grant@example.org",
     "wendy.krause@example.org"], ["peers", "loans"], "supportive",
     "Mental Health Advocacy Day at the Capitol: peers met three members at the reception.",
     "", None),
    (3, 25, "meeting", ["Schaller"], ["frank.whitehorse@example.org"], ["stabilisation"],
     "opposed", "Prefers county funding over new state grants; open to a pilot.",
     "Gwen Halverson (policy advisor)", None),
    (3, 27, "call", ["Olufsen"], ["ben.kowalski@example.org"], ["mobile"], "supportive",
     "Constituent of La Crosse County Crisis Services; glad to co-sponsor.", "", None),
    (4, 1, "meeting", ["Fitzgerald"], ["victor.santos@example.org", "core@mhap.test"],
     ["stabilisation", "mobile"], "undecided",
     "Judiciary chair. Interested in fewer emergency detentions; asked for outcomes data.", "",
     None),
    (4, 3, "testimony", ["Holmgren", "Thorsen", "Moua"], ["elena.schultz@example.org",
     "member@mhap.test"], ["schools"],
     {"Holmgren": "undecided", "Thorsen": "supportive", "Moua": "supportive"},
     "Public hearing on AB 167: a school counselor and a parent testified. Holmgren asked what "
     "the grants cost per student.", "",
     ("Send the cost per student from the grants' first two years", "elena.schultz@example.org",
      14, False)),
    (4, 8, "email", ["Kruger", "Lemke"], ["olivia.grant@example.org"], ["988", "loans"],
     "no_response", "Sent Joint Finance members the two budget asks with the leave-behinds.",
     "", None),
    (4, 10, "meeting", ["Albrecht"], ["sam.redcloud@example.org", "grace.lindgren@example.org"],
     ["telehealth", "hours"], "supportive",
     "Driftless clinic's telehealth numbers made the case. Will vote for AB 71 in the Senate's "
     "concurrence if it comes back.", "", None),
    (4, 16, "testimony", ["Haugen", "Gunderson", "Pierce"], ["yolanda.brooks@example.org",
     "maya.jensen@example.org"], ["audits"],
     {"Haugen": "opposed", "Gunderson": "undecided", "Pierce": "supportive"},
     "Public hearing on AB 233. Insurers testified against; members asked for examples from "
     "other states. Pierce asked to be a co-sponsor.", "",
     ("Send examples of other states' parity audits", "yolanda.brooks@example.org", 14, False)),
    (4, 23, "meeting", ["Pelletier"], ["tara.mueller@example.org", "member@mhap.test"],
     ["hours", "loans"], "supportive",
     "Thanked him for the Senate vote on AB 48; asked him to carry loan repayment next.", "",
     None),
]  # fmt: skip

# Recent contacts, days before today; their follow-ups come due in the coming
# days (days after today; negative: already overdue).
RECENT = [
    (-21, "meeting", ["Engel"], ["core@mhap.test", "rita.hoffmann@example.org"], ["988"],
     "supportive", "Came round after the comparison of other states' fees; will support a "
     "fee in the next budget if the fund is segregated.", "Caleb Strand (policy advisor)",
     ("Send the draft segregated-fund language to her office", "rita.hoffmann@example.org",
      -2)),
    (-14, "call", ["Van Dyke"], ["maya.jensen@example.org"], ["analyses"], "undecided",
     "Less opposed to publishing analyses than to audits; wants to see the draft.", "",
     ("Send the LRB draft once it is back", "maya.jensen@example.org", 2)),
    (-9, "meeting", ["Haugen", "Kasper"], ["chair@mhap.test", "member@mhap.test"],
     ["peers", "loans"], "supportive",
     "Both will ask Joint Finance for peer billing in the Medicaid budget.", "",
     ("Send Joint Finance staff the peer billing cost estimate", "member@mhap.test", 1)),
    (-5, "email", ["Thorsen"], ["quinn.baker@example.org"], ["peers"], "no_response",
     "Second email with a peer specialist's story; no reply yet.", "",
     ("Call the office to ask for a meeting", "quinn.baker@example.org", 3)),
    (-2, "meeting", ["Fitzgerald", "Boateng"], ["victor.santos@example.org",
     "frank.whitehorse@example.org"], ["stabilisation", "mobile"], "supportive",
     "Outcomes data from the crisis assessment center answered their questions.", "",
     ("Invite both to visit the crisis stabilization center", "frank.whitehorse@example.org",
      6)),
    (-1, "call", ["Steinke"], ["core@mhap.test"], ["988", "mobile"], "undecided",
     "Open to a hearing on a revised fee with exemptions for low-income lines.", "",
     ("Bring the revised fee proposal to the Core Group", "core@mhap.test", 1)),
]  # fmt: skip

# Where partner organisations have members or clients: (organisation, Assembly, Senate).
DISTRICTS = [
    ("NAMI Wisconsin", [13, 24, 78], [5, 8]),
    ("Wisconsin Peer Recovery Network", [12, 55, 76, 94], [4, 19, 26, 32]),
    ("Fox Valley Family Voices", [3, 5, 55, 56, 57], [1, 2, 19]),
    ("Lakeshore Community Counseling", [25, 26, 27], [9]),
    ("Driftless Behavioral Health Clinic", [49, 50, 51, 96], [17, 32]),
    ("Dane County Human Services", [47, 48, 76, 77, 78, 79, 80], [16, 26, 27]),
    ("La Crosse County Crisis Services", [94, 95, 96], [32]),
    ("Recovery Alliance of Milwaukee", [7, 8, 9, 10, 11, 12, 16, 17, 18, 19], [3, 4, 6]),
    ("Northwoods Rural Health Cooperative", [34, 35, 74, 87], [12, 25, 29]),
    ("Badger State School Mental Health Collaborative", [14, 22, 60], [5, 8, 20]),
    ("Justice Reinvestment Network of Wisconsin", [10, 17, 64], [4, 22]),
    ("Center for Mental Health Data at Lakeview University", [77], [26]),
]

# The organisations that support each paper (named on its leave-behind).
SUPPORTERS = {
    "988": ["NAMI Wisconsin", "La Crosse County Crisis Services", "Recovery Alliance of "
            "Milwaukee", "Justice Reinvestment Network of Wisconsin", "Fox Valley Family Voices"],
    "mobile": ["NAMI Wisconsin", "La Crosse County Crisis Services", "Dane County Human "
               "Services", "Justice Reinvestment Network of Wisconsin"],
    "stabilisation": ["Recovery Alliance of Milwaukee", "Dane County Human Services",
                      "Justice Reinvestment Network of Wisconsin"],
    "audits": ["NAMI Wisconsin", "Fox Valley Family Voices", "Wisconsin Peer Recovery Network"],
    "analyses": ["NAMI Wisconsin", "Fox Valley Family Voices",
                 "Center for Mental Health Data at Lakeview University"],
    "telehealth": ["Driftless Behavioral Health Clinic", "Northwoods Rural Health Cooperative",
                   "Lakeshore Community Counseling", "Badger State School Mental Health "
                   "Collaborative"],
    "loans": ["Northwoods Rural Health Cooperative", "Driftless Behavioral Health Clinic",
              "Lakeshore Community Counseling", "Dane County Human Services", "NAMI Wisconsin"],
    "peers": ["Wisconsin Peer Recovery Network", "Recovery Alliance of Milwaukee",
              "NAMI Wisconsin"],
    "hours": ["Lakeshore Community Counseling", "Driftless Behavioral Health Clinic",
              "Center for Mental Health Data at Lakeview University"],
    "schools": ["Badger State School Mental Health Collaborative", "Fox Valley Family Voices",
                "NAMI Wisconsin", "Lakeshore Community Counseling"],
}  # fmt: skip

SESSION = "2025-2026"
YEAR = 2025


def seed_advocacy(people: dict) -> dict[str, int]:
    """`people` by email, as seed_demo_coalition builds them."""
    from issues.models import IssuePaper

    papers = {
        key: paper
        for key, title in PAPERS.items()
        if (paper := IssuePaper.objects.filter(issue__title=title, state="adopted").first())
    }
    committees = _seed_committees()
    legislators = _seed_legislators(committees)
    bills = _seed_bills(papers, committees, people)
    _seed_districts()
    _seed_supporters(papers, people)
    _seed_season(papers, bills, legislators, people)
    _seed_recent(papers, bills, legislators, people)
    return {"legislators": len(legislators), "bills": len(bills)}


def _seed_committees() -> dict:
    from tests.factories import CommitteeFactory

    return {
        key: CommitteeFactory(chamber=chamber, name=name)
        for key, (chamber, name) in COMMITTEES.items()
    }


def _seed_legislators(committees) -> dict:
    """By surname (unique among the demo's legislators)."""
    from issues.models import Legislator

    legislators = {}
    for index, (name, chamber, district, party, keys) in enumerate(LEGISLATORS):
        surname = name.split(" ", 1)[1]
        title = "sen" if chamber == "senate" else "rep"
        staff_name, role = STAFF[index % len(STAFF)]
        senate_2024 = chamber == "senate" and district % 2 == 1
        legislator, created = Legislator.objects.get_or_create(
            chamber=chamber,
            district=district,
            full_name=name,
            defaults={
                "party": party,
                "office_email": f"{title}.{surname.lower().replace(' ', '')}@legis.example.gov",
                "office_phone": f"(608) 555-{100 + index:04d}",
                "office_address": f"Room {100 + 3 * index} {'South' if index % 2 else 'North'}, "
                "State Capitol, Madison, WI 53702",
                "staff": f"{staff_name}, {role}, "
                f"{staff_name.split()[0].lower()}.{staff_name.split()[1].lower()}"
                "@legis.example.gov",
                "term_start": datetime.date(2025, 1, 6)
                if chamber == "assembly" or senate_2024
                else datetime.date(2023, 1, 3),
                "term_end": datetime.date(2029, 1, 1) if senate_2024 else datetime.date(2027, 1, 4),
            },
        )
        if created:
            legislator.committees.set([committees[key] for key in keys])
        legislators[surname] = legislator
    return legislators


def _seed_bills(papers, committees, people) -> dict:
    """By number; each with the paper it carries, its legislative recommendations
    and the committees that will hear it."""
    from issues.models import Bill, BillStatusChange

    admin = people["admin@mhap.test"]
    bills = {}
    for number, key, title, committee_keys, history in BILLS:
        paper = papers.get(key)
        if paper is None:
            continue
        status = history[-1][0]
        bill, created = Bill.objects.get_or_create(
            number=number,
            session=SESSION,
            defaults={
                "title": title,
                "status": status,
                "link": "https://docs.legis.example.gov/2025/proposals/"
                + number.lower().replace(" ", ""),
                "created_at": _at(datetime.date(YEAR, history[0][1], history[0][2])),
            },
        )
        bills[number] = bill
        if not created:
            continue
        bill.papers.set([paper])
        bill.recommendations.set(paper.adopted_revision.recommendations.filter(legislative=True))
        bill.committees.set([committees[name] for name in committee_keys])
        BillStatusChange.objects.bulk_create(
            BillStatusChange(
                bill=bill,
                status=step,
                on=datetime.date(YEAR, month, day),
                note=note,
                recorded_by=admin,
                recorded_at=_at(datetime.date(YEAR, month, day)),
            )
            for step, month, day, note in history
        )
    return bills


def _seed_districts() -> None:
    from issues.models import OrganisationDistrict
    from members.models import Organisation

    organisations = {
        row.name: row
        for row in Organisation.objects.filter(name__in=[name for name, _, _ in DISTRICTS])
    }
    rows = [
        OrganisationDistrict(organisation=organisations[name], chamber=chamber, district=n)
        for name, assembly, senate in DISTRICTS
        if name in organisations
        for chamber, numbers in (("assembly", assembly), ("senate", senate))
        for n in numbers
    ]
    OrganisationDistrict.objects.bulk_create(rows, ignore_conflicts=True)


def _seed_supporters(papers, people) -> None:
    from issues.models import PaperSupport
    from members.models import Organisation

    names = {name for names in SUPPORTERS.values() for name in names}
    organisations = {row.name: row for row in Organisation.objects.filter(name__in=names)}
    core = people["core@mhap.test"]
    PaperSupport.objects.bulk_create(
        [
            PaperSupport(
                paper=papers[key],
                organisation=organisations[name],
                added_by=core,
                added_at=_at(datetime.date(2024, 12, 10)),
            )
            for key, names in SUPPORTERS.items()
            if key in papers
            for name in names
            if name in organisations
        ],
        ignore_conflicts=True,
    )


def _seed_season(papers, bills, legislators, people) -> None:
    from issues.models import Contact

    first = SEASON[0]
    if Contact.objects.filter(on=datetime.date(YEAR, first[0], first[1]), notes=first[7]).exists():
        return
    for month, day, kind, names, emails, keys, response, notes, staff, follow_up in SEASON:
        on = datetime.date(YEAR, month, day)
        contact = _contact(
            on=on, kind=kind, names=names, emails=emails, keys=keys, response=response,
            notes=notes, staff=staff, papers=papers, bills=bills, legislators=legislators,
            people=people,
        )  # fmt: skip
        if contact and follow_up:
            description, owner, after, done = follow_up
            due = on + datetime.timedelta(days=after)
            _follow_up(contact, description, people[owner], due, done=done)


def _seed_recent(papers, bills, legislators, people) -> None:
    """A few contacts of the last weeks, once no open follow-up is still ahead."""
    from django.utils import timezone

    from issues.models import FollowUp

    today = timezone.localdate()
    if FollowUp.objects.open().filter(due_on__gte=today).exists():
        return
    for days, kind, names, emails, keys, response, notes, staff, follow_up in RECENT:
        contact = _contact(
            on=today + datetime.timedelta(days=days), kind=kind, names=names, emails=emails,
            keys=keys, response=response, notes=notes, staff=staff, papers=papers, bills=bills,
            legislators=legislators, people=people,
        )  # fmt: skip
        if contact:
            description, owner, after = follow_up
            due = today + datetime.timedelta(days=after)
            _follow_up(contact, description, people[owner], due, done=False)


def _contact(*, on, kind, names, emails, keys, response, notes, staff, papers, bills,
             legislators, people):  # fmt: skip
    from issues.services.advocacy import record
    from issues.services.advocacy_log import contact_snapshot
    from tests.factories import ContactFactory

    about = [papers[key] for key in keys if key in papers]
    if not about:
        return None
    members = [people[email] for email in emails]
    # The bills of those papers that had been introduced (or requested) by then.
    carried = [
        bills[number]
        for number, key, *_ in BILLS
        if key in keys and number in bills and bills[number].created_at.date() <= on
    ]
    said = response if isinstance(response, dict) else dict.fromkeys(names, response)
    contact = ContactFactory(
        on=on,
        kind=kind,
        legislators={legislators[name]: said[name] for name in names},
        members_present=members,
        organisations_present=list({m.organisation for m in members if m.organisation}),
        papers=about,
        bills=carried,
        ask=" ".join(ASKS[key] for key in keys if key in papers),
        notes=notes,
        staff_met=staff,
        logged_by=members[0],
        created_at=_at(on),
    )
    # Its record, as logging it in the Hub writes (issues.services.advocacy_log).
    record(
        actor=members[0],
        subject="contact",
        subject_id=contact.pk,
        action="created",
        after=contact_snapshot(contact),
        at=_at(on),
    )
    return contact


def _follow_up(contact, description, owner, due, *, done):
    from issues.services.advocacy import record, snapshot
    from issues.services.advocacy_log import FOLLOW_UP_FIELDS
    from tests.factories import FollowUpFactory

    follow_up = FollowUpFactory(
        contact=contact,
        description=description,
        owner=owner,
        due_on=due,
        done_at=_at(due - datetime.timedelta(days=2)) if done else None,
        done_by=owner if done else None,
    )
    about = {"subject": "follow_up", "subject_id": follow_up.pk}
    record(
        actor=contact.logged_by,
        action="created",
        after={"contact": contact.pk, **snapshot(follow_up, FOLLOW_UP_FIELDS)},
        at=contact.created_at,
        **about,
    )
    if done:
        record(
            actor=owner,
            action="done",
            before={"done": False},
            after={"done": True},
            at=follow_up.done_at,
            **about,
        )
    return follow_up


def _at(day: datetime.date) -> datetime.datetime:
    """Noon in Wisconsin on that day."""
    import zoneinfo

    from django.conf import settings

    return datetime.datetime.combine(
        day, datetime.time(12), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )
