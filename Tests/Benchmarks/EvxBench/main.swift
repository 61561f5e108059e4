import App
import EventModel
import EventStore
import ExplorerRuntime
import Foundation
import JSON
import Replay

/// In-process timings that a command-line run cannot isolate (docs/benchmarks.md):
///   evx-bench read STORE                      read every event (the source alone)
///   evx-bench project STORE RULES             full-log projection, events per second
///   evx-bench replay STORE RULES STREAM [N]   first replay of a stream, then N random versions
///   evx-bench scrub STORE RULES [N] [WORD]    N explorer frames (reduce + render at 120×40) while scrubbing;
///                                             with WORD, while a `/WORD` search runs over the whole log
///   evx-bench open STORE RULES [RUNS]         the explorer opening: first frame, every pane filled
///   evx-bench jump STORE RULES [N]            N jumps to random positions, N to random times: until shown
///   evx-bench follow STORE RULES RATE SECONDS  commit → on screen while a writer appends RATE events/s
///                                             (PostgreSQL Message DB or Marten tables as postgres-bench-data.sql makes them)
/// STORE is a file or a postgres:// URI; RULES a rules file, `standard` (evx's default without one: the
/// standard projections) or `-` for none (no projections at all).
///   evx-bench delivery STORE [N]              the outbox and consumers as of N random moments (the first reads the tables)
let arguments = CommandLine.arguments

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The CPU time this thread spends in `work`: a frame's own cost, without the time the machine
/// gave to other processes meanwhile (these machines are shared; docs/benchmarks.md).
func threadSeconds(_ work: () throws -> Void) rethrows -> Double {
    func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let start = now()
    try work()
    return now() - start
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func rss() -> String {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") } ?? "?"
}

guard arguments.count >= 3 else {
    print("usage: evx-bench read STORE | project STORE RULES | replay STORE RULES STREAM [N] | scrub STORE RULES [N] | open STORE RULES [RUNS] | jump STORE RULES [N] | follow STORE RULES RATE SECONDS")
    exit(2)
}
let source = try openStore(arguments[2])

/// The rules argument: a file, `standard` for what evx uses without one (the standard
/// projections), or `-` for none.
func rulesArgument(_ index: Int) throws -> Rules {
    guard arguments.count > index, arguments[index] != "-" else { return Rules() }
    return arguments[index] == "standard" ? .merge : try RulesLoader.load(path: arguments[index])
}

func summary(_ label: String, _ timings: [Double]) -> String {
    let sorted = timings.sorted()
    return String(format: "%@ p50 %.1f ms, p99 %.1f ms, max %.1f ms", label, percentile(sorted, 0.5) * 1000, percentile(sorted, 0.99) * 1000,
                  (sorted.last ?? 0) * 1000)
}

switch arguments[1] {
case "read":
    var count = 0
    var filter = EventFilter()
    filter.checksPayloads = false
    filter.includesDetails = false
    let time = try seconds { try source.readEvents(filter) { _ in count += 1; return true } }
    print(String(format: "read %d events in %.3f s: %.2f M events/s, peak RSS %@", count, time, Double(count) / time / 1e6, rss()))

case "project":
    let rules = try rulesArgument(3)
    let engine = ProjectionEngine(rules: rules, checkpointBudget: 0)
    let time = try seconds { try source.readEvents(ProjectionEngine.readFilter(rules)) { engine.apply($0); return true } }
    print(String(format: "projected %d events in %.3f s: %.2f M events/s, peak RSS %@", engine.eventsApplied, time,
                 Double(engine.eventsApplied) / time / 1e6, rss()))

case "replay":
    let rules = try RulesLoader.load(path: arguments[3])
    let stream = arguments[4]
    let samples = arguments.count > 5 ? Int(arguments[5]) ?? 1000 : 1000
    var history: AggregateHistory?
    let first = try seconds {
        var events = StreamEvents()  // as the explorer reads a stream
        try source.readEvents(EventFilter(stream: stream)) { events.append($0); return true }
        history = AggregateHistory(stream: stream, streamType: events.first?.streamType ?? "", events: events,
                                   reducer: Reducer(rules: rules))
    }
    guard let history else { exit(1) }
    var generator = SystemRandomNumberGenerator()
    var timings: [Double] = []
    for _ in 0..<samples {
        let count = Int.random(in: 0...history.events.count, using: &generator)
        timings.append(seconds { _ = history.state(after: count) })
    }
    timings.sort()
    print(String(format: "stream %@: %d events; first replay %.1f ms; random version p50 %.3f ms, p99 %.3f ms, max %.3f ms; peak RSS %@",
                 stream, history.events.count, first * 1000, percentile(timings, 0.5) * 1000, percentile(timings, 0.99) * 1000,
                 (timings.last ?? 0) * 1000, rss()))

case "scrub":
    let rules = try rulesArgument(3)
    let frames = arguments.count > 4 ? Int(arguments[4]) ?? 2000 : 2000
    let path = arguments[2]
    let description = SourceDescription(name: "bench", format: source.kind.displayName, projectionNames: rules.projections.map(\.name))
    let driver = ExplorerDriver(state: AppState(width: 120, height: 40, source: description),
                                runner: EffectRunner(rules: rules, storePath: source.kind == .postgres ? nil : path) { try openStore(path) })
    /// Until every pane has its data. A windows-only source (PostgreSQL) never has projections
    /// over a large log at once: they stream in the background with progress, so "filled" is
    /// every other pane there.
    func fill() {
        let filled = source.windowsOnly ? driver.wait(timeout: 60, until: BenchExplorer.isFilled) : driver.settle(timeout: 60)
        guard filled else {
            print("the panes did not fill in 60 s at #\(driver.state.cursor ?? 0): \(BenchExplorer.missing(driver.state))")
            exit(1)
        }
    }
    let opened = seconds { fill() }
    guard let bounds = driver.state.store.log.bounds else { exit(1) }
    let searching = arguments.count > 5 ? arguments[5] : nil
    if let searching {
        driver.send(.openPrompt(.filter))
        for character in searching { driver.send(.editPrompt(.character(character))) }
        driver.send(.submitPrompt)
    }
    let screen = Screen(theme: .color, unicode: true)
    var generator = SystemRandomNumberGenerator()
    var frameTimings: [Double] = [], frameCPU: [Double] = [], filledTimings: [Double] = []
    // A scrub: mostly single steps and pages through the log, sometimes a jump, as a person does.
    // A frame is what the UI thread does (reduce and render); "filled" is until every pane's
    // data has arrived from the workers.
    for frame in 0..<frames {
        let action: Action
        switch frame % 10 {
        case 0: action = .jump(to: Int64.random(in: bounds.first...bounds.last, using: &generator))
        case 1, 2: action = .pageCursor(by: 1)
        case 3: action = .stepInStream(by: -1)
        default: action = .moveCursor(by: 1)
        }
        var cpu = 0.0
        frameTimings.append(seconds {
            cpu = threadSeconds {
                driver.send(action)
                _ = screen.render(driver.state)
            }
        })
        frameCPU.append(cpu)
        // While searching, frames go on without waiting for the reads (the search holds the long worker).
        if searching == nil { filledTimings.append(seconds { fill() }) } else { driver.takeAnswers() }
    }
    if searching != nil {
        let read = driver.state.requests.progress[.search]?.done ?? 0
        print("search still running after the frames: \(driver.state.requests.isRunning(.search)), \(read) events read")
        let cancel = seconds {
            driver.send(.dismiss)
            _ = screen.render(driver.state)
        }
        print(String(format: "Esc: the search cancelled in %.2f ms (reduce + render)", cancel * 1000))
        filledTimings = [0]
    }
    frameTimings.sort()
    frameCPU.sort()
    filledTimings.sort()
    print(String(format: "index + first frame ready in %.0f ms; %d frames at 120x40: p50 %.2f ms, p99 %.2f ms, max %.2f ms (the UI thread's CPU: p50 %.2f ms, p99 %.2f ms); filled p50 %.1f ms, p99 %.1f ms; peak RSS %@",
                 opened * 1000, frames, percentile(frameTimings, 0.5) * 1000, percentile(frameTimings, 0.99) * 1000, (frameTimings.last ?? 0) * 1000,
                 percentile(frameCPU, 0.5) * 1000, percentile(frameCPU, 0.99) * 1000, percentile(filledTimings, 0.5) * 1000, percentile(filledTimings, 0.99) * 1000, rss()))

case "open":
    // Each opening in a process of its own, as a person starts evx: in one process, the previous
    // opening's projection (cancelled, but its workers are not waited for) would still be reading.
    let runs = arguments.count > 4 ? Int(arguments[4]) ?? 10 : 10
    var firstFrames: [Double] = [], filled: [Double] = [], peaks: [Int] = []
    for _ in 0..<runs {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["open-once", arguments[2], arguments.count > 3 ? arguments[3] : "-"]
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        let fields = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard child.terminationStatus == 0, fields.count == 3 else { print("an opening failed: \(text)"); exit(1) }
        firstFrames.append(fields[0])
        filled.append(fields[1])
        peaks.append(Int(fields[2]))
    }
    print(summary("\(runs) openings: first frame", firstFrames) + "; " + summary("all panes filled", filled)
          + "; peak RSS at most \(peaks.max() ?? 0) kB")

case "open-once":
    // One opening (the `open` benchmark runs it): prints the seconds to the first frame and to
    // every pane filled, and the peak RSS in kB.
    let rules = try rulesArgument(3)
    let start = DispatchTime.now().uptimeNanoseconds
    let elapsed = { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    let explorer = try BenchExplorer(store: arguments[2], rules: rules)
    guard explorer.pump(until: { $0.cursorEvent != nil }) else { print("no first frame"); exit(1) }
    let firstFrame = elapsed()
    guard explorer.pump(until: BenchExplorer.isFilled) else { print("the panes did not fill: \(BenchExplorer.missing(explorer.state))"); exit(1) }
    let peak = rss().split(separator: " ").first.map(String.init) ?? "0"
    print(firstFrame, elapsed(), peak)
    explorer.close()

case "jump":
    let rules = try rulesArgument(3)
    let jumps = arguments.count > 4 ? Int(arguments[4]) ?? 100 : 100
    let explorer = try BenchExplorer(store: arguments[2], rules: rules)
    guard explorer.pump(until: BenchExplorer.isFilled), let bounds = explorer.state.store.log.bounds,
          let earliest = try timeAt(source, bounds.first), let latest = try timeAt(source, bounds.last) else { print("the store did not open"); exit(1) }
    var generator = SystemRandomNumberGenerator()
    var positions: [Double] = [], times: [Double] = []
    for _ in 0..<jumps {
        let target = Int64.random(in: bounds.first...bounds.last, using: &generator)
        positions.append(seconds {
            explorer.send(.jump(to: target))
            guard explorer.pump(until: { $0.cursorEvent.map { $0.position <= target } ?? false }) else { print("jump to #\(target) not shown"); exit(1) }
        })
    }
    for _ in 0..<jumps {
        let target = EventTime(microseconds: Int64.random(in: earliest.microseconds...latest.microseconds, using: &generator))
        times.append(seconds {
            explorer.setPrompt(Prompt(kind: .time, text: target.iso8601))
            explorer.send(.submitPrompt)
            guard explorer.pump(until: { !$0.requests.isRunning(.locateTime) && $0.cursorEvent?.time.map { $0 <= target } == true }) else {
                print("jump to \(target.iso8601) not shown: \(explorer.state.message ?? "")"); exit(1)
            }
        })
    }
    explorer.close()
    print(summary("\(jumps) jumps to a position: shown", positions) + "; " + summary("\(jumps) jumps to a time: shown", times) + "; peak RSS \(rss())")

case "follow":
    let rules = try rulesArgument(3)
    guard arguments.count > 5, let rate = Int(arguments[4]), let duration = Int(arguments[5]) else { print("follow STORE RULES RATE SECONDS"); exit(2) }
    let explorer = try BenchExplorer(store: arguments[2], rules: rules, follows: true)
    guard explorer.pump(until: BenchExplorer.isFilled), let start = explorer.state.store.log.bounds?.last else { print("the store did not open"); exit(1) }
    var pending: [LogEntry] = []
    var latencies: [Double] = []
    var positions: [Int64] = []
    explorer.onAnswer = { action in
        if case .storeChanged(.appended(let entries)) = action { pending += entries }
    }
    let writer = try FollowWriter(url: arguments[2], rate: rate, seconds: duration)
    let expected = rate * duration / 10 * 10
    let deadline = Date().addingTimeInterval(Double(duration) + 30)
    while positions.count < expected, Date() < deadline {
        explorer.pump(timeout: 0.005) { _ in false }
        guard !pending.isEmpty else { continue }
        // The answer was reduced and its frame rendered: the events are on screen now.
        let shown = now().microseconds
        for entry in pending {
            positions.append(entry.position)
            if let time = entry.time { latencies.append(Double(shown - time.microseconds) / 1e6) }
        }
        pending.removeAll()
    }
    writer.wait()
    explorer.close()
    let inOrder = positions == positions.sorted() && Set(positions).count == positions.count && positions.first.map { $0 > start } ?? false
    print("\(positions.count) of \(expected) events shown, in order once each: \(inOrder); " + summary("commit → on screen", latencies) + "; peak RSS \(rss())")

case "delivery":
    guard let tables = source as? DeliveryTables, let bounds = try source.bounds() else { exit(1) }
    let moments = arguments.count > 3 ? Int(arguments[3]) ?? 10_000 : 10_000
    func time(at position: Int64) throws -> Int64 {
        var time: Int64 = 0
        try source.readEvents(EventFilter(fromPosition: position, limit: 1)) { time = $0.time?.microseconds ?? 0; return false }
        return time
    }
    let first = try time(at: bounds.first), last = try time(at: bounds.last)
    var outbox: OutboxStatus?
    let firstAnswer = try seconds { outbox = try tables.outboxStatus(asOf: EventTime(microseconds: last)) }
    var timings: [Double] = []
    for _ in 0..<moments {
        let moment = EventTime(microseconds: Int64.random(in: first...max(first, last)))
        timings.append(try seconds { _ = try tables.outboxStatus(asOf: moment); _ = try tables.consumerStatuses(asOf: moment) })
    }
    timings.sort()
    print(String(format: "outbox of %d rows read in %.0f ms; %d moments: p50 %.3f ms, p99 %.3f ms; peak RSS %@",
                 outbox?.total ?? 0, firstAnswer * 1000, moments, percentile(timings, 0.5) * 1000, percentile(timings, 0.99) * 1000, rss()))

default:
    print("unknown benchmark \(arguments[1])")
    exit(2)
}
