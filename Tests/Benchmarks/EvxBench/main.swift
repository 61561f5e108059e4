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
let arguments = CommandLine.arguments

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func rss() -> String {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") } ?? "?"
}

guard arguments.count >= 3 else {
    print("usage: evx-bench read STORE | project STORE RULES | replay STORE RULES STREAM [N] | scrub STORE RULES [N]")
    exit(2)
}
let source = try StoreOpener.open(path: arguments[2])

switch arguments[1] {
case "read":
    var count = 0
    var filter = EventFilter()
    filter.checksPayloads = false
    filter.includesDetails = false
    let time = try seconds { try source.readEvents(filter) { _ in count += 1; return true } }
    print(String(format: "read %d events in %.3f s: %.2f M events/s, peak RSS %@", count, time, Double(count) / time / 1e6, rss()))

case "project":
    let rules = try RulesLoader.load(path: arguments[3])
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
        var events: [Event] = []
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
    let rules = try RulesLoader.load(path: arguments[3])
    let frames = arguments.count > 4 ? Int(arguments[4]) ?? 2000 : 2000
    let path = arguments[2]
    let description = SourceDescription(name: "bench", format: "SQLite", projectionNames: rules.projections.map(\.name))
    let driver = ExplorerDriver(state: AppState(width: 120, height: 40, source: description),
                                runner: EffectRunner(rules: rules, storePath: path) { try StoreOpener.open(path: path) })
    let opened = seconds { driver.settle() }
    guard let bounds = driver.state.store.log.bounds else { exit(1) }
    let searching = arguments.count > 5 ? arguments[5] : nil
    if let searching {
        driver.send(.openPrompt(.filter))
        for character in searching { driver.send(.editPrompt(.character(character))) }
        driver.send(.submitPrompt)
    }
    let screen = Screen(theme: .color, unicode: true)
    var generator = SystemRandomNumberGenerator()
    var frameTimings: [Double] = [], filledTimings: [Double] = []
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
        frameTimings.append(seconds {
            driver.send(action)
            _ = screen.render(driver.state)
        })
        // While searching, frames go on without waiting for the reads (the search holds the long worker).
        if searching == nil { filledTimings.append(seconds { driver.settle() }) } else { driver.takeAnswers() }
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
    filledTimings.sort()
    print(String(format: "index + first frame ready in %.0f ms; %d frames at 120x40: p50 %.2f ms, p99 %.2f ms, max %.2f ms; filled p50 %.1f ms, p99 %.1f ms; peak RSS %@",
                 opened * 1000, frames, percentile(frameTimings, 0.5) * 1000, percentile(frameTimings, 0.99) * 1000, (frameTimings.last ?? 0) * 1000,
                 percentile(filledTimings, 0.5) * 1000, percentile(filledTimings, 0.99) * 1000, rss()))

default:
    print("unknown benchmark \(arguments[1])")
    exit(2)
}
