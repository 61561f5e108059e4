#!/usr/bin/env python3
"""Writes an SQLite store with the real Python `eventsourcing` library (pip install eventsourcing
pycryptodome, in a venv): bank accounts with decimal money, snapshots every 5 versions, and a
downstream process application whose `tracking` row lags behind the log.

    python make-eventsourcing-store.py OUT.sqlite [--accounts N] [--seed S] [--zlib] [--cipher-key KEY]
                                       [--expected OUT.json]

--zlib compresses each event's state; --cipher-key (base64 of 16, 24 or 32 bytes) encrypts it with
AES-GCM. --expected writes the library's own `repository.get(id, version=N)` for every account and
every version, as JSON (decimals as "decimal:TEXT", datetimes as "datetime:ISO", UUIDs as
"uuid:TEXT"), so evx's tests can compare its replays without Python.
"""
import argparse
import json
import os
import random
import sqlite3
import sys
import types
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--accounts", type=int, default=12)
parser.add_argument("--seed", type=int, default=7)
parser.add_argument("--zlib", action="store_true")
parser.add_argument("--cipher-key")
parser.add_argument("--expected")
args = parser.parse_args()

if os.path.exists(args.out):
    sys.exit(f"{args.out} exists; remove it first")
os.environ["PERSISTENCE_MODULE"] = "eventsourcing.sqlite"
os.environ["SQLITE_DBNAME"] = args.out
if args.zlib:
    os.environ["COMPRESSOR_TOPIC"] = "eventsourcing.compressor:ZlibCompressor"
if args.cipher_key:
    os.environ["CIPHER_TOPIC"] = "eventsourcing.cipher:AESCipher"
    os.environ["CIPHER_KEY"] = args.cipher_key

# The domain lives in a module named `bank`, so topics read `bank:Account.Opened` as in a real
# application (a script's own classes would be `__main__:...`).
BANK_MODULE = """
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.system import ProcessApplication


# Account ids come from this generator (set by the script), so a seed makes the same store.
ID_RANDOM = None


class Account(Aggregate):
    @staticmethod
    def create_id(*arguments, **keywords):
        return UUID(int=ID_RANDOM.getrandbits(128), version=4)

    @event("Opened")
    def __init__(self, owner: str, currency: str, overdraft_limit: Decimal):
        self.owner = owner
        self.currency = currency
        self.overdraft_limit = overdraft_limit
        self.balance = Decimal("0.00")
        self.status = "open"
        self.deposits = 0
        self.withdrawals = 0

    @event("Deposited")
    def deposit(self, amount: Decimal):
        self.balance += amount
        self.deposits += 1

    @event("Withdrawn")
    def withdraw(self, amount: Decimal):
        self.balance -= amount
        self.withdrawals += 1

    @event("TransferSent")
    def send_transfer(self, to_account: UUID, amount: Decimal):
        self.balance -= amount
        self.last_transfer_to = to_account

    @event("Frozen")
    def freeze(self, reason: str, review_on: datetime):
        self.status = "frozen"
        self.frozen_because = reason
        self.review_on = review_on

    @event("Closed")
    def close(self):
        self.status = "closed"


class Bank(Application):
    snapshotting_intervals = {Account: 5}

    def open(self, owner, currency, limit):
        account = Account(owner, currency, limit)
        self.save(account)
        return account.id

    def act(self, account_id, action, *arguments):
        account = self.repository.get(account_id)
        getattr(account, action)(*arguments)
        self.save(account)


class Statements(ProcessApplication):
    # A downstream reader: it only records how far it has read (its `tracking` row).

    def policy(self, domain_event, processing_event):
        pass
"""
bank = types.ModuleType("bank")
sys.modules["bank"] = bank
exec(BANK_MODULE, bank.__dict__)  # noqa: S102  (our own source, above)
Bank, Statements = bank.Bank, bank.Statements

from eventsourcing.system import SingleThreadedRunner, System  # noqa: E402  (after the environment is set)


def money(rng, low, high):
    return Decimal(rng.randrange(low * 100, high * 100)) / Decimal(100)


def play(bank, rng, accounts, steps):
    owners = ["Ada", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tony", "Leslie"]
    ids = list(accounts)
    while len(ids) < args.accounts and len(ids) < steps:
        ids.append(bank.open(rng.choice(owners), rng.choice(["EUR", "GBP"]), money(rng, 0, 200)))
    for _ in range(steps):
        account_id = rng.choice(ids)
        account = bank.repository.get(account_id)
        if account.status != "open":
            continue
        roll = rng.random()
        if roll < 0.45:
            bank.act(account_id, "deposit", money(rng, 1, 500))
        elif roll < 0.8:
            bank.act(account_id, "withdraw", money(rng, 1, 120))
        elif roll < 0.92:
            bank.act(account_id, "send_transfer", rng.choice(ids), money(rng, 1, 60))
        elif roll < 0.97:
            review = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc) + timedelta(days=rng.randrange(30))
            bank.act(account_id, "freeze", "unusual activity", review)
        else:
            bank.act(account_id, "close")
    return ids


rng = random.Random(args.seed)
bank.ID_RANDOM = random.Random(args.seed + 1000)
# Processed by the downstream application, then more events it has not read yet.
runner = SingleThreadedRunner(System(pipes=[[Bank, Statements]]))
runner.start()
ids = play(runner.get(Bank), rng, [], args.accounts * 6)
runner.stop()
bank = Bank()
ids = play(bank, rng, ids, args.accounts * 2)


def plain(value):
    if isinstance(value, Decimal):
        return "decimal:" + str(value)
    if isinstance(value, datetime):
        return "datetime:" + value.isoformat()
    if isinstance(value, UUID):
        return "uuid:" + str(value)
    return value


if args.expected:
    expected = []
    for account_id in ids:
        latest = bank.repository.get(account_id)
        for version in range(1, latest.version + 1):
            account = bank.repository.get(account_id, version=version)
            state = {key: plain(value) for key, value in vars(account).items() if key != "_pending_events"}
            expected.append({"stream": account_id.hex, "version": version, "state": state})
    with open(args.expected, "w") as out:
        json.dump(expected, out, indent=1, sort_keys=True)
        out.write("\n")
count = bank.recorder.max_notification_id()
# The library leaves the file in WAL mode; a file to hand around is better without its -wal and
# -shm companions (a reader of a WAL file needs a -shm beside it).
del bank, runner
with sqlite3.connect(args.out) as connection:
    connection.execute("PRAGMA journal_mode=DELETE")
connection.close()
print(f"{args.out}: {len(ids)} accounts, {count} events")
