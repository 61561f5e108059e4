#!/usr/bin/env python3
"""Writes the benchmark corpus of store shapes besides `evx generate`'s (docs/benchmarks.md).

Usage: shapes.py DIR [SHAPE...]   (default: every shape)

Each shape is written twice with the same events, as SHAPE.sqlite (the native format) and
SHAPE.jsonl (no stream_type field when the shape's stream type is the derived one), with its rules
file SHAPE.evx.yaml beside both. Deterministic: the same seed gives the same bytes.
"""
import json
import os
import random
import sqlite3
import sys

START = 1_767_600_000  # 2026-01-05T08:00:00Z


def iso(seconds):
    """The native time text, e.g. 2026-01-05T08:00:00.123Z."""
    whole = int(seconds)
    millis = int(round((seconds - whole) * 1000)) % 1000
    days, rest = divmod(whole, 86400)
    # civil date from days since the epoch (H. Hinnant's algorithm)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    y = yoe + era * 400 + (1 if m <= 2 else 0)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (y, m, d, rest // 3600, rest // 60 % 60, rest % 60, millis)


# Each generator yields (stream, stream_type or None for the derived one, type, data dict, seconds).

PROCESS_TYPES = ["A_SUBMITTED", "A_PARTLYSUBMITTED", "A_PREACCEPTED", "W_Completeren aanvraag", "A_ACCEPTED",
                 "O_SELECTED", "A_FINALIZED", "O_CREATED", "O_SENT", "W_Nabellen offertes", "O_SENT_BACK",
                 "W_Valideren aanvraag", "A_REGISTERED", "A_APPROVED", "O_ACCEPTED", "A_ACTIVATED", "O_CANCELLED",
                 "W_Afhandelen leads", "A_DECLINED", "A_CANCELLED", "O_DECLINED", "W_Beoordelen fraude",
                 "W_Wijzigen contractgegevens", "W_Nabellen incomplete dossiers"]


def process(cases, rng):
    """A process-mining log: short cases with numeric ids, two dozen activity types, cases overlapping in time."""
    events = []
    for case in range(cases):
        case_id = 173688 + case * 3
        start = START + case * 1500 + rng.random() * 600
        length = max(3, int(rng.gauss(20, 8)))
        t = start
        amount = rng.choice([5000, 7500, 10000, 15000, 20000, 25000, 40000])
        for step in range(length):
            if step == 0:
                kind = "A_SUBMITTED"
            elif step == length - 1:
                kind = rng.choice(["A_DECLINED", "A_CANCELLED", "A_ACTIVATED", "A_APPROVED"])
            else:
                kind = PROCESS_TYPES[1 + int(rng.random() ** 1.5 * 23)]
            data = {"resource": "R%d" % rng.randrange(60), "lifecycle": "complete"}
            if step == 0:
                data["amount"] = amount
            events.append((t, case_id, kind, data))
            t += rng.expovariate(1 / 7200)
    events.sort(key=lambda e: e[0])
    for t, case_id, kind, data in events:
        yield case_id, None, kind, data, t


def one_stream(count, rng):
    """One stream holding every event: a ledger."""
    kinds = ["Deposited", "Withdrawn", "Deposited", "FeeCharged", "InterestPaid", "Frozen", "Unfrozen"]
    for i in range(count):
        kind = kinds[i % 7] if i else "Opened"
        yield "ledger-1", "Ledger", kind, {"amount": round(rng.random() * 500, 2), "currency": rng.choice(["EUR", "USD", "GBP"]),
                                           "status": "frozen" if kind == "Frozen" else "active"}, START + i * 0.25


def stream_types(count, rng, kinds=20_000, streams_per_kind=5):
    """20k stream types, each with a few streams."""
    types = ["Created", "Updated", "Renamed", "Archived"]
    versions = {}
    for i in range(count):
        kind = rng.randrange(kinds)
        stream = "t%d-%d" % (kind, rng.randrange(streams_per_kind))
        n = versions.get(stream, 0)
        versions[stream] = n + 1
        yield stream, "Type%d" % kind, types[0] if n == 0 else rng.choice(types[1:]), \
            {"name": "n%d" % rng.randrange(1000), "amount": rng.randrange(100), "status": rng.choice(["a", "b", "c"])}, START + i * 0.25


