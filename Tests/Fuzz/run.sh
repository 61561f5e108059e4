#!/usr/bin/env bash
# Builds evx's libFuzzer fuzz targets with swiftc (not SwiftPM: libFuzzer supplies main) and runs
# each one for a bounded time. Usage: Tests/Fuzz/run.sh [fuzzer ...]
#   FUZZ_SECONDS   seconds per fuzzer (default 60)
#   FUZZ_OUT       scratch folder (default .build-fuzz/ in the repo; git-ignored by `.build-*/`)
#   FUZZ_BUILD_ONLY=1  build, do not run
# Exits non-zero if a build fails or a fuzzer reports a crash, leak, timeout or OOM. Findings
# (crash-*, leak-*, timeout-*, oom-* files) land in $FUZZ_OUT/findings/<fuzzer>/.
# Seeds are read from Tests/Fuzz/corpus/<fuzzer>/ and never written to; inputs libFuzzer finds
# interesting go to $FUZZ_OUT/corpus/<fuzzer>/.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${FUZZ_OUT:-$ROOT/.build-fuzz}"
SECONDS_EACH="${FUZZ_SECONDS:-60}"
SWIFTC="${SWIFTC:-swiftc}"
CLANG="${CLANG:-clang}"
ALL_FUZZERS=(json jsonlines csv rules predicate time)
FUZZERS=("${@:-${ALL_FUZZERS[@]}}")

# Dependency sources: the SwiftPM checkouts if `swift build` has run, else the local mirrors.
find_checkout() { # name mirror tag
    if [ -d "$ROOT/.build/checkouts/$1/Sources" ]; then echo "$ROOT/.build/checkouts/$1"; return; fi
    local dest="$OUT/deps/$1"
    if [ ! -d "$dest/Sources" ]; then
        mkdir -p "$dest"
        git -C "$2" archive "$3" | tar -x -C "$dest"
    fi
    echo "$dest"
}
COLLECTIONS="$(find_checkout swift-collections /opt/swift-packages/apple/swift-collections.git 1.6.0)"
YAMS="$(find_checkout Yams /opt/swift-packages/jpsim/Yams.git 6.2.2)"

SAN=(-sanitize=fuzzer,address -Onone -gline-tables-only)
MODS="$OUT/modules"
BIN="$OUT/bin"
mkdir -p "$MODS" "$BIN"

# build_module NAME [swiftc flags...] -- files...
# One module: a .swiftmodule and a single instrumented object (whole-module).
build_module() {
    local name="$1"; shift
    local flags=()
    while [ "$1" != "--" ]; do flags+=("$1"); shift; done
    shift
    echo "  module $name ($# files)"
    "$SWIFTC" -parse-as-library -module-name "$name" -wmo -c "${SAN[@]}" \
        -I "$MODS" "${flags[@]}" \
        -emit-module -emit-module-path "$MODS/$name.swiftmodule" \
        -o "$MODS/$name.o" "$@"
}

# stage_sources MODULE DIR...: copies a module's .swift files into one flat folder, with names
# made unique from their paths (whole-module builds reject two files with the same base name).
stage_sources() {
    local name="$1"; shift
    local dest="$OUT/src/$name"
    rm -rf "$dest"; mkdir -p "$dest"
    local dir file rel
    for dir in "$@"; do
        while IFS= read -r -d '' file; do
            rel="${file#"$dir"/}"
            cp "$file" "$dest/$(echo "$rel" | tr '/ +' '___')"
        done < <(find "$dir" -name '*.swift' -print0)
    done
}

