"""Demo issue papers drawn from the seed material."""

import datetime

PAPERS: list[dict] = [
    {
        "issue": "Sustainable funding for 988 call centres",
        "title": "Sustain Wisconsin's 988 Lifeline with a dedicated telecom fee",
        "summary": (
            "Since 988 launched in July 2022, Wisconsin's in-state crisis line has relied "
            "on a patchwork of one-time federal grants and state appropriations. MHAP "
            "recommends a small monthly fee on phone lines, deposited in a segregated "
            "fund, so that in-state call centers can answer Wisconsin calls, texts and "
            "chats reliably year after year."
        ),
        "background": (
            "988 is the national three-digit number for the Suicide and Crisis Lifeline, "
            "administered by SAMHSA. A call from Wisconsin is routed first to an in-state "
            "center; if it is not answered there, it rolls over to a national backup "
            "center whose counselors know less about local resources and county crisis "
            "services.\n"
            "\n"
            "States that have put 988 on a stable footing have generally done so in one of "
            "two ways:\n"
            "\n"
            "- a monthly fee on wireless, landline and internet phone service, as the "
            "federal 988 law permits, modeled on existing 911 fees; or\n"
            "- a recurring appropriation in the state budget."
        ),
        "problem": (
            "Without a dedicated funding source, 988 funding is renegotiated every budget "
            "cycle and call centers cannot commit to multi-year hiring and training. "
            "Turnover follows uncertainty, and unanswered in-state calls roll over out of "
            "state. The roadmap milestone of a 988 answer rate above 95% cannot be met "
            "without stable staffing, and demand is expected to grow as more people learn "
            "about 988."
        ),
        "fiscal_note": (
            "Illustrative only: a fee of roughly $0.40 per line per month could raise an "
            "estimated $25-30 million a year, depending on the number of lines and any "
            "exemptions; the Legislative Fiscal Bureau would need to confirm the base. "
            "Revenue would go to a segregated 988 fund administered by DHS and could be "
            "spent only on 988 operations, follow-up calls and linkage to county crisis "
            "services."
        ),
        "references": (
            "- [988 Suicide & Crisis Lifeline](https://988lifeline.org/)\n"
            "- National Suicide Hotline Designation Act of 2020\n"
            "- *Mental Health Integration: Implementation Roadmap*, Phase 1: Crisis "
            "Response"
        ),
        "recommendations": [
            {
                "text": (
                    "Create a monthly 988 fee on wireless, landline and internet phone "
                    "lines, with proceeds placed in a segregated fund that may be used only "
                    "for 988 and crisis services."
                ),
                "legislative": True,
                "implementers": ["legislature"],
                "levers": ["Payment", "Regulation and policy"],
            },
            {
                "text": (
                    "Direct DHS to set performance standards for in-state 988 centers, "
                    "including an in-state answer-rate target, and to report progress to the "
                    "Legislature each year."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency"],
                "levers": ["Quality and accountability"],
            },
            {
                "text": (
                    "Fund training, supervision and wellness supports for 988 crisis "
                    "counselors to reduce burnout and turnover."
                ),
                "legislative": False,
                "implementers": ["state-agency", "providers"],
                "levers": ["Organizational culture", "Workforce expansion"],
            },
            {
                "text": (
                    "Connect 988 centers with county crisis programs through shared referral "
                    "and follow-up protocols, so callers who need in-person help reach a "
                    "mobile team."
                ),
                "legislative": False,
                "implementers": ["state-agency", "counties"],
                "levers": ["Clinical model", "Technology"],
            },
        ],
        "first_draft": {
            "summary": (
                "Wisconsin's 988 line needs stable funding. We propose a phone fee like 911."
            ),
            "problem": ("988 is funded year to year, and calls roll over to other states."),
            "recommendation_count": 2,
        },
        "comments": [
            {
                "section": "fiscal_note",
                "recommendation": None,
                "body": (
                    "The per-line figure needs a source. Can we ask the Legislative Fiscal "
                    "Bureau for the current count of lines subject to 911 fees before this "
                    "goes to legislators?"
                ),
                "resolved": True,
            },
            {
                "section": "recommendations",
                "recommendation": 3,
                "body": (
                    "Summit participants asked that counselor wellness be its own "
                    "recommendation rather than a clause in the fee proposal. Agree with "
                    "splitting it out."
                ),
                "resolved": True,
            },
        ],
    },
    {
        "issue": "Mobile crisis teams available in every county",
        "title": "Mobile crisis response in every Wisconsin county",
        "summary": (
            "In many Wisconsin counties, law enforcement is the default response to a "
            "mental health crisis, especially at night and in rural areas. MHAP recommends "
            "state grants and Medicaid changes so that every county, alone or in a "
            "regional partnership, can send a trained mobile crisis team within a "
            "reasonable response time."
        ),
        "background": (
            "Counties are responsible for emergency mental health services certified under "
            "Wisconsin's DHS 34 rules, but services vary widely. Some counties field "
            "in-person teams around the clock; others offer telephone assessment only, "
            "with law enforcement responding in person.\n"
            "\n"
            "Mobile crisis teams pair a mental health professional with a peer or second "
            "responder and can resolve many crises where they happen. Wisconsin Medicaid "
            "reimburses certified crisis services, and federal law has offered states an "
            "enhanced match for qualifying community-based mobile crisis services."
        ),
        "problem": (
            "Where no team is available, a person in crisis is often placed under "
            "emergency detention and transported, sometimes for hours, to a distant "
            "facility. This is traumatic for the person, takes officers off patrol and can "
            "cost more than a community response. Rural counties in particular cannot "
            "staff 24/7 teams from Medicaid revenue alone, because call volume is low and "
            "unpredictable."
        ),
        "fiscal_note": (
            "Illustrative: a DHS grant program of an estimated $10-15 million a year, "
            "distributed by formula with a rural minimum, would help counties and regional "
            "partnerships cover standby costs that Medicaid does not pay. Part of the cost "
            "could be offset by the enhanced federal match for qualifying mobile crisis "
            "services while it remains available, and over time by fewer transports and "
            "inpatient stays."
        ),
        "references": (
            "- SAMHSA, *National Guidelines for Behavioral Health Crisis Care: Best "
            "Practice Toolkit*\n"
            "- Wisconsin Administrative Code, chapter DHS 34 (Emergency Mental Health "
            "Service Programs)\n"
            "- *Mental Health Integration: Implementation Roadmap*, Phases 1 and 2 (crisis "
            "response and crisis continuum)"
        ),
        "recommendations": [
            {
                "text": (
                    "Establish a DHS mobile crisis grant program, with a rural minimum "
                    "award, to fund 24/7 in-person mobile crisis coverage for every county, "
                    "alone or through regional partnerships."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency", "counties"],
                "levers": ["Payment"],
            },
            {
                "text": (
                    "Require DHS to claim the enhanced federal match for qualifying mobile "
                    "crisis services and to pay a rate that recognizes standby time in "
                    "low-volume areas."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency"],
                "levers": ["Payment", "Regulation and policy"],
            },
            {
                "text": (
                    "Adopt a team model that pairs a licensed clinician with a certified "
                    "peer specialist, with telehealth backup from a second clinician in "
                    "rural areas."
                ),
                "legislative": False,
                "implementers": ["counties", "providers"],
                "levers": ["Clinical model", "Technology"],
            },
            {
                "text": (
                    "Agree written protocols between county crisis programs and law "
                    "enforcement that define when officers co-respond and when a crisis team "
                    "responds alone."
                ),
                "legislative": False,
                "implementers": ["counties", "justice-system"],
                "levers": ["Organizational culture", "Regulation and policy"],
            },
            {
                "text": (
                    "Report response times and outcomes, such as the share of crises "
                    "resolved in the community, by county each year."
                ),
                "legislative": False,
                "implementers": ["state-agency", "counties"],
                "levers": ["Quality and accountability"],
            },
        ],
        "first_draft": {
            "summary": (
                "Not every county has a mobile crisis team. The state should fund them so "
                "police are not the only option."
            ),
            "problem": (
                "Without teams, people in crisis end up in emergency detention and long transports."
            ),
            "recommendation_count": 3,
        },
        "comments": [
            {
                "section": "problem",
                "recommendation": None,
                "body": (
                    "Let's avoid implying officers do a poor job. Sheriffs in our workgroup "
                    "support this; frame it as freeing officers for law enforcement work."
                ),
                "resolved": True,
            },
            {
                "section": "recommendations",
                "recommendation": 4,
                "body": (
                    "Who signs the protocol on the county side: the human services director "
                    "or corporation counsel? Worth a footnote before legislative visits."
                ),
                "resolved": False,
            },
        ],
    },
    {
        "issue": "Seed funding for crisis stabilisation centres",
        "title": "Seed funding for regional crisis stabilization centers",
        "summary": (
            "Wisconsin has too few places where a person in crisis can go, voluntarily, "
            "for short-term care outside a hospital emergency department. MHAP recommends "
            "one-time state start-up grants for regional crisis stabilization centers, "
            "paired with a sustainable Medicaid rate so that centers stay open after the "
            "grants end."
        ),
        "background": (
            "Crisis stabilization centers accept walk-ins and drop-offs from mobile teams "
            "and law enforcement, and offer observation and treatment for up to about a "
            "day, or short residential stays. They are the *somewhere to go* in a crisis "
            "system, alongside *someone to call* (988) and *someone to respond* (mobile "
            "crisis).\n"
            "\n"
            "In Wisconsin, crisis beds are concentrated in a few counties. Much of the "
            "state relies on emergency departments, or on the state mental health "
            "institutes, for people who need more than a phone call or a mobile visit."
        ),
        "problem": (
            "Without a nearby center, people in crisis wait in emergency departments that "
            "are not designed for them, or are placed under emergency detention and "
            "transported long distances. Providers report that opening a center is the "
            "hardest step: renovation, staffing and certification must be paid for before "
            "any Medicaid revenue arrives."
        ),
        "fiscal_note": (
            "Illustrative: start-up grants of an estimated $2-4 million per center for "
            "about five regional centers would need roughly $10-20 million in one-time "
            "funding, primarily general-purpose revenue, possibly supplemented by opioid "
            "settlement funds where a center also serves people with substance use "
            "disorders. Ongoing operating costs would be met mainly by Medicaid, "
            "commercial insurance and county contributions."
        ),
        "references": (
            "- SAMHSA, *National Guidelines for Behavioral Health Crisis Care: Best "
            "Practice Toolkit*\n"
            "- *Mental Health Integration: Implementation Roadmap*, Phase 1 (crisis "
            "stabilization center seed funding)"
        ),
        "recommendations": [
            {
                "text": (
                    "Appropriate one-time start-up grants, administered by DHS, for regional "
                    "crisis stabilization centers, with priority for regions that have none."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency"],
                "levers": ["Payment"],
            },
            {
                "text": (
                    "Direct DHS to set a Medicaid daily rate for crisis stabilization that "
                    "covers the cost of a center staffed around the clock."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency", "payers"],
                "levers": ["Payment", "Regulation and policy"],
            },
            {
                "text": (
                    "Require state-regulated health plans to cover crisis stabilization "
                    "services on the same terms as Medicaid."
                ),
                "legislative": True,
                "implementers": ["legislature", "payers"],
                "levers": ["Regulation and policy"],
            },
            {
                "text": (
                    "Require grantees to accept law enforcement drop-offs with a short "
                    "hand-off time, and to report hand-off times and repeat visits."
                ),
                "legislative": False,
                "implementers": ["providers", "justice-system"],
                "levers": ["Quality and accountability", "Clinical model"],
            },
        ],
        "first_draft": {
            "summary": (
                "Wisconsin needs more crisis stabilization centers. The state should fund them."
            ),
            "problem": (
                "People in crisis wait in emergency departments because there is nowhere else."
            ),
            "recommendation_count": 2,
        },
        "comments": [
            {
                "section": "fiscal_note",
                "recommendation": None,
                "body": (
                    "Opioid settlement funds are already committed in many counties. Suggest "
                    "we name GPR as the primary source and settlement funds only as a "
                    "possible supplement."
                ),
                "resolved": True,
            },
            {
                "section": "recommendations",
                "recommendation": 3,
                "body": (
                    "Commercial coverage may belong in the parity papers instead. Leaving it "
                    "here for now, but Access & Equity should confirm."
                ),
                "resolved": False,
            },
        ],
    },
    {
        "issue": "Proactive parity enforcement audits by OCI",
        "title": "Proactive mental health parity enforcement by OCI",
        "summary": (
            "Federal and Wisconsin law require mental health and substance use benefits to "
            "be no more restrictive than medical benefits, but enforcement today relies "
            "mostly on consumer complaints. MHAP recommends that the Office of the "
            "Commissioner of Insurance (OCI) audit insurers for parity on a regular "
            "schedule and publish the results."
        ),
        "background": (
            "The federal Mental Health Parity and Addiction Equity Act and Wisconsin's "
            "parity law cover financial requirements, such as copays, and treatment "
            "limitations, such as prior authorization, network standards and medical "
            "necessity criteria. These non-quantitative limits are where most parity "
            "problems are found, and they are hard for an individual patient to see.\n"
            "\n"
            "OCI regulates fully insured health plans in Wisconsin. Self-funded employer "
            "plans are regulated federally, so state action reaches only part of the "
            "market."
        ),
        "problem": (
            "People rarely know that a denial or a thin network may violate parity, so few "
            "file complaints, and complaint-driven enforcement finds few problems. "
            "Meanwhile, members report long waits for in-network therapists and turn to "
            "out-of-network care more often for mental health than for physical health. "
            "Without proactive audits, neither OCI nor the public can tell whether plans "
            "comply."
        ),
        "fiscal_note": (
            "Illustrative: an estimated three to four additional OCI positions with "
            "parity, actuarial and clinical review expertise, plus contracted market "
            "conduct examinations, at an estimated $500,000-750,000 a year. Because OCI is "
            "funded largely through assessments and fees on insurers, the cost could be "
            "met from program revenue rather than general-purpose revenue."
        ),
        "references": (
            "- Mental Health Parity and Addiction Equity Act of 2008 (MHPAEA)\n"
            "- *Mental Health Integration: Implementation Roadmap*, Phase 1: Parity "
            "Enforcement Acceleration"
        ),
        "recommendations": [
            {
                "text": (
                    "Require OCI to conduct parity market conduct examinations of a rotating "
                    "set of insurers each year, focused on non-quantitative treatment "
                    "limitations."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency"],
                "levers": ["Regulation and policy", "Quality and accountability"],
            },
            {
                "text": (
                    "Fund dedicated parity staff at OCI, including actuarial and clinical "
                    "review expertise."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency"],
                "levers": ["Quality and accountability"],
            },
            {
                "text": (
                    "Clarify OCI's authority to require corrective action plans for parity "
                    "violations and to publish a summary of each examination's findings."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency", "payers"],
                "levers": ["Regulation and policy"],
            },
            {
                "text": (
                    "Help consumers, providers and advocates recognize possible parity "
                    "violations and file complaints with OCI, through plain-language guides "
                    "and training."
                ),
                "legislative": False,
                "implementers": ["state-agency", "providers"],
                "levers": ["Quality and accountability"],
            },
        ],
        "first_draft": {
            "summary": ("OCI should audit insurers for parity instead of waiting for complaints."),
            "problem": (
                "Complaint-based enforcement does not work because people do not complain."
            ),
            "recommendation_count": 3,
        },
        "comments": [
            {
                "section": "background",
                "recommendation": None,
                "body": (
                    "Please add a sentence on self-funded plans. Legislators will ask why "
                    "constituents with employer coverage are not all protected by this."
                ),
                "resolved": True,
            },
            {
                "section": "fiscal_note",
                "recommendation": None,
                "body": (
                    "Check the position count with someone who has worked at OCI. Three to "
                    "four FTE may be low if examinations are done in-house rather than "
                    "contracted."
                ),
                "resolved": False,
            },
        ],
    },
    {
        "issue": "Insurer comparative analysis reports made public",
        "title": "Make insurers' parity comparative analyses public",
        "summary": (
            "Federal law requires health plans to document how their limits on mental "
            "health care compare with their limits on medical care. MHAP recommends that "
            "Wisconsin require insurers to file these comparative analyses with OCI each "
            "year, and that OCI publish plain-language summaries so consumers, employers "
            "and providers can see how plans compare."
        ),
        "background": (
            "Since 2021, federal law has required group health plans and insurers to "
            "perform and document comparative analyses of their non-quantitative treatment "
            "limitations, such as prior authorization and network admission standards, and "
            "to provide them to regulators on request.\n"
            "\n"
            "In practice, the analyses are produced only when asked for, are long and "
            "technical, and are not made public. Some states now require routine filing "
            "with the state insurance regulator."
        ),
        "problem": (
            "Without public reporting, Wisconsin residents choosing a plan cannot tell "
            "whether it restricts mental health care more than medical care, and employers "
            "cannot compare plans on parity. OCI and advocates also lack the information "
            "to target enforcement. The roadmap milestone of public reporting of parity "
            "data cannot be reached while the analyses stay out of view."
        ),
        "fiscal_note": (
            "Illustrative: an estimated $150,000-250,000 a year at OCI to receive, review "
            "and summarize filings, plus a one-time cost to build a public web page, which "
            "could be covered from OCI program revenue. Insurers already prepare the "
            "analyses under federal law, so their added cost should be modest."
        ),
        "references": (
            "- Consolidated Appropriations Act, 2021 (parity comparative analysis "
            "requirement)\n"
            "- Mental Health Parity and Addiction Equity Act of 2008 (MHPAEA)\n"
            "- *Mental Health Integration: Implementation Roadmap*, Phase 1 (require "
            "insurer comparative analysis reports)"
        ),
        "recommendations": [
            {
                "text": (
                    "Require insurers offering fully insured plans in Wisconsin to file "
                    "their parity comparative analyses with OCI each year."
                ),
                "legislative": True,
                "implementers": ["legislature", "payers"],
                "levers": ["Regulation and policy", "Quality and accountability"],
            },
            {
                "text": (
                    "Direct OCI to publish plain-language summaries of each plan's analysis "
                    "and of any deficiencies found, in a searchable online format."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency"],
                "levers": ["Quality and accountability", "Technology"],
            },
            {
                "text": (
                    "Include network measures, such as appointment wait times and the share "
                    "of listed providers accepting new patients, in the filings through OCI "
                    "rule."
                ),
                "legislative": False,
                "implementers": ["state-agency", "payers"],
                "levers": ["Quality and accountability", "Regulation and policy"],
            },
            {
                "text": (
                    "Encourage large self-funded employers in Wisconsin to request their "
                    "plans' analyses and share summaries with employees."
                ),
                "legislative": False,
                "implementers": ["payers"],
                "levers": ["Quality and accountability"],
            },
        ],
        "first_draft": {
            "summary": (
                "Insurers' parity comparative analyses should be filed with OCI and made public."
            ),
            "problem": "Nobody outside the insurer sees the analyses.",
            "recommendation_count": 2,
        },
        "comments": [
            {
                "section": "summary",
                "recommendation": None,
                "body": (
                    "'Comparative analysis' will mean nothing to most legislators. Lead with "
                    "what the public gets: a way to see whether a plan limits mental health "
                    "care more than other care."
                ),
                "resolved": True,
            },
            {
                "section": "recommendations",
                "recommendation": 3,
                "body": (
                    "Insurers will push back hard on wait-time data. Is this a must-have for "
                    "the bill, or something we leave to the OCI rule?"
                ),
                "resolved": False,
            },
        ],
    },
    {
        "issue": "Make telehealth flexibilities permanent",
        "title": "Make Wisconsin's telehealth flexibilities permanent",
        "summary": (
            "During the COVID-19 public health emergency, Wisconsin Medicaid and many "
            "private plans allowed mental health care by video and by phone, including "
            "from the patient's home. MHAP recommends writing these flexibilities into "
            "state law so that people in rural areas, people without transportation and "
            "people with disabilities do not lose access."
        ),
        "background": (
            "Telehealth is now a routine part of outpatient mental health care in "
            "Wisconsin. It extends a limited workforce across the state's shortage areas, "
            "and many people prefer it for therapy and medication management.\n"
            "\n"
            "The flexibilities that matter most are:\n"
            "\n"
            "- the patient's home counts as a site of care;\n"
            "- audio-only visits are covered when video is not practical;\n"
            "- telehealth is paid at the same rate as in-person care; and\n"
            "- care can begin without a prior in-person visit when clinically appropriate."
        ),
        "problem": (
            "Some flexibilities rest on agency policy or temporary guidance rather than "
            "statute, and state-regulated commercial plans are not required to cover "
            "telehealth on the same terms as in-person care. Providers hesitate to invest "
            "in telehealth programs that could be scaled back, and patients with poor "
            "broadband depend on audio-only visits, which are the most likely to be cut."
        ),
        "fiscal_note": (
            "Illustrative: because most flexibilities are already in place in Wisconsin "
            "Medicaid, making them permanent is expected to have a small fiscal effect. "
            "Payment parity in commercial plans could modestly affect premiums, which OCI "
            "could estimate; the Legislative Fiscal Bureau would need to assess any "
            "Medicaid cost of continued audio-only coverage."
        ),
        "references": (
            "- *Mental Health Integration: Implementation Roadmap*, Phase 1 (telehealth "
            "policy permanence)\n"
            "- Workforce Solutions Partnership (National Council for Mental Wellbeing, "
            "Health Management Associates and The College for Behavioral Health "
            "Leadership), *Call to Action to Build a Sustainable Behavioral Health "
            "Workforce* (technology integration)\n"
            "- HRSA National Center for Health Workforce Analysis, [*Behavioral Health "
            "Workforce, 2023*](https://bhw.hrsa.gov/sites/default/files/bureau-health-"
            "workforce/Behavioral-Health-Workforce-Brief-2023.pdf)"
        ),
        "recommendations": [
            {
                "text": (
                    "Amend state law to recognize the patient's home as a site of care and "
                    "to cover audio-only mental health services in Medicaid and "
                    "state-regulated plans."
                ),
                "legislative": True,
                "implementers": ["legislature", "payers"],
                "levers": ["Technology", "Regulation and policy"],
            },
            {
                "text": (
                    "Require payment parity between telehealth and in-person mental health "
                    "services in state-regulated plans."
                ),
                "legislative": True,
                "implementers": ["legislature", "payers"],
                "levers": ["Payment"],
            },
            {
                "text": (
                    "Fund private telehealth access points in libraries, schools and county "
                    "offices for people without a safe space or broadband at home."
                ),
                "legislative": False,
                "implementers": ["counties", "schools", "state-agency"],
                "levers": ["Technology"],
            },
            {
                "text": (
                    "Ask DHS to track telehealth use and outcomes by modality and publish "
                    "the results each year."
                ),
                "legislative": False,
                "implementers": ["state-agency", "providers"],
                "levers": ["Quality and accountability", "Technology"],
            },
        ],
        "first_draft": {
            "summary": ("Telehealth flexibilities from the pandemic should become permanent."),
            "problem": "Some flexibilities are temporary and could end.",
            "recommendation_count": 2,
        },
        "comments": [
            {
                "section": "background",
                "recommendation": None,
                "body": (
                    "Confirm which of these ForwardHealth has already made permanent. I "
                    "think audio-only was addressed in a policy update; we should not ask "
                    "legislators for something that already exists."
                ),
                "resolved": True,
            },
            {
                "section": "recommendations",
                "recommendation": 2,
                "body": (
                    "Payment parity is where insurers will object. Could we pair it with a "
                    "review after three years?"
                ),
                "resolved": False,
            },
        ],
    },
    {
        "issue": "School-based mental health services grant expansion",
        "title": "Expand school-based mental health services grants",
        "summary": (
            "Schools are where many children and youth first show signs of mental health "
            "needs, and where they can most easily be seen. MHAP recommends increasing "
            "ongoing funding for the Department of Public Instruction's school-based "
            "mental health grants so that more districts can partner with community "
            "providers to deliver services on site."
        ),
        "background": (
            "The Department of Public Instruction (DPI) awards grants that help districts "
            "partner with community mental health providers to offer therapy in schools, "
            "coordinate care and train staff. Services at school remove the barriers of "
            "transportation and time off work for parents, and reach children who would "
            "not otherwise be seen.\n"
            "\n"
            "Districts report that demand for these grants exceeds available funding, and "
            "many school mental health positions were paid for with one-time federal "
            "pandemic funds that have now ended."
        ),
        "problem": (
            "When grant funding ends, districts often cannot sustain the partnership, and "
            "students lose their therapist mid-year. Rural districts have the fewest "
            "community providers to partner with. Providers also find Medicaid and "
            "commercial billing for school-based services administratively difficult, so "
            "grants end up covering costs that insurance could pay."
        ),
        "fiscal_note": (
            "Illustrative: an increase of an estimated $10-20 million a year in "
            "general-purpose revenue would allow a substantial number of additional "
            "districts to participate, depending on award size. Part of the cost could be "
            "offset over time if more school-based services are billed to BadgerCare Plus "
            "and commercial plans."
        ),
        "references": (
            "- U.S. Department of Health and Human Services, *Mental Health: A Report of "
            "the Surgeon General* (1999)\n"
            "- HRSA National Center for Health Workforce Analysis, [*Behavioral Health "
            "Workforce, 2023*](https://bhw.hrsa.gov/sites/default/files/bureau-health-"
            "workforce/Behavioral-Health-Workforce-Brief-2023.pdf)\n"
            "- Wisconsin Department of Public Instruction, school-based mental health "
            "services grant program"
        ),
        "recommendations": [
            {
                "text": (
                    "Increase ongoing state funding for DPI's school-based mental health "
                    "services grants and make awards multi-year."
                ),
                "legislative": True,
                "implementers": ["legislature", "schools"],
                "levers": ["Payment"],
            },
            {
                "text": (
                    "Reserve part of the funding for rural districts and for partnerships "
                    "with tribal and community-based providers that reflect the students "
                    "they serve."
                ),
                "legislative": True,
                "implementers": ["legislature", "schools", "providers"],
                "levers": ["Workforce expansion"],
            },
            {
                "text": (
                    "Simplify Medicaid billing for school-based mental health services "
                    "through DHS guidance and a single point of contact for districts and "
                    "providers."
                ),
                "legislative": False,
                "implementers": ["state-agency", "schools", "providers"],
                "levers": ["Payment", "Regulation and policy"],
            },
            {
                "text": (
                    "Train school staff to recognize early signs of mental health needs and "
                    "to make warm hand-offs to on-site clinicians."
                ),
                "legislative": False,
                "implementers": ["schools"],
                "levers": ["Organizational culture", "Clinical model"],
            },
        ],
        "first_draft": {
            "summary": "More money for school mental health grants.",
            "problem": ("Grants are too small and end too soon, and rural districts miss out."),
            "recommendation_count": 2,
        },
        "comments": [
            {
                "section": "problem",
                "recommendation": None,
                "body": (
                    "Add a concrete example. The Access & Equity chair mentioned a rural "
                    "district that lost its therapist when ESSER funds ended; can we get "
                    "permission to name it?"
                ),
                "resolved": False,
            },
            {
                "section": "recommendations",
                "recommendation": 2,
                "body": (
                    "Tribal partnerships should be named in the recommendation itself, not "
                    "only in the background. Done in this draft."
                ),
                "resolved": True,
            },
        ],
    },
    {
        "issue": "State loan repayment for behavioural health professionals",
        "title": "State loan repayment for behavioral health professionals",
        "summary": (
            "Student debt and low salaries push new mental health professionals away from "
            "public and community settings. MHAP recommends a dedicated, ongoing state "
            "loan repayment program for behavioral health professionals who commit to work "
            "in shortage areas or in settings that serve Medicaid and uninsured clients."
        ),
        "background": (
            "Wisconsin's existing health professions loan assistance and the federal "
            "National Health Service Corps help some clinicians, but awards are limited "
            "and behavioral health disciplines compete with physicians, dentists and other "
            "professions for them.\n"
            "\n"
            "The Workforce Solutions Partnership lists the cost of advanced education, "
            "combined with low career salaries, among the long-standing challenges facing "
            "the behavioral health workforce. Most state Medicaid programs surveyed in "
            "2023 were pursuing at least one workforce strategy."
        ),
        "problem": (
            "Community mental health agencies, county programs and rural clinics report "
            "that they cannot match private practice and other sectors on pay. A 2024 "
            "study cited low wages and inadequate benefits as a major reason staff leave "
            "public-sector behavioral health. Loan repayment tied to a service commitment "
            "is one of the few tools that helps these employers recruit and retain staff "
            "in the short term."
        ),
        "fiscal_note": (
            "Illustrative: awards of up to an estimated $40,000-50,000 in exchange for a "
            "two- or three-year service commitment, for about 100-150 professionals a "
            "year, would cost roughly $5-7 million annually. Funding could come from "
            "general-purpose revenue, with part used as the state match that draws "
            "additional federal State Loan Repayment Program dollars."
        ),
        "references": (
            "- Workforce Solutions Partnership (National Council for Mental Wellbeing, "
            "Health Management Associates and The College for Behavioral Health "
            "Leadership), *Call to Action to Build a Sustainable Behavioral Health "
            "Workforce*\n"
            "- Hallett et al., [*Factors Influencing Turnover and Attrition in the Public "
            "Behavioral Health System Workforce*](https://doi.org/10.1176/"
            "appi.ps.20220516), Psychiatric Services (2024)\n"
            "- KFF, [*A Look at Strategies to Address Behavioral Health Workforce "
            "Shortages: Findings from a Survey of State Medicaid "
            "Programs*](https://www.kff.org/mental-health/issue-brief/a-look-at-strategies-"
            "to-address-behavioral-health-workforce-shortages-findings-from-a-survey-of-"
            "state-medicaid-programs/) (2023)"
        ),
        "recommendations": [
            {
                "text": (
                    "Create a dedicated behavioral health loan repayment program at DHS with "
                    "ongoing general-purpose revenue funding."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency"],
                "levers": ["Payment", "Workforce expansion"],
            },
            {
                "text": (
                    "Make psychologists, counselors, social workers, marriage and family "
                    "therapists, psychiatric nurse practitioners, substance use counselors "
                    "and certified peer specialists eligible."
                ),
                "legislative": True,
                "implementers": ["legislature"],
                "levers": ["Workforce expansion", "Regulation and policy"],
            },
            {
                "text": (
                    "Give priority to applicants who work in shortage areas, serve a high "
                    "share of Medicaid and uninsured clients, or reflect the communities "
                    "they serve."
                ),
                "legislative": False,
                "implementers": ["state-agency", "providers"],
                "levers": ["Workforce expansion"],
            },
            {
                "text": (
                    "Track whether award recipients stay in their settings after the service "
                    "commitment ends, and report the results to the Legislature."
                ),
                "legislative": False,
                "implementers": ["state-agency"],
                "levers": ["Quality and accountability"],
            },
        ],
        "first_draft": {
            "summary": ("Wisconsin should create loan repayment for mental health workers."),
            "problem": ("Debt and low pay drive clinicians out of community settings."),
            "recommendation_count": 2,
        },
        "comments": [
            {
                "section": "recommendations",
                "recommendation": 2,
                "body": (
                    "Including certified peer specialists matters, but most peers do not "
                    "carry graduate debt. Consider a smaller award tier or a training "
                    "stipend for peers."
                ),
                "resolved": False,
            },
            {
                "section": "fiscal_note",
                "recommendation": None,
                "body": (
                    "Double-check the State Loan Repayment Program match rules with HRSA "
                    "before we cite them to legislators."
                ),
                "resolved": True,
            },
        ],
    },
    {
        "issue": "Certified peer specialist Medicaid billing",
        "title": "Expand Medicaid billing for certified peer specialists",
        "summary": (
            "Certified peer specialists draw on their own lived experience of recovery to "
            "support others. In Wisconsin, Medicaid pays for peer support mainly within "
            "certain county-run programs. MHAP recommends making peer support a covered "
            "Medicaid service in outpatient, crisis and hospital settings, at a rate that "
            "supports a living wage."
        ),
        "background": (
            "Wisconsin certifies peer specialists through state-approved training and an "
            "exam. Peers work in crisis programs, peer-run respite and county programs "
            "such as Comprehensive Community Services (CCS) and Community Support Programs "
            "(CSP).\n"
            "\n"
            "Peer support reflects MHAP's values of choice by people with lived "
            "experience, recovery-focused care and care in the least restrictive "
            "environment. Expanding the peer workforce is also one of the pipeline actions "
            "in the coalition's reference roadmap."
        ),
        "problem": (
            "Because billing is limited to particular programs, most outpatient clinics, "
            "emergency departments and primary care practices cannot bill Medicaid for "
            "peer support; they rely on grants or go without. Peer positions are often "
            "part-time and low-paid, which drives turnover and discourages people from "
            "entering the field."
        ),
        "fiscal_note": (
            "Illustrative: the cost depends on uptake. If several hundred additional peer "
            "specialists billed Medicaid part-time, total spending could be an estimated "
            "$5-10 million a year, with the federal government paying roughly 60 percent "
            "under Wisconsin's usual Medicaid match. Fewer emergency visits and "
            "readmissions could offset part of the cost."
        ),
        "references": (
            "- *Mental Health Integration: Implementation Roadmap*, Phase 2: Workforce "
            "Pipeline (peer specialist expansion)\n"
            "- Workforce Solutions Partnership (National Council for Mental Wellbeing, "
            "Health Management Associates and The College for Behavioral Health "
            "Leadership), *Call to Action to Build a Sustainable Behavioral Health "
            "Workforce*\n"
            "- National Council for Mental Wellbeing, Health Management Associates and The "
            "College for Behavioral Health Leadership, [*Crosswalk of National Behavioral "
            "Health Workforce Recommendations*](https://www.thenationalcouncil.org/wp-"
            "content/uploads/2024/05/CWS-Recommendation-Crosswalk-Brief_5.16.24.pdf) (2024)"
        ),
        "recommendations": [
            {
                "text": (
                    "Direct DHS to make peer support a covered Medicaid service in "
                    "outpatient mental health clinics, crisis programs and hospital settings."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency", "payers"],
                "levers": ["Payment", "Regulation and policy"],
            },
            {
                "text": (
                    "Set a Medicaid rate for peer support that lets employers pay a living "
                    "wage and fund supervision."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency"],
                "levers": ["Payment"],
            },
            {
                "text": (
                    "Help employers integrate peers as full team members, with supervision "
                    "by experienced peers and clear role descriptions."
                ),
                "legislative": False,
                "implementers": ["providers"],
                "levers": ["Organizational culture", "Clinical model"],
            },
            {
                "text": (
                    "Fund scholarships for peer certification training and the exam, with "
                    "outreach to communities underrepresented in the workforce."
                ),
                "legislative": False,
                "implementers": ["state-agency", "providers"],
                "levers": ["Workforce expansion"],
            },
        ],
        "first_draft": {
            "summary": "Medicaid should pay for peer specialists in more settings.",
            "problem": ("Peers can only bill in a few county programs, so jobs are scarce."),
            "recommendation_count": 2,
        },
        "comments": [
            {
                "section": "recommendations",
                "recommendation": 3,
                "body": (
                    "Peer members of the workgroup asked that supervision by peers be "
                    "explicit. Clinical supervision alone tends to pull peers into a "
                    "case-manager role."
                ),
                "resolved": True,
            },
            {
                "section": "",
                "recommendation": None,
                "body": (
                    "Strong paper. At the Summit, several county directors asked how this "
                    "interacts with CCS rates; worth a short FAQ for legislative visits."
                ),
                "resolved": False,
            },
        ],
    },
    {
        "issue": "Count supervised hours from all settings toward licensure",
        "title": ("Count supervised clinical hours from all settings toward licensure"),
        "summary": (
            "New counselors, social workers and marriage and family therapists must "
            "complete thousands of supervised hours after graduate school before full "
            "licensure. MHAP recommends that Wisconsin count qualifying supervised hours "
            "regardless of the setting where they were earned, so graduates can build "
            "hours where the need is greatest."
        ),
        "background": (
            "Licensure for these professions is overseen by the Marriage and Family "
            "Therapy, Professional Counseling, and Social Work Examining Board within the "
            "Department of Safety and Professional Services (DSPS). Candidates typically "
            "need about two years of supervised post-degree practice.\n"
            "\n"
            "Clinicians report that hours can be hard to count when they are earned in "
            "some settings, such as schools or crisis programs, under a supervisor "
            "licensed in a related discipline, or in another state."
        ),
        "problem": (
            "When hours do not count, candidates must repeat supervised practice or leave "
            "the settings that most need them. This delays entry into independent practice "
            "by months or years, discourages work in schools and rural programs, and adds "
            "to the administrative burden the Workforce Solutions Partnership identifies "
            "as a long-standing barrier."
        ),
        "fiscal_note": (
            "Illustrative: the change is largely regulatory and is expected to have "
            "minimal state cost. DSPS may need modest one-time staff time to update rules, "
            "forms and verification, which could be absorbed within existing licensing fee "
            "revenue."
        ),
        "references": (
            "- Workforce Solutions Partnership (National Council for Mental Wellbeing, "
            "Health Management Associates and The College for Behavioral Health "
            "Leadership), *Call to Action to Build a Sustainable Behavioral Health "
            "Workforce* (regulation challenges and administrative burden)\n"
            "- SAMHSA, [*Addressing Burnout in the Behavioral Health Workforce Through "
            "Organizational Strategies*](https://store.samhsa.gov/sites/default/files/"
            "pep22-06-02-005.pdf) (2022)\n"
            "- KFF, [*A Look at Strategies to Address Behavioral Health Workforce "
            "Shortages: Findings from a Survey of State Medicaid "
            "Programs*](https://www.kff.org/mental-health/issue-brief/a-look-at-strategies-"
            "to-address-behavioral-health-workforce-shortages-findings-from-a-survey-of-"
            "state-medicaid-programs/) (2023)"
        ),
        "recommendations": [
            {
                "text": (
                    "Amend state law so that supervised hours count toward licensure in any "
                    "setting where the candidate practices within scope under a qualified "
                    "supervisor."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency"],
                "levers": ["Regulation and policy"],
            },
            {
                "text": (
                    "Allow a qualified licensed professional from a related mental health "
                    "discipline to provide part of the required supervision."
                ),
                "legislative": True,
                "implementers": ["legislature"],
                "levers": ["Regulation and policy", "Workforce expansion"],
            },
            {
                "text": (
                    "Accept supervised hours earned in other states when they meet "
                    "Wisconsin's standards."
                ),
                "legislative": True,
                "implementers": ["legislature", "state-agency"],
                "levers": ["Workforce expansion"],
            },
            {
                "text": (
                    "Permit supervision by secure video for all or part of the required hours."
                ),
                "legislative": False,
                "implementers": ["state-agency", "providers"],
                "levers": ["Technology"],
            },
            {
                "text": (
                    "Encourage employers to provide protected supervision time and to "
                    "recognize supervisors in workload and pay."
                ),
                "legislative": False,
                "implementers": ["providers", "counties"],
                "levers": ["Organizational culture"],
            },
        ],
        "first_draft": {
            "summary": ("Supervised hours should count no matter where they are earned."),
            "problem": ("Hours earned in some settings do not count, which delays licensure."),
            "recommendation_count": 3,
        },
        "comments": [
            {
                "section": "background",
                "recommendation": None,
                "body": (
                    "We need to cite the specific administrative code chapters before this "
                    "goes to legislators. DSPS staff offered to walk us through them."
                ),
                "resolved": False,
            },
            {
                "section": "recommendations",
                "recommendation": 4,
                "body": (
                    "Video supervision may already be allowed for some professions. Check "
                    "before we keep it; otherwise fold it into recommendation 1."
                ),
                "resolved": True,
            },
        ],
    },
    {
        "issue": "Medicaid coverage of Collaborative Care codes",
        "title": "Pay for the Collaborative Care Model in Wisconsin Medicaid",
        "summary": (
            "The Collaborative Care Model (CoCM) brings mental health treatment into "
            "primary care, using a care manager and a consulting psychiatrist to treat "
            "common conditions such as depression and anxiety. MHAP recommends that DHS "
            "cover the Collaborative Care codes across BadgerCare Plus and Medicaid HMOs, "
            "with practical billing guidance. This can be done through Medicaid policy, "
            "without legislation."
        ),
        "background": (
            "In Collaborative Care, the primary care team tracks patients in a registry, "
            "uses standard measures to check whether they are improving, and reviews those "
            "who are not with a psychiatric consultant each week. The model has a strong "
            "evidence base and lets a small number of psychiatrists support many primary "
            "care patients.\n"
            "\n"
            "Medicare and many commercial plans pay for Collaborative Care through monthly "
            "codes (CPT 99492-99494). The coalition's reference roadmap calls for all "
            "payers to cover the model."
        ),
        "problem": (
            "Without consistent Medicaid payment, clinics that serve many BadgerCare "
            "members cannot fund the care manager and psychiatric consultant, so the model "
            "is used mainly in larger health systems. People who could be treated in "
            "primary care are instead referred to specialty clinics with long waits, or go "
            "without care."
        ),
        "fiscal_note": (
            "Illustrative: costs depend on uptake. If an estimated 10,000-20,000 members "
            "received Collaborative Care each year for several months, total spending "
            "could range from several million to about $20 million a year, with the "
            "federal share at roughly 60 percent. Better-treated depression may offset "
            "part of the cost through lower use of other health care."
        ),
        "references": (
            "- *Mental Health Integration: Implementation Roadmap*, Phase 2: Primary Care "
            "Integration\n"
            "- Cunningham, [*Beyond Parity: Primary Care Physicians' Perspectives on "
            "Access to Mental Health Care*](https://doi.org/10.1377/hlthaff.28.3.w490), "
            "Health Affairs (2009)\n"
            "- Institute of Medicine, [*Improving the Quality of Health Care for Mental "
            "and Substance-Use Conditions*](https://doi.org/10.17226/11470) (2006)"
        ),
        "recommendations": [
            {
                "text": (
                    "Add the Collaborative Care codes to the BadgerCare Plus fee schedule "
                    "and require Medicaid HMOs to cover them."
                ),
                "legislative": False,
                "implementers": ["state-agency", "payers"],
                "levers": ["Payment"],
            },
            {
                "text": (
                    "Issue billing guidance that lets licensed social workers, counselors "
                    "and nurses serve as Collaborative Care managers."
                ),
                "legislative": False,
                "implementers": ["state-agency", "providers"],
                "levers": ["Regulation and policy", "Workforce expansion"],
            },
            {
                "text": (
                    "Offer practice transformation support, including registry tools and "
                    "training, to rural and safety-net clinics adopting the model."
                ),
                "legislative": False,
                "implementers": ["state-agency", "providers"],
                "levers": ["Clinical model", "Technology"],
            },
            {
                "text": (
                    "Track depression screening and treatment response for members in "
                    "Collaborative Care and publish the results annually."
                ),
                "legislative": False,
                "implementers": ["state-agency", "payers"],
                "levers": ["Quality and accountability"],
            },
        ],
        "first_draft": {
            "summary": "DHS should pay for Collaborative Care in Medicaid.",
            "problem": ("Clinics cannot afford the care manager without Medicaid payment."),
            "recommendation_count": 3,
        },
        "comments": [
            {
                "section": "summary",
                "recommendation": None,
                "body": (
                    "Say up front that this does not need legislation. At our last visits, "
                    "legislators asked which asks are for them and which are for DHS."
                ),
                "resolved": True,
            },
            {
                "section": "fiscal_note",
                "recommendation": None,
                "body": (
                    "The spending range needs a source. Could a member health system that "
                    "bills Medicare for CoCM share its actual per-patient payments?"
                ),
                "resolved": False,
            },
        ],
    },
    {
        "issue": "Baseline measures for the coalition's success metrics",
        "title": "Baseline measures for MHAP's success metrics",
        "summary": (
            "To hold itself accountable, the coalition needs to know where Wisconsin "
            "stands today on the outcomes it wants to change. This paper proposes a small "
            "set of baseline measures, drawn mostly from existing public data, for access, "
            "crisis response, integration, workforce, emergency department boarding, "
            "suicide and parity, and asks partners to report the same measures every year."
        ),
        "background": (
            "The coalition's reference roadmap sets success metrics such as the share of "
            "adults with mental illness who receive treatment, crisis calls answered by an "
            "appropriate responder, primary care integration, shortage-area population, "
            "psychiatric boarding time, the suicide rate and out-of-network use.\n"
            "\n"
            "Several can be measured in Wisconsin from existing sources:\n"
            "\n"
            "- SAMHSA's National Survey on Drug Use and Health state estimates, for "
            "treatment access;\n"
            "- 988 performance reports, for in-state answer rates;\n"
            "- HRSA shortage-area designations, for workforce;\n"
            "- DHS vital records and hospital data, for suicide and boarding."
        ),
        "problem": (
            "Without an agreed baseline, the coalition cannot show whether its proposals "
            "are working, and partners cite different numbers for the same measure. Some "
            "metrics, such as boarding time and out-of-network use, have no routine public "
            "source in Wisconsin, so the coalition will need partners to share data or "
            "will need to advocate for new reporting."
        ),
        "fiscal_note": (
            "Illustrative: the work can be done largely with volunteer time from the Data "
            "workgroup and partner organizations, plus an estimated $15,000-25,000 a year "
            "for data analysis and a simple public dashboard. No state appropriation is "
            "requested."
        ),
        "references": (
            "- *Mental Health Integration: Implementation Roadmap*, Success Metrics\n"
            "- Workforce Solutions Partnership (National Council for Mental Wellbeing, "
            "Health Management Associates and The College for Behavioral Health "
            "Leadership), *Call to Action to Build a Sustainable Behavioral Health "
            "Workforce*, Appendix A (shared measurement)\n"
            "- HRSA National Center for Health Workforce Analysis, [*Behavioral Health "
            "Workforce, 2023*](https://bhw.hrsa.gov/sites/default/files/bureau-health-"
            "workforce/Behavioral-Health-Workforce-Brief-2023.pdf)"
        ),
        "recommendations": [
            {
                "text": (
                    "Adopt a core set of seven to ten baseline measures, each with a named "
                    "data source, a baseline year and a responsible workgroup."
                ),
                "legislative": False,
                "implementers": ["state-agency", "providers"],
                "levers": ["Quality and accountability"],
            },
            {
                "text": (
                    "Ask DHS to share county-level data on crisis response, emergency "
                    "detentions and psychiatric hospital stays under a data-use agreement."
                ),
                "legislative": False,
                "implementers": ["state-agency", "counties", "justice-system"],
                "levers": ["Quality and accountability", "Technology"],
            },
            {
                "text": (
                    "Work with hospitals and health plans to define measures of psychiatric "
                    "emergency department boarding time and out-of-network use."
                ),
                "legislative": False,
                "implementers": ["providers", "payers"],
                "levers": ["Quality and accountability"],
            },
            {
                "text": (
                    "Publish the baseline and yearly updates on a simple public dashboard, "
                    "by region and, where the data allow, by race and ethnicity."
                ),
                "legislative": False,
                "implementers": ["state-agency", "counties"],
                "levers": ["Technology", "Quality and accountability"],
            },
            {
                "text": (
                    "Include a measure of the workforce's own experience, such as staff "
                    "turnover, in the baseline."
                ),
                "legislative": False,
                "implementers": ["providers", "counties"],
                "levers": ["Organizational culture", "Quality and accountability"],
            },
        ],
        "first_draft": {
            "summary": "We need baseline numbers for each success metric.",
            "problem": "We cannot measure progress without a starting point.",
            "recommendation_count": 3,
        },
        "comments": [
            {
                "section": "background",
                "recommendation": None,
                "body": (
                    "Note that NSDUH state estimates pool two years of data, so the baseline "
                    "will lag by a couple of years."
                ),
                "resolved": True,
            },
            {
                "section": "recommendations",
                "recommendation": 5,
                "body": (
                    "Turnover data is hard to get consistently. Could the provider "
                    "associations run a short annual survey of their members?"
                ),
                "resolved": False,
            },
        ],
    },
]


# Where each demo paper stands, from its issue's place in the pipeline.
ADOPTIONS = {
    "Criminal Justice": ("Summer Summit 2024", datetime.date(2024, 7, 18)),
    "Medicaid & Workforce": ("Summer Summit 2024", datetime.date(2024, 7, 18)),
    "Access & Equity": ("Fall Summit 2024", datetime.date(2024, 10, 17)),
    "Data": ("Fall Summit 2024", datetime.date(2024, 10, 17)),
}


def seed_papers(people: dict, workgroups: dict) -> None:
    """The twelve papers of 2024 through the same services the app uses:
    revisions by the chair and a co-author, comments, and for most of them
    submission, review and adoption."""
    from issues import services
    from issues.enums import Status
    from issues.models import Implementer, Issue, IssuePaper, Lever, PaperRevision

    core = people["core@mhap.test"]
    levers = {lever.name: lever for lever in Lever.objects.all()}
    implementers = {row.slug: row for row in Implementer.objects.all()}
    for index, spec in enumerate(PAPERS):
        issue = Issue.objects.select_related("workgroup").get(title=spec["issue"])
        if IssuePaper.objects.filter(issue=issue).exists():
            continue
        target = issue.status
        Issue.objects.filter(pk=issue.pk).update(status=Status.PRIORITISED)
        issue.refresh_from_db()
        memberships = issue.workgroup.memberships.select_related("person").order_by("pk")
        chair = next(m.person for m in memberships if m.role == "chair")
        members = [m.person for m in memberships if m.role != "chair"]
        co_author = (
            people["member@mhap.test"] if people["member@mhap.test"] in members else members[0]
        )
        items = [
            services.RecommendationText(
                text=item["text"],
                legislative=item["legislative"],
                implementers=[implementers[slug] for slug in item["implementers"]],
                levers=[levers[name] for name in item["levers"]],
            )
            for item in spec["recommendations"]
        ]
        final = {name: spec[name] for name in ("title", *_SECTIONS)}
        first = {**final, **{k: v for k, v in spec["first_draft"].items() if k in _SECTIONS}}
        paper = services.start_paper(actor=chair, issue=issue)
        services.add_co_author(actor=chair, paper=paper, person=co_author)
        services.save_revision(
            actor=chair,
            paper=paper,
            content=first,
            recommendations=items[: spec["first_draft"]["recommendation_count"]],
            expected_version=1,
            note="First draft",
        )
        services.save_revision(
            actor=co_author,
            paper=paper,
            content={**final, "fiscal_note": "", "references": ""},
            recommendations=items,
            expected_version=2,
            note="Background and the remaining recommendations",
        )
        for comment in spec["comments"]:
            made = services.add_paper_comment(
                actor=members[-1],
                paper=paper,
                body=comment["body"],
                section=comment["section"],
                recommendation_number=comment["recommendation"],
            )
            if comment["resolved"]:
                services.resolve_comment(actor=chair, comment=made)
        services.save_revision(
            actor=chair,
            paper=paper,
            content=final,
            recommendations=items,
            expected_version=3,
            note="Fiscal note and references",
        )
        if target in (Status.UNDER_REVIEW, Status.ADOPTED, Status.IN_ADVOCACY):
            services.submit_for_review(actor=chair, paper=paper, expected_version=4)
            services.start_review(actor=core, paper=paper)
        if target in (Status.ADOPTED, Status.IN_ADVOCACY):
            event, day = ADOPTIONS[issue.workgroup.name]
            services.adopt_paper(
                actor=core,
                paper=paper,
                expected_version=paper.version,
                adopted_on=day,
                adopted_at_event=event,
                decision=f"Adopted by the partnership at the {event}, with the revisions "
                "the workgroup made from the summit's feedback.",
            )
        if target == Status.IN_ADVOCACY:
            services.change_issue(
                actor=core,
                issue=issue,
                changes={"status": Status.IN_ADVOCACY},
                reason="Educating legislators in 2025",
            )
        # Spread the revisions over 2024, as they were written.
        start = datetime.datetime(2024, 3, 4, 16, 0, tzinfo=datetime.UTC)
        start += datetime.timedelta(days=7 * index)
        for revision in PaperRevision.objects.filter(paper=paper):
            PaperRevision.objects.filter(pk=revision.pk).update(
                created_at=start + datetime.timedelta(days=9 * revision.number)
            )


_SECTIONS = ("summary", "background", "problem", "fiscal_note", "references")


SUMMITS = [
    # (title, day (starting at 9 am Central), hours, format, venue, address)
    ("Summer Summit 2024", datetime.date(2024, 7, 18), 6, "in_person",
     "Monona Terrace Community and Convention Center", "1 John Nolen Dr\nMadison, WI 53703"),
    ("Fall Summit 2024", datetime.date(2024, 10, 17), 6, "hybrid",
     "Fox Cities Exhibition Center", "355 W Lawrence St\nAppleton, WI 54911"),
    ("Winter Summit 2027", datetime.date(2027, 1, 21), 4, "virtual", "", ""),
]  # fmt: skip


def seed_summits(people: dict) -> None:
    """Two past summits where the 2024 papers were adopted, and the next one."""
    import zoneinfo

    from django.conf import settings
    from django.utils.text import slugify

    from summits.models import Registration, Summit

    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    everyone = list(people.values())
    for index, (title, start, hours, summit_format, venue, address) in enumerate(SUMMITS):
        starts_at = datetime.datetime.combine(start, datetime.time(9, 0), tzinfo=zone)
        summit, created = Summit.objects.get_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=hours),
                "format": summit_format,
                "venue": venue,
                "address": address,
                "meeting_link": ""
                if summit_format == "in_person"
                else "https://zoom.example.org/j/mhap-summit",
                "agenda": "1. Welcome and the year so far\n2. Each workgroup presents its "
                "papers\n3. Feedback in small groups\n4. Next steps",
                "created_by": people["core@mhap.test"],
            },
        )
        if not created:
            continue
        attendees = everyone[index::2] if index < 2 else everyone[::3]
        Registration.objects.bulk_create(
            Registration(
                summit=summit,
                person=person,
                mode=_mode(summit_format, n),
            )
            for n, person in enumerate(attendees)
        )


def _mode(summit_format: str, n: int) -> str:
    if summit_format == "hybrid":
        return "online" if n % 3 == 0 else "in_person"
    return "online" if summit_format == "virtual" else "in_person"


FEEDBACK_COMMENTS = [
    ("support", "This matches what our members see every week. Please keep the county role."),
    ("support_with_changes", "Support, but the timeline is too short for rural counties."),
    ("concerns", "Who pays after the first two years? The fiscal note should say."),
    ("support", "Families we serve would benefit directly; we will say so to legislators."),
    ("oppose", "We would rather see this handled through existing Medicaid authority."),
    ("support_with_changes", "Add peers to the list of who is consulted."),
]
DISPOSITIONS = [
    ("accepted", "Kept as written."),
    ("partly_accepted", "We lengthened the timeline for rural counties."),
    ("accepted", "The fiscal note now names the funding source."),
    ("accepted", ""),
    ("not_accepted", "A law is needed to make the change last."),
    ("accepted", "Peers added to recommendation 2."),
]


def seed_feedback_rounds(people: dict) -> None:
    """The Summer Summit 2024's closed round, full of answered feedback, and
    an open round before the next summit."""
    from django.utils import timezone

    from issues.models import IssuePaper
    from summits.models import Feedback, FeedbackRound, RoundPaper, Summit

    if FeedbackRound.objects.exists():
        return
    summer = Summit.objects.get(slug="summer-summit-2024")
    closed = FeedbackRound.objects.create(
        summit=summer,
        title="At the summit",
        opens_at=summer.starts_at - datetime.timedelta(days=14),
        closes_at=summer.ends_at + datetime.timedelta(days=7),
        created_by=people["core@mhap.test"],
    )
    reviewed = IssuePaper.objects.filter(
        issue__workgroup__name__in=["Criminal Justice", "Medicaid & Workforce"],
        state="adopted",  # at that summit; the one under review now is for the next
    ).select_related("issue__workgroup")
    givers = [p for email, p in people.items() if email != "admin@mhap.test"]
    for position, paper in enumerate(reviewed):
        RoundPaper.objects.create(
            round=closed, revision_id=paper.review_revision_id, position=position
        )
        chair = paper.issue.workgroup.memberships.filter(role="chair").first().person
        for n in range(6):
            giver = givers[(position * 5 + n * 3) % len(givers)]
            stance, comment = FEEDBACK_COMMENTS[(position + n) % len(FEEDBACK_COMMENTS)]
            disposition, reason = DISPOSITIONS[(position + n) % len(DISPOSITIONS)]
            Feedback.objects.get_or_create(
                round=closed,
                revision_id=paper.review_revision_id,
                person=giver,
                defaults={
                    "organisation": giver.organisation,
                    "stance": stance,
                    "comments": comment,
                    "submitted_at": closed.opens_at + datetime.timedelta(days=n + 1),
                    "disposition": disposition,
                    "disposition_reason": reason,
                    "disposed_by": chair,
                    "disposed_at": closed.closes_at + datetime.timedelta(days=3),
                },
            )
    winter = Summit.objects.get(slug="winter-summit-2027")
    now = timezone.now()
    open_round = FeedbackRound.objects.create(
        summit=winter,
        title="Before the summit",
        opens_at=now - datetime.timedelta(days=3),
        closes_at=max(
            winter.starts_at - datetime.timedelta(days=1), now + datetime.timedelta(days=30)
        ),
        created_by=people["core@mhap.test"],
    )
    for position, paper in enumerate(IssuePaper.objects.filter(state="under_review")):
        RoundPaper.objects.create(
            round=open_round, revision_id=paper.review_revision_id, position=position
        )