def event_types(count, rng, kinds=500):
    """500 event types over 50k streams."""
    for i in range(count):
        yield "item-%d" % rng.randrange(50_000), "Item", "Event%03d" % int(rng.random() ** 2 * kinds), \
            {"amount": rng.randrange(1000), "region": rng.choice(["north", "south", "east", "west"])}, START + i * 0.25


def big_payloads(count, rng):
    """10 KB payloads: a document per event, with a few fields rules read."""
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    for i in range(count):
        body = " ".join(rng.choice(words) for _ in range(1200))[:10_000]
        yield "doc-%d" % rng.randrange(10_000), "Document", rng.choice(["Drafted", "Revised", "Published"]), \
            {"region": rng.choice(["north", "south"]), "amount": rng.randrange(100), "body": body, "status": "draft"}, START + i * 0.25


def unordered(count, rng):
    """Times that go back and forth: positions are commit order, times are the clients' clocks."""
    for i in range(count):
        yield "order-%d" % rng.randrange(count // 5), "Order", rng.choice(["OrderCreated", "PaymentReceived", "OrderShipped"]), \
            {"amount": rng.randrange(1, 500), "status": "x"}, START + i * 0.25 + rng.uniform(-7200, 7200)


def deep(count, rng, depth=64):
    """Payloads nested 64 levels deep, with the value rules read at the bottom."""
    for i in range(count):
        node = {"amount": rng.randrange(100), "region": rng.choice(["north", "south", "east"])}
        for level in range(depth):
            node = {"l": node, "pad%d" % (level % 4): level}
        yield "tree-%d" % rng.randrange(20_000), "Tree", rng.choice(["Grown", "Pruned"]), node, START + i * 0.25


DEEP_PATH = ".".join(["l"] * 64)

RULES = {
    "process": """
aggregates:
  Application:
    streams: "*"
    initial: {status: open}
    on:
      A_SUBMITTED: {set: {status: submitted, amount: $data.amount}}
      A_APPROVED: {set: {status: approved}}
      A_ACTIVATED: {set: {status: active}}
      A_DECLINED: {set: {status: declined}}
      A_CANCELLED: {set: {status: cancelled}}
    otherwise: ignore
projections:
  applications: {count: Application}
  applications_by_status: {count: Application, by: status}
  events_per_type: {count: events, by: $type}
  requested: {sum: $data.amount, where: {type: [A_SUBMITTED]}}
  offers_by_resource: {count: events, by: $data.resource, where: {type: [O_CREATED, O_SENT, O_ACCEPTED]}}
""",
    "one-stream": """
aggregates:
  Ledger:
    streams: "ledger-*"
    initial: {balance: 0, status: active}
    on:
      Deposited: {add: {balance: $data.amount}}
      Withdrawn: {subtract: {balance: $data.amount}}
      Frozen: {set: {status: frozen}}
      Unfrozen: {set: {status: active}}
    otherwise: merge
projections:
  ledgers_by_status: {count: Ledger, by: status}
  deposits: {sum: $data.amount, where: {type: Deposited}}
  average_by_currency: {avg: $data.amount, by: $data.currency}
  events_per_type: {count: events, by: $type}
""",
    "stream-types": """
aggregates:
  Thing:
    streams: "t*"
    initial: {status: new}
    on:
      Archived: {set: {status: archived}}
    otherwise: merge
projections:
  things_by_status: {count: Thing, by: status}
  events_per_stream_type: {count: events, by: $stream_type}
  events_per_type: {count: events, by: $type}
  renamed_amount: {sum: $data.amount, where: {type: [Renamed], stream_type: [Type1, Type2, Type3]}}
""",
    "event-types": """
aggregates:
  Item:
    initial: {region: none}
    on:
      Event000: {set: {region: $data.region}}
      Event001: {set: {region: moved}}
    otherwise: ignore
projections:
  items_by_region: {count: Item, by: region}
  events_per_type: {count: events, by: $type}
  amount_of_some: {sum: $data.amount, where: {type: [Event000, Event010, Event100, Event200, Event300, Event400, Event499]}}
  max_by_region: {max: $data.amount, by: $data.region}
""",
    "big-payloads": """
aggregates:
  Document:
    initial: {status: none}
    on:
      Published: {set: {status: published}}
    otherwise: merge
projections:
  documents_by_status: {count: Document, by: status}
  events_per_type: {count: events, by: $type}
  amount_by_region: {sum: $data.amount, by: $data.region}
""",
    "unordered": """
aggregates:
  Order:
    streams: "order-*"
    initial: {status: NEW, paid: 0}
    on:
      OrderCreated: {set: {status: CREATED}}
      PaymentReceived: {add: {paid: $data.amount}}
      OrderShipped: {set: {status: SHIPPED}}
projections:
  orders_by_status: {count: Order, by: status}
  revenue: {sum: $data.amount, where: {type: PaymentReceived}}
  events_per_type: {count: events, by: $type}
""",
    "deep": """
aggregates:
  Tree:
    initial: {}
    on:
      Pruned: {set: {region: $data.%(p)s.region}}
    otherwise: ignore
projections:
  trees_by_region: {count: Tree, by: region}
  amount: {sum: $data.%(p)s.amount}
  by_region: {count: events, by: $data.%(p)s.region}
""" % {"p": DEEP_PATH},
}

SHAPES = {
    "process": lambda rng: process(13_087, rng),
    "process-1m": lambda rng: process(50_000, rng),
    "one-stream": lambda rng: one_stream(1_000_000, rng),
    "stream-types": lambda rng: stream_types(1_000_000, rng),
    "event-types": lambda rng: event_types(1_000_000, rng),
    "big-payloads": lambda rng: big_payloads(100_000, rng),
    "unordered": lambda rng: unordered(1_000_000, rng),
    "deep": lambda rng: deep(200_000, rng),
}

SCHEMA = """
CREATE TABLE events (
  position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
  stream_type TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL,
  schema_version INTEGER NOT NULL DEFAULT 1, data TEXT NOT NULL, metadata TEXT NOT NULL DEFAULT '{}',
  recorded_at TEXT NOT NULL, UNIQUE (stream_id, version));
"""


def derived_type(stream):
    """What evx derives for a JSON Lines line without a stream type: the id's part before '-'."""
    text = str(stream)
    dash = text.find("-")
    return text if dash <= 0 else text[:dash]


def write(directory, name):
    generator = SHAPES[name]
    rng = random.Random(name)
    base = os.path.join(directory, name)
    for suffix in (".sqlite", ".jsonl", ".sqlite.tmp"):
        if os.path.exists(base + suffix):
            os.remove(base + suffix)
    db = sqlite3.connect(base + ".sqlite.tmp")
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    versions = {}
    rows = []
    with open(base + ".jsonl", "w") as jsonl:
        for position, (stream, stream_type, kind, data, seconds) in enumerate(generator(rng), start=1):
            version = versions.get(stream, 0) + 1
            versions[stream] = version
            payload = json.dumps(data, separators=(",", ":"))
            time = iso(seconds)
            event_id = "%08x-%04x-4000-8000-%012x" % (position, version % 65536, rng.getrandbits(48))
            line = '{"position":%d,"id":"%s","stream":%s,%s"type":%s,"version":%d,"data":%s,"metadata":{},"time":"%s"}\n' % (
                position, event_id, json.dumps(stream), "" if stream_type is None else '"stream_type":%s,' % json.dumps(stream_type),
                json.dumps(kind), version, payload, time)
            jsonl.write(line)
            rows.append((position, event_id, str(stream), stream_type or derived_type(stream), version, kind, payload, time))
            if len(rows) == 50_000:
                db.executemany("INSERT INTO events (position, event_id, stream_id, stream_type, version, type, data, recorded_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
                rows = []
    db.executemany("INSERT INTO events (position, event_id, stream_id, stream_type, version, type, data, recorded_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    os.rename(base + ".sqlite.tmp", base + ".sqlite")
    with open(base + ".evx.yaml", "w") as rules:
        rules.write("# Rules for the %s benchmark shape (Tests/Benchmarks/shapes.py).\n" % name + RULES[name.replace("-1m", "")].lstrip())
    print("%s: %d events, %d streams" % (name, position, len(versions)))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    for name in sys.argv[2:] or SHAPES:
        if name not in SHAPES:
            sys.exit("unknown shape %s (known: %s)" % (name, ", ".join(SHAPES)))
        write(directory, name)


if __name__ == "__main__":
    main()
