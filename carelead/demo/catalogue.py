"""The fixed catalogue behind the demo: the organisations of the North East and Yorkshire
region, name lists and the distributions people are drawn from.

Trusts are real, with their real ODS codes. Everything else that is made up (PCNs, GP
practices, adult social care providers, the training provider) uses codes outside the ranges
ODS gives out for those kinds (Z for practices, VZ for care providers) and carries the alias
``SYNTHETIC_ALIAS``, so nobody mistakes it for a real organisation and a later import of real
ODS data cannot collide with it. Segments and CQC ratings are synthetic for every organisation,
the real trusts included.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

#: Everything is dated relative to this day, never today, so reruns give identical data.
REFERENCE_DATE = datetime.date(2026, 11, 1)

REGION_CODE = "Y63"
NATIONAL_BODY_CODE = "X24"  # NHS England, from the organisations reference data
REGULATOR_CODE = "CL-CQC"  # Care Quality Commission, from the organisations reference data
SYNTHETIC_ALIAS = "Synthetic demo organisation"

#: Fallback names, used only when load_reference_data is unavailable.
REGION_NAME = "North East and Yorkshire"
ICB_NAMES = {
    "QHM": "NHS North East and North Cumbria Integrated Care Board",
    "QOQ": "NHS Humber and North Yorkshire Integrated Care Board",
    "QWO": "NHS West Yorkshire Integrated Care Board",
    "QF7": "NHS South Yorkshire Integrated Care Board",
}
NATIONAL_NAMES = {NATIONAL_BODY_CODE: "NHS England", REGULATOR_CODE: "Care Quality Commission"}

#: The people code lists, read directly only when load_reference_data cannot run.
PEOPLE_DATA_DIR = Path(__file__).resolve().parent.parent / "people" / "data"

#: People are only ever written in this range of person numbers: 9 and seven digits.
PERSON_NUMBER_BASE = 90_000_000
PERSON_NUMBER_REGEX = r"^9[0-9]{7}$"


@dataclass(frozen=True)
class Trust:
    ods_code: str
    name: str
    icb: str
    foundation: bool
    #: Headcount in a 5,000-person seed; scaled for other sizes.
    weight: int


TRUSTS = [
    Trust("RR8", "Leeds Teaching Hospitals NHS Trust", "QWO", False, 430),
    Trust("RXF", "Mid Yorkshire Teaching NHS Trust", "QWO", False, 240),
    Trust("RAE", "Bradford Teaching Hospitals NHS Foundation Trust", "QWO", True, 160),
    Trust("RWY", "Calderdale and Huddersfield NHS Foundation Trust", "QWO", True, 170),
    Trust("RCF", "Airedale NHS Foundation Trust", "QWO", True, 80),
    Trust("RGD", "Leeds and York Partnership NHS Foundation Trust", "QWO", True, 100),
    Trust("RHQ", "Sheffield Teaching Hospitals NHS Foundation Trust", "QF7", True, 380),
    Trust("RFF", "Barnsley Hospital NHS Foundation Trust", "QF7", True, 110),
    Trust(
        "RP5", "Doncaster and Bassetlaw Teaching Hospitals NHS Foundation Trust", "QF7", True, 180
    ),
    Trust("RFR", "The Rotherham NHS Foundation Trust", "QF7", True, 120),
    Trust("RTD", "The Newcastle upon Tyne Hospitals NHS Foundation Trust", "QHM", True, 380),
    Trust("RTR", "South Tees Hospitals NHS Foundation Trust", "QHM", True, 230),
    Trust("R0B", "South Tyneside and Sunderland NHS Foundation Trust", "QHM", True, 190),
    Trust("RTF", "Northumbria Healthcare NHS Foundation Trust", "QHM", True, 190),
    Trust("RWA", "Hull University Teaching Hospitals NHS Trust", "QOQ", False, 260),
    Trust("RCB", "York and Scarborough Teaching Hospitals NHS Foundation Trust", "QOQ", True, 240),
    Trust("RCD", "Harrogate and District NHS Foundation Trust", "QOQ", True, 80),
]

#: Two synthetic primary care networks per ICB; five practices in each.
PCNS = [
    ("U90101", "Aire Riverside PCN", "QWO"),
    ("U90102", "Calder Moor PCN", "QWO"),
    ("U90201", "Don Valley North PCN", "QF7"),
    ("U90202", "Sheaf Central PCN", "QF7"),
    ("U90301", "Tyne Bridge PCN", "QHM"),
    ("U90302", "Wear Coast PCN", "QHM"),
    ("U90401", "Ouse and Derwent PCN", "QOQ"),
    ("U90402", "Holderness Coast PCN", "QOQ"),
]
PRACTICES_PER_PCN = 5
# fmt: off
PRACTICE_PLACES = [
    "Hollin Bank", "Kestrel Lane", "Beckside", "Moorfield", "Ashgrove", "Brookside", "Elmwood",
    "Fernlea", "Larkspur", "Millbeck", "Oakwood", "Riverside", "Stonegate", "Thornbury",
    "Westcliffe", "Hawksworth", "Low Fold", "Cragside", "Burnside", "Greystones", "Highfield",
    "Linthorpe Road", "Marsh Lane", "Northgate", "Parkview", "Quarry Hill", "Rosemount", "Saltwell",
    "Tanfield", "Upper Green", "Victoria Park", "Wharfe View", "Yewtree", "Kirkgate", "Coniston",
    "Denholme", "Eastfield", "Fairway", "Glenroyd", "Heathfield",
]
# fmt: on
# fmt: off
PRACTICE_FORMS = [
    "{} Surgery", "{} Medical Practice", "{} Health Centre", "The {} Practice", "{} Family Doctors",
    "{} Medical Centre",
]
# fmt: on

ASC_PROVIDER_COUNT = 30
# fmt: off
ASC_PLACES = [
    "Beech", "Heather", "Willow", "Primrose", "Rowan", "Linden", "Bramble", "Kingfisher",
    "Sycamore", "Bluebell", "Hawthorn", "Juniper", "Lavender", "Maple", "Oak Tree", "Pennine",
    "Dales", "Moorland", "Harbour View", "Cedar", "Holly", "Ivy", "Alder", "Birch", "Foxglove",
    "Meadow", "Orchard", "Swallow", "Thistle", "Wren",
]
# fmt: on
# fmt: off
ASC_FORMS = [
    "{} Care Home", "{} House", "{} Lodge Nursing Home", "{} Home Care", "{} Court",
    "{} Homecare Services", "{} Supported Living",
]
# fmt: on
ASC_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXY"

#: Real councils, identified by their ONS (GSS) codes: local authorities have no ODS code of
#: the kind trusts do.
LOCAL_AUTHORITIES = [
    ("E08000035", "Leeds City Council", "QWO"),
    ("E08000039", "Sheffield City Council", "QF7"),
]
TRAINING_PROVIDER = ("TPY6301", "Northern Leadership Academy")

#: Headcount targets in a 5,000-person seed for the other employers.
WEIGHT_ICB = 40
WEIGHT_PCN = 6
WEIGHT_PRACTICE = 8
WEIGHT_ASC = 16
WEIGHT_LOCAL_AUTHORITY = 80
WEIGHT_TRAINING_PROVIDER = 15
WEIGHT_REGION = 20
WEIGHT_NATIONAL = 10
WEIGHT_REGULATOR = 12

#: NOF segmentation publication dates (quarterly from the first league tables).
SEGMENT_DATES = [
    datetime.date(2025, 9, 9),
    datetime.date(2025, 12, 11),
    datetime.date(2026, 3, 12),
    datetime.date(2026, 6, 11),
    datetime.date(2026, 9, 10),
]
SEGMENT_SOURCE = "Synthetic demo data (not the published segmentation)"

CQC_RATINGS = [
    ("outstanding", 8),
    ("good", 60),
    ("requires_improvement", 25),
    ("inadequate", 7),
]

# fmt: off
GIVEN_NAMES = [
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Emily", "Jessica", "Hannah",
    "Charlotte", "Lucy", "Rebecca", "Laura", "Sarah", "Rachel", "Claire", "Emma", "Helen", "Joanne",
    "Nicola", "Karen", "Julie", "Michelle", "Lisa", "Gemma", "Kirsty", "Natalie", "Amy", "Chloe",
    "Megan", "Ellie", "Zara", "Aisha", "Fatima", "Amina", "Priya", "Anjali", "Sana", "Noor",
    "Maryam", "Ngozi", "Chiamaka", "Adaeze", "Abena", "Blessing", "Grace", "Maria", "Ana", "Joy",
    "Marisol", "Agnieszka", "Katarzyna", "Siobhan", "Aoife", "Mei", "Oliver", "George", "Harry",
    "Jack", "Jacob", "Thomas", "James", "William", "Daniel", "Matthew", "David", "Michael", "Paul",
    "Mark", "Andrew", "Richard", "Stephen", "Peter", "Christopher", "Simon", "Gareth", "Liam",
    "Connor", "Ryan", "Adam", "Luke", "Sam", "Ben", "Mohammed", "Ali", "Imran", "Hamza", "Bilal",
    "Arjun", "Rohan", "Sanjay", "Vikram", "Chinedu", "Emeka", "Kwame", "Kofi", "Tunde", "Oluwaseun",
    "Jose", "Mark Anthony", "Piotr", "Tomasz", "Ciaran", "Wei", "Kieran", "Nathan", "Joseph",
    "Owen", "Alex",
]
# fmt: on
# fmt: off
FAMILY_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
    "Clarke", "Hughes", "Turner", "Hill", "Moore", "Harrison", "Lee", "Cooper", "Ward", "Morris",
    "King", "Watson", "Baker", "Atkinson", "Holmes", "Armitage", "Sutcliffe", "Barraclough",
    "Ackroyd", "Hepworth", "Crowther", "Illingworth", "Dobson", "Milburn", "Charlton", "Robson",
    "Elliott", "Dodds", "Forster", "Bell", "Scott", "Henderson", "Richardson", "Kelly", "Murphy",
    "O'Brien", "Byrne", "Khan", "Hussain", "Ahmed", "Ali", "Shah", "Patel", "Begum", "Iqbal",
    "Akhtar", "Mahmood", "Singh", "Kaur", "Sharma", "Gupta", "Chowdhury", "Rahman", "Okafor",
    "Adeyemi", "Mensah", "Owusu", "Okonkwo", "Adebayo", "Boateng", "Nwosu", "Santos", "Reyes",
    "Cruz", "Garcia", "Fernandes", "Kowalski", "Nowak", "Wisniewski", "Chen", "Wang", "Li",
    "Nguyen", "Campbell", "Stewart", "Morrison", "Fraser", "Lloyd", "Price", "Jenkins", "Pearson",
    "Marshall", "Shaw",
]
# fmt: on

#: NHS Data Dictionary ethnic category, weighted roughly like the region's NHS workforce,
#: with the matching 2021 census code for the same answer.
# fmt: off
ETHNIC_CATEGORY = [
    ("A", 70.0), ("B", 1.0), ("C", 6.0), ("D", 0.6), ("E", 0.4), ("F", 0.6), ("G", 0.6), ("H", 3.5),
    ("J", 3.5), ("K", 0.4), ("L", 1.5), ("M", 0.6), ("N", 3.5), ("P", 0.4), ("R", 0.5), ("S", 1.2),
    ("Z", 4.5), ("99", 1.7),
]
# fmt: on
# fmt: off
ETHNIC_TO_2021 = {
    "A": "W1", "B": "W2", "C": "W5", "D": "M1", "E": "M2", "F": "M3", "G": "M4", "H": "A1",
    "J": "A2", "K": "A3", "L": "A5", "M": "B1", "N": "B2", "P": "B3", "R": "A4", "S": "O2",
    "Z": "PNS", "99": "",
}
# fmt: on
# fmt: off
EQUALITY_WEIGHTS = {
    "sex": [
        ("F", 76.0), ("M", 22.0), ("PNS", 2.0),
    ],
    "gender_identity": [
        ("Y", 93.0), ("N", 0.6), ("PNS", 6.4),
    ],
    "disability": [
        ("N", 82.0), ("Y", 6.5), ("PNS", 11.5),
    ],
    "sexual_orientation": [
        ("1", 82.0), ("2", 2.2), ("3", 1.8), ("4", 0.4), ("U", 0.8), ("Z", 12.8),
    ],
    "religion": [
        ("CHR", 44.0), ("ATH", 31.0), ("ISL", 6.5), ("HIN", 1.8), ("SIK", 0.9), ("BUD", 0.5),
        ("JUD", 0.2), ("JAI", 0.1), ("OTH", 2.0), ("PNS", 13.0),
    ],
}
# fmt: on
#: Share of people with an equality record, and of questions left unanswered in one.
EQUALITY_RECORD_SHARE = 0.85
EQUALITY_BLANK_SHARE = 0.04
#: Share of people who moved employer: an ended employment before the current one.
MOVER_SHARE = 0.05
MANAGER_SHARE = 0.07
