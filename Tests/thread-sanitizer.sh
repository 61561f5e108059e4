#!/usr/bin/env bash
# Runs the test suite under ThreadSanitizer, in its own build folder (docs/reliability.md).
#   Tests/thread-sanitizer.sh                 every test
#   Tests/thread-sanitizer.sh --filter AppTests
# A data race fails the run: TSan reports it and the test process exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1}"
exec swift test --sanitize=thread --scratch-path .build-tsan "$@"