# module NAME [swiftc flags...] -- SOURCE_DIR_OR_FILES...
module() {
    local name="$1"; shift
    local flags=()
    while [ "$1" != "--" ]; do flags+=("$1"); shift; done
    shift
    local dirs=() files=() arg
    for arg in "$@"; do if [ -d "$arg" ]; then dirs+=("$arg"); else files+=("$arg"); fi; done
    stage_sources "$name" "${dirs[@]+"${dirs[@]}"}"
    for arg in "${files[@]+"${files[@]}"}"; do cp "$arg" "$OUT/src/$name/"; done
    local staged=("$OUT/src/$name"/*.swift)
    build_module "$name" "${flags[@]+"${flags[@]}"}" -- "${staged[@]}"
}

build_modules() {
    echo "== Building instrumented modules into $MODS"
    local collections_flags=(-package-name swift_collections -enable-upcoming-feature MemberImportVisibility
        -enable-experimental-feature BuiltinModule -enable-experimental-feature Lifetimes
        -enable-experimental-feature InoutLifetimeDependence
        -enable-experimental-feature AddressableParameters -enable-experimental-feature AddressableTypes)
    local v
    for v in 5.0 5.1 5.6 5.7 5.8 5.9 5.10 6.0 6.1 6.2 6.3 6.4 6.5; do
        collections_flags+=(-enable-experimental-feature "AvailabilityMacro=SwiftStdlib $v: macOS 9999")
    done
    module InternalCollectionsUtilities "${collections_flags[@]}" -- "$COLLECTIONS/Sources/InternalCollectionsUtilities"
    module OrderedCollections "${collections_flags[@]}" -- "$COLLECTIONS/Sources/OrderedCollections"
    module JSON -package-name evx -- "$ROOT/Sources/JSON"
    module EventModel -package-name evx -- "$ROOT/Sources/EventModel"
    # EventStore without GRDB: only the files the JSON Lines path needs, as module EventStore.
    local es="$ROOT/Sources/EventStore"
    module EventStore -package-name evx -- "$es/JSONLinesSource.swift" "$es/JSONLinesDecoder.swift" "$es/JSONLinesFieldNames.swift" \
        "$es/JSONLinesLineParser.swift" "$es/JSONLinesChunk.swift" "$es/ChunkHandoff.swift" "$es/HelperThreads.swift" "$es/StringInterner.swift" "$es/FingerprintSet.swift" \
        "$es/SummaryAccumulator.swift" "$es/NameTally.swift" "$es/ByteComparison.swift" "$es/CSVChunks.swift" "$es/CSVColumns.swift" "$es/CSVRecordReader.swift"
    # libyaml (C, instrumented) and Yams.
    local cyaml="$YAMS/Sources/CYaml"
    mkdir -p "$MODS/cyaml"
    echo "  C library CYaml"
    local c
    for c in "$cyaml"/src/*.c; do
        "$CLANG" -c -fsanitize=fuzzer-no-link,address -O1 -g -DYAML_DECLARE_STATIC \
            -I "$cyaml/include" -I "$cyaml/src" "$c" -o "$MODS/cyaml/$(basename "$c" .c).o"
    done
    module Yams -package-name Yams -D SWIFT_PACKAGE -I "$cyaml/include" -Xcc -DYAML_DECLARE_STATIC -- "$YAMS/Sources/Yams"
    module Replay -package-name evx -I "$cyaml/include" -- "$ROOT/Sources/Replay"
    # App: only the jump prompts' parsers (the rest needs TUICore and the whole explorer), as module App.
    module App -package-name evx -- "$ROOT/Sources/App/TimeJump.swift" "$ROOT/Sources/App/PositionJump.swift"
}

# link FUZZER OBJECTS...: the harness Tests/Fuzz/<Name>Fuzzer.swift plus module objects.
link() {
    local fuzzer="$1"; shift
    local harness="$HERE/$(tr '[:lower:]' '[:upper:]' <<< "${fuzzer:0:1}")${fuzzer:1}Fuzzer.swift"
    echo "  fuzzer $fuzzer ($(basename "$harness"))"
    local objects=() m
    for m in "$@"; do
        if [ "$m" = CYaml ]; then objects+=("$MODS"/cyaml/*.o); else objects+=("$MODS/$m.o"); fi
    done
    "$SWIFTC" -parse-as-library -module-name "${fuzzer}_fuzzer" "${SAN[@]}" -I "$MODS" \
        -I "$YAMS/Sources/CYaml/include" "$harness" "${objects[@]}" -o "$BIN/fuzz-$fuzzer" 2>&1 \
        | { grep -v "Cannot export local symbol '__asan_" || true; }
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "link of $fuzzer failed" >&2; exit 1; }
}

build_fuzzers() {
    echo "== Linking fuzzers into $BIN"
    local json_deps=(JSON OrderedCollections InternalCollectionsUtilities)
    local f
    for f in "${FUZZERS[@]}"; do
        case "$f" in
            json) link json "${json_deps[@]}" ;;
            jsonlines) link jsonlines EventStore EventModel "${json_deps[@]}" ;;
            csv) link csv EventStore EventModel "${json_deps[@]}" ;;
            rules) link rules Replay Yams CYaml EventModel "${json_deps[@]}" ;;
            predicate) link predicate Replay Yams CYaml EventModel "${json_deps[@]}" ;;
            time) link time App EventModel ;;
            *) echo "unknown fuzzer: $f (known: ${ALL_FUZZERS[*]})" >&2; exit 2 ;;
        esac
    done
}

run_fuzzer() {
    local f="$1"
    local seeds="$HERE/corpus/$f" work="$OUT/corpus/$f" findings="$OUT/findings/$f" log="$OUT/logs/$f.log"
    # Findings of an earlier run are moved aside, so that this run's count is its own.
    if [ -d "$findings" ] && [ -n "$(ls -A "$findings")" ]; then mv "$findings" "$findings.$(date +%s)"; fi
    mkdir -p "$work" "$findings" "$OUT/logs"
    echo "== Running $f for ${SECONDS_EACH}s (log: $log)"
    local status=0
    # -close_fd_mask=3: the targets print nothing useful; keeps the log readable.
    # SWIFT_BACKTRACE=enable=no: let libFuzzer, not the Swift backtracer, handle a trap.
    SWIFT_BACKTRACE=enable=no "$BIN/fuzz-$f" "$work" "$seeds" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$findings/" -close_fd_mask=1 \
        > "$log" 2>&1 || status=$?
    local execs cov found
    execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)"
    cov="$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -o '[0-9]*' || true)"
    found="$(grep -cE '^(==[0-9]+==ERROR|ERROR: libFuzzer|SUMMARY: )' "$log" || true)"
    local artifacts
    artifacts="$(find "$findings" -type f | wc -l)"
    printf '%-10s executions=%-10s coverage=%-6s exit=%-3s findings=%s\n' \
        "$f" "${execs:-?}" "${cov:-?}" "$status" "$artifacts"
    SUMMARY+=("$(printf '%-10s executions=%-10s coverage=%-6s exit=%-3s findings=%s' \
        "$f" "${execs:-?}" "${cov:-?}" "$status" "$artifacts")")
    if [ "$status" -ne 0 ] || [ "$artifacts" -ne 0 ]; then
        FAILED=1
        grep -E 'ERROR|SUMMARY|artifact|Test unit written' "$log" | head -20 || true
    fi
}

[ "${FUZZ_SKIP_MODULES:-0}" = 1 ] || build_modules
build_fuzzers
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0

SUMMARY=()
FAILED=0
for f in "${FUZZERS[@]}"; do run_fuzzer "$f"; done
echo "== Summary ($(date -u +%Y-%m-%dT%H:%MZ), ${SECONDS_EACH}s each)"
printf '%s\n' "${SUMMARY[@]}"
exit "$FAILED"
