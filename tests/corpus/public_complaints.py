"""A public complaints portal (CFPB-style consumer complaint database) export, English
headers and values, read through a mapping file.

Its columns follow the US consumer complaint database (Date received, Product, Issue,
…, Complaint ID last); 'Company response to consumer' is the ticket's status in words no
importer should guess ('Closed with explanation'), so the mapping file maps the values,
ignores the columns no field holds and fixes the hall (the portal knows no halls).
Dates: 'Nov 03, 2026' and '04-Nov-26'.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ._common import Check, FileExpect, Sheet, columns, header_words, text_bytes, write as write_bytes

FILE = "complaints_public_portal_export.csv"
MAPPING = "complaints_public_portal.toml"
HALL = "075501"

HEADERS = [
    ("Date received", "received_at"), ("Product", None), ("Sub-product", None), ("Issue", "category"),
    ("Sub-issue", "sub_category"), ("Consumer complaint narrative", "description"), ("Company public response", None),
    ("Company", None), ("State", None), ("ZIP code", None), ("Tags", None), ("Consumer consent provided?", None),
    ("Submitted via", "channel"), ("Date sent to company", None), ("Company response to consumer", "status"),
    ("Timely response?", None), ("Consumer disputed?", None), ("Complaint ID", "ticket_id"),
]
STATUS = {
    "Closed with explanation": "resolved", "Closed with monetary relief": "resolved",
    "Closed with non-monetary relief": "resolved", "In progress": "open", "Untimely response": "open",
    "Closed": "closed",
}
_CO = "China Mobile Guangdong (Shenzhen Huaqiangbei)"
ROWS = [
    ["Nov 03, 2026", "Mobile service", "Prepaid plan", "Billing dispute", "Charged after cancellation",
     "I cancelled my data add-on in the store but was charged again this month.", "", _CO, "GD", "518000", "",
     "Consent provided", "Web", "Nov 03, 2026", "Closed with explanation", "Yes", "No", "CP-3340001"],
    ["04-Nov-26", "Mobile service", "Postpaid plan", "Customer service", "Rude or unhelpful staff",
     "The clerk refused to explain the contract terms.", "", _CO, "GD", "518000", "", "Consent provided", "Phone",
     "04-Nov-26", "Closed with monetary relief", "Yes", "N/A", "CP-3340002"],
    ["Nov 10, 2026", "Mobile device", "Smartphone", "Defective product", "Device stopped working",
     "New phone bought in the hall stopped charging after two days.", "", _CO, "GD", "518031", "",
     "Consent not provided", "Web", "Nov 10, 2026", "In progress", "Yes", "N/A", "CP-3340003"],
    ["12-Nov-26", "Mobile service", "Number porting", "Porting out", "Port-out blocked",
     "", "", _CO, "GD", "518000", "Older American", "Consent not provided", "Referral", "12-Nov-26",
     "Closed with non-monetary relief", "Yes", "No", "CP-3340004"],
    ["Nov 18, 2026", "Home broadband", "Fiber", "Installation", "Missed appointment",
     "Installer never came on the booked day.", "", _CO, "GD", "518040", "", "Consent provided", "Web",
     "Nov 19, 2026", "Untimely response", "No", "N/A", "CP-3340005"],
    ["22-Nov-26", "Mobile service", "Prepaid plan", "Billing dispute", "Unexpected roaming charge",
     "Roaming was switched on without my request.", "", _CO, "GD", "518000", "", "Consent provided", "Web",
     "22-Nov-26", "Closed", "Yes", "No", "CP-3340006"],
]


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mapping_text() -> str:
    lines = ['dataset = "complaints"', "", "[columns]"]
    lines += [f"{_toml_str(h)} = {_toml_str(f or '')}" for h, f in HEADERS]
    lines += ["", "[values.status]"] + [f"{_toml_str(k)} = {_toml_str(v)}" for k, v in STATUS.items()]
    lines += ["", "[constants]", f"hall_code = {_toml_str(HALL)}", ""]
    return "\n".join(lines)


def write(directory: Path) -> list[Path]:
    data = text_bytes([header_words(HEADERS), *ROWS], encoding="utf-8", newline="\n")
    csv_path = write_bytes(directory / FILE, data)
    toml_path = directory / MAPPING
    toml_path.write_text(mapping_text(), encoding="utf-8")
    return [csv_path, toml_path]


EXPECTED = [
    FileExpect(
        system="public_complaints", name=FILE, run="mapping", mapping=MAPPING, counts_in_rate=False,
        exercises="English CFPB-like export through a TOML mapping: [columns], [values.status] and "
                  "[constants] hall_code; 'Nov 03, 2026' / '04-Nov-26' dates",
        sheets=[Sheet(None, "complaints", columns(HEADERS), accepted=6, rejected=0)],
        text=("utf-8", ","),
        checks=[
            Check("complaints", "CP-3340001", {"received_at": datetime(2026, 11, 3), "category": "Billing dispute",
                                               "sub_category": "Charged after cancellation", "channel": "Web",
                                               "status": "resolved", "hall_code": HALL}),
            Check("complaints", "CP-3340002", {"received_at": datetime(2026, 11, 4), "status": "resolved",
                                               "channel": "Phone"}),
            Check("complaints", "CP-3340003", {"received_at": datetime(2026, 11, 10), "status": "open",
                                               "hall_code": HALL}),
            Check("complaints", "CP-3340005", {"received_at": datetime(2026, 11, 18), "status": "open"}),
            Check("complaints", "CP-3340006", {"received_at": datetime(2026, 11, 22), "status": "closed",
                                               "description": "Roaming was switched on without my request."}),
        ],
    )
]
