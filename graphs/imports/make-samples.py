"""Writes the sample spreadsheets in this folder.

The spreadsheets hold facts already in the seed partnerships (graphs/partnerships/), laid out
the way officers keep them, so that the import can be tested against the hand-written facts.
The workbooks are committed; this script is how they were made (`pip install openpyxl`, then
`python3 graphs/imports/make-samples.py` from the top of the repository). It is not run by
the tests.
"""

import csv
import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent


def workbook(path, sheet, rows, date_format="dd/mm/yyyy"):
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = date_format
    # Fixed metadata, so that rerunning the script writes the same bytes.
    stamp = datetime.datetime(2026, 11, 22)
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = "scrutineer samples"
    book.save(path)


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
