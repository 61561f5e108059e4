#!/usr/bin/env python3
"""Writes a Python eventsourcing application into PostgreSQL with the real library (pip install
"eventsourcing[postgres]" in a venv), for evx's tests: bank accounts opened, with deposits in
decimal money, saved by a `Bank` application (tables `bank_events` and `bank_snapshots`), and a
snapshot of the first account. Prints what the library itself reads back, one JSON object per
event in notification order: {"position", "stream", "version", "topic"}.

    python make-postgres-store.py --host H --port P --user U --password W --dbname D [--accounts N]
"""
import argparse
import json
import os
from decimal import Decimal

parser = argparse.ArgumentParser()
for name in ["host", "port", "user", "password", "dbname"]:
    parser.add_argument(f"--{name}", required=True)
parser.add_argument("--accounts", type=int, default=4)
args = parser.parse_args()
os.environ.update(
    PERSISTENCE_MODULE="eventsourcing.postgres", POSTGRES_HOST=args.host, POSTGRES_PORT=args.port,
    POSTGRES_USER=args.user, POSTGRES_PASSWORD=args.password, POSTGRES_DBNAME=args.dbname, CREATE_TABLE="y",
    IS_SNAPSHOTTING_ENABLED="y")

from eventsourcing.application import Application  # noqa: E402 (reads the environment)
from eventsourcing.domain import Aggregate, event  # noqa: E402


class Account(Aggregate):
    @event("Opened")
    def __init__(self, owner: str):
        self.owner = owner
        self.balance = Decimal("0.00")

    @event("Deposited")
    def deposit(self, amount: Decimal):
        self.balance += amount


class Bank(Application):
    pass


bank = Bank()
accounts = []
for number in range(args.accounts):
    account = Account(f"owner-{number}")
    for cents in range(number + 1):
        account.deposit(Decimal(f"{10 + cents}.25"))
    bank.save(account)
    accounts.append(account)
bank.take_snapshot(accounts[0].id)

for notification in bank.recorder.select_notifications(start=1, limit=10_000):
    print(json.dumps({"position": notification.id, "stream": str(notification.originator_id),
                      "version": notification.originator_version, "topic": notification.topic}))
