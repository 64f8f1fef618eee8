"""Writes the sample spreadsheets in this folder.

The spreadsheets hold facts already in the seed partnerships (graphs/partnerships/), laid out
the way officers keep them, so that the import can be tested against the hand-written facts.
The one exception is in illustrative/: marks no seed records (substitutes), each sheet saying so
in its title row. The workbooks are committed; this script is how they were made (`pip install
openpyxl`, then `python3 graphs/imports/make-samples.py` from the top of the repository), and
rerunning it writes the same bytes. It is not run by the tests.
"""

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent

# Fixed metadata and zip times, so that rerunning the script writes the same bytes.
STAMP = datetime.datetime(2026, 11, 22)


def workbook(path, sheet, rows, date_format="dd/mm/yyyy"):
    """A workbook of one sheet; see `workbook_of` for several."""
    workbook_of(path, [(sheet, rows)], date_format)


def workbook_of(path, sheets, date_format="dd/mm/yyyy"):
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = date_format
    book.properties.created = STAMP
    book.properties.creator = "scrutineer samples"
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps the time of saving as the modified date, and the zip entries with the
    # time too: both are set to STAMP.
    modified = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + modified.encode() + rb"\g<2>",
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            out.writestr(fixed, data)


def csv_file(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


# Watford: the Joint Authorities Group as the Task Group minutes of 20 October 2016 list it.
# A title line above the header, as officers' lists have.
csv_file(
    HERE / "watford-jag-membership.csv",
    [
        ["Joint Authorities Group: membership (Task Group minutes, 20 October 2016, item 5)"],
        [],
        ["Agency", "Role", "Start date"],
        ["Hertfordshire Fire and Rescue", "Member", "20/10/2016"],
        ["Hertfordshire County Council", "Member", "20/10/2016"],
        ["Watford Borough Council", "Member", "20/10/2016"],
        ["Watford Community Housing Trust", "Member", "20/10/2016"],
        ["Clinical Commissioning Service", "Member", "20/10/2016"],
        ["Trading Standards", "Member", "20/10/2016"],
        ["The Probation Service", "Member", "20/10/2016"],
        ["Youth Connexions", "Member", "20/10/2016"],
    ],
)

# Watford: attendance at the Task Group of 20 October 2016.
csv_file(
    HERE / "watford-task-group-attendance.csv",
    [
        ["Meeting date", "Group", "Name", "Attendance"],
        ["20 October 2016", "Community Safety Partnership Task Group", "Councillor R Martins", "Present"],
        ["20 October 2016", "Community Safety Partnership Task Group", "Inspector Nick Lillitou", "Present"],
    ],
)

# Watford: the three actions of the Community Protection Plan whose owner and date the
# minutes give. Dates as a tracker holds them: a month typed as text, a real date cell.
workbook(
    HERE / "watford-action-tracker.xlsx",
    "Actions",
    [
        ["Ref", "Action", "Priority", "Lead", "Due date"],
        [
            "demographics-analysis",
            "Hertfordshire County Council analyst to determine the demographics of the Watford community now and over the next four years",
            "Protect our Communities",
            "Hertfordshire County Council",
            "January 2017",
        ],
        [
            "prevent-members-workshop",
            "Prevent awareness workshop for members across the Council",
            "Protect our Communities",
            "Watford Borough Council",
            datetime.date(2016, 12, 8),
        ],
        [
            "ratify-cpp-outcomes",
            "Outcomes of the Community Protection Plan ratified by the One Watford Strategic Partnership",
            None,
            "One Watford Strategic Partnership",
            "March 2017",
        ],
    ],
)

# Wellingborough: the Board as the 2016-17 report describes it, with a title row.
workbook(
    HERE / "wellingborough-board-membership.xlsx",
    "Board",
    [
        ["Wellingborough Community Safety Partnership Board"],
        ["Partner", "Role", "Senior representative"],
        ["John Campbell", "Chair", "Yes"],
        ["Borough Council of Wellingborough", "Member", "Yes"],
        ["Chief Inspector Lara Alexander-Lloyd", "Vice-chair", None],
        ["Northamptonshire Police", None, None],
    ],
)

# Wellingborough: the risk analysis in section 9 of the report, blank cells and all.
workbook(
    HERE / "wellingborough-risk-register.xlsx",
    "Risk analysis",
    [
        ["Ref", "Risk", "Consequence", "Likelihood", "Control measures"],
        [
            "partners-in-isolation",
            "Partners work in isolation",
            "Increased crime and disorder within the Borough.",
            "Medium",
            "Strong leadership and robustness of CSP Board",
        ],
        [
            "resources-duplicated",
            "Resources are duplicated",
            "Best value not achieved",
            None,
            "Ensure project milestones are in place, including interim reports on progress",
        ],
        ["priorities-not-addressed", "Crime priorities are not addressed", None, None, None],
    ],
)

# Broken on purpose: each must be refused with its sheet, row and column, changing nothing.
workbook(
    HERE / "invalid" / "watford-actions-bad-date.xlsx",
    "Actions",
    [
        ["Ref", "Action", "Lead", "Due date"],
        ["maintain-prevent", "Maintain the Prevent strategy", "Watford Borough Council", "31/03/2017"],
        ["protect-vulnerable", "Focusing on the protection of the most vulnerable in our community", "Watford Borough Council", "31/02/2017"],
    ],
)
workbook(
    HERE / "invalid" / "watford-unknown-organisation.xlsx",
    "Members",
    [
        ["Organisation", "Role"],
        ["Hertfordshire Constabulary", "Member"],
        ["Hertfordshire Constabularly", "Member"],
        ["Hertfordshire Ambulance Service", "Member"],
    ],
)
csv_file(
    HERE / "invalid" / "watford-attendance-month-first.csv",
    [
        ["Date", "Group", "Organisation", "Attendance"],
        ["10/20/2016", "task-group", "cllr-martins", "Present"],
    ],
)


# Dorset: the Partnership's meetings of 17 June and 19 December 2019, as a register with ticks
# and letters, a key and a footnote below the table and a line after a gap. Two groups of the
# file are strategy groups, so the test gives --group dcsp.
DORSET_2019 = [
    ("17/06/2019", [
        ("Dorset Council", "P"),
        ("Dorset & Wiltshire Fire and Rescue Authority", "✔"),
        ("Clinical Commissioning Group", "P"),
        ("Community Rehabilitation Company", "✓"),
        ("Dorset Police", "✓"),
        ("National Probation Service", "✓"),
        ("Dorset Police and Crime Commissioner", "P"),
        ("Youth Offending Team", "✓"),
        ("Dorset Domestic Abuse Forum", "✓"),
        ("DAPTC", "P"),
    ]),
    ("19/12/2019", [
        ("Dorset Council", "P"),
        ("Dorset Police", "✓"),
        ("Community Rehabilitation Company", "✓"),
        ("National Probation Service", "P"),
        ("Dorset & Wiltshire Fire and Rescue Authority", "✓"),
        ("Clinical Commissioning Group", "✗"),
        ("Dorset Police and Crime Commissioner", "Apols"),
        ("Youth Offending Team", "✓"),
        ("Dorset Domestic Abuse Forum", "✓"),
        ("DAPTC", "✓"),
    ]),
]
csv_file(
    HERE / "dorset-dcsp-register.csv",
    [["Dorset Community Safety Partnership: attendance register, 2019"], [], ["Date", "Organisation", "Attendance"]]
    + [[date, org, mark] for date, rows in DORSET_2019 for org, mark in rows]
    + [
        ["Key: ✓ or P = present, A or Apols = apologies, ✗ = absent"],
        ["* the Office of the Police and Crime Commissioner sent its apologies to the chair in advance"],
        [],
        ["Register kept by the Community Safety Team; please send corrections to the team"],
    ],
)

# Illustrative, not a record: the marks of a register that records substitutes, for the
# meeting of 16 October 2025, whose minutes record every partner present and no substitutes.
csv_file(
    HERE / "illustrative" / "dorset-dcsp-substitutes.csv",
    [
        ["Illustrative marks for the test of substitutes; the minutes of 16 October 2025 record no substitutes"],
        ["Date", "Organisation", "Attendance"],
        ["16/10/2025", "Dorset Council", "sent sub"],
        ["16/10/2025", "Dorset Police", "Substitute"],
        ["16/10/2025", "NHS Dorset", "rep sent"],
        ["16/10/2025", "National Probation Service", "x"],
        ["16/10/2025", "Dorset & Wiltshire Fire and Rescue Authority", "✘"],
        ["16/10/2025", "Dorset Police and Crime Commissioner", "A"],
        ["16/10/2025", "Youth Offending Team", "Apols"],
        ["16/10/2025", "Dorset Domestic Abuse Forum", "✔"],
    ],
)

# Croydon: the Scrutiny & Overview Committee of 5 March 2019 and who came, by name and
# organisation. `05/03/2019` could be read either way round. Taken from a register for one
# committee, so the test gives --group sc.
CROYDON_2019 = [
    ("Councillor Hamida Ali", "London Borough of Croydon"),
    ("Colin Carswell", "Metropolitan Police Service"),
    ("Dave Stringer", "Metropolitan Police Service"),
    ("Elaine Clancy", "Croydon CCG"),
    ("Lucien Spencer", "London Community Rehabilitation Company"),
    ("Rachel Flowers", "London Borough of Croydon"),
    ("Andy Brown", "Croydon BME Forum"),
]
csv_file(
    HERE / "croydon-scrutiny-register.csv",
    [["Scrutiny & Overview Committee: attendance"], ["Meeting date", "Name", "Organisation", "Attended"]]
    + [["05/03/2019", name, org, "✓"] for name, org in CROYDON_2019],
)

# The same as a workbook whose first sheet is a cover page, its dates Excel dates, with a key
# and a line below the table.
workbook_of(
    HERE / "croydon-scrutiny-workbook.xlsx",
    [
        (
            "Cover",
            [
                ["London Borough of Croydon"],
                ["Scrutiny & Overview Committee"],
                ["Attendance register, 2018/19"],
                [],
                ["Prepared by Democratic Services"],
                ["Contents: Register, Notes"],
            ],
        ),
        (
            "Register",
            [["Scrutiny & Overview Committee: attendance"], [], ["Meeting date", "Name", "Organisation", "Attended"]]
            + [[datetime.date(2019, 3, 5), name, org, "✓"] for name, org in CROYDON_2019]
            + [["Key: ✓ = attended"], [], ["Witnesses for the community safety item are listed with the members."]],
        ),
        ("Notes", [["Witnesses invited for the community safety item are listed with the members."]]),
    ],
)

# Wellingborough: the Board as the 2016-17 report describes it, a person and their
# organisation in separate columns; a seat held by the body itself has no name.
csv_file(
    HERE / "wellingborough-board-named.csv",
    [
        ["Wellingborough Community Safety Partnership Board: members"],
        ["Name", "Organisation", "Role", "Senior representative"],
        ["John Campbell", "Borough Council of Wellingborough", "Chair", "Yes"],
        ["", "Borough Council of Wellingborough", "Member", "Yes"],
        ["Chief Inspector Lara Alexander-Lloyd", "Northamptonshire Police", "Vice-chair", ""],
        ["", "Northamptonshire Police", "", ""],
    ],
)

# Watford: the Community Protection Group, with the kind of each body as the file writes it,
# so that bodies new to the file can be added.
csv_file(
    HERE / "watford-cpg-membership.csv",
    [
        ["Community Protection Group: members (Task Group minutes, 20 October 2016, item 5)"],
        ["Agency", "Type of body", "Group", "Start date"],
        ["Hertfordshire Constabulary", "ChiefOfficerOfPolice", "Community Protection Group", "20/10/2016"],
        ["Hertfordshire Fire and Rescue", "FireAndRescueAuthority", "Community Protection Group", "20/10/2016"],
        ["Street Angels", "VoluntarySector", "Community Protection Group", "20/10/2016"],
        ["Community Mental Health", "Other", "Community Protection Group", "20/10/2016"],
        ["Watford Community Housing Trust", "HousingProvider", "Community Protection Group", "20/10/2016"],
    ],
)

# Broken on purpose, as registers really go wrong.
csv_file(
    HERE / "invalid" / "dorset-register-unknown-mark.csv",
    [
        ["Date", "Organisation", "Attendance"],
        ["19/12/2019", "Dorset Council", "P"],
        ["19/12/2019", "Dorset Police", "Late"],
    ],
)
csv_file(
    HERE / "invalid" / "croydon-person-at-another-organisation.csv",
    [
        ["Meeting date", "Name", "Organisation", "Attended"],
        ["05/03/2019", "Councillor Hamida Ali", "London Borough of Croydon", "✓"],
        ["05/03/2019", "Colin Carswell", "London Borough of Croydon", "✓"],
        ["05/03/2019", "Dave Stringr", "Metropolitan Police Service", "✓"],
    ],
)
# A membership list for the next year that starts Watford Borough Council's seat again while
# the file's seat from 20 October 2016 is still open.
csv_file(
    HERE / "invalid" / "watford-jag-second-seat.csv",
    [
        ["Joint Authorities Group: membership, 2017/18"],
        ["Agency", "Role", "Start date"],
        ["Hertfordshire County Council", "Member", "20/10/2016"],
        ["Watford Borough Council", "Member", "01/04/2017"],
    ],
)
