#!/usr/bin/env bash
# Remakes the eventsourcing fixtures with the real library (a venv with eventsourcing and
# pycryptodome: PYTHON=/path/to/venv/bin/python). Each store comes with the library's own
# repository.get(id, version=N) for every account and version (*.expected.json).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
script=../../../sample-stores/make-eventsourcing-store.py
key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=  # a test key: bytes 0..31
rm -f ./*.sqlite ./*.sqlite-wal ./*.sqlite-shm ./*.expected.json
"$PYTHON" $script plain.sqlite --seed 1 --expected plain.expected.json
"$PYTHON" $script zlib.sqlite --seed 2 --zlib --expected zlib.expected.json
"$PYTHON" $script aes.sqlite --seed 3 --zlib --cipher-key $key --expected aes.expected.json
"$PYTHON" $script aes-only.sqlite --seed 4 --accounts 3 --cipher-key $key --expected aes-only.expected.json
