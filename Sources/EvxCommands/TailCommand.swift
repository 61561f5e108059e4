import ArgumentParser
import EventModel
import EventStore
import Foundation
import TUICore

/// `evx tail STORE`: prints events as another process commits them, like `tail -f`.
struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print events as they are committed to the store, until Ctrl-C (like tail -f).",
        discussion: """
            Each committed event is printed once, in global order: the store is polled for changes \
            (SQLite's data version, or the JSON Lines file's size and time) every --interval \
            milliseconds, and only events after the last one printed are read. A partial last JSON Lines \
            line waits until it is complete.
            """)

    @OptionGroup var arguments: StoreArguments

    @Flag(help: "Print the events already in the store first.")
    var fromStart = false

    @Option(parsing: .signedNumber, help: "How often to look for changes, in milliseconds.")
    var interval = 25

    @Option(parsing: .signedNumber, help: "Stop after this many seconds (default: until Ctrl-C).")
    var duration: Double?

    func validate() throws {
        guard (1...10_000).contains(interval) else { throw ValidationError("--interval must be between 1 and 10000") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be positive") }
    }

    func run() throws {
        let source = try arguments.openSource()
        if let live = source as? FollowableSource { return try follow(live) }
        var last = Int64.min
        if !fromStart {
            try source.forEachPositionAndTime(after: Int64.min) { position, _ in last = position }
        }
        let stop = InterruptFlag.install()
        let started = Date()
        var token: Int64?
        var out = StandardOutput()
        while !stop.get() {
            if let duration, Date().timeIntervalSince(started) >= duration { break }
            let current = try source.changeToken()
            if current != token {
                token = current
                try source.readEvents(EventFilter(fromPosition: last == Int64.min ? Int64.min : last + 1)) { event in
                    last = event.position
                    out.line(arguments.json ? EventLine.json(event) : EventLine.text(event))
                    return true
                }
                out.flush()
            }
            Thread.sleep(forTimeInterval: Double(interval) / 1000)
        }
        out.flush()
    }

    /// Follows a store that has its own follower (PostgreSQL: gaps in the positions are waited for).
    /// A lost connection is retried with growing pauses (up to 5 s), printing one warning when it
    /// is lost and one when it is back; the follower resumes where it was, so nothing is skipped.
    /// A refusal over a working connection (permission denied) ends it: one line, exit status 2.
    private func follow(_ source: FollowableSource) throws {
        let follower = try source.follower(fromStart: fromStart)
        let stop = InterruptFlag.install()
        let started = Date()
        var out = StandardOutput()
        var failures = 0
        while !stop.get() {
            if let duration, Date().timeIntervalSince(started) >= duration { break }
            do {
                let events = try follower.next()
                if failures > 0 { StandardOutput.warn("connected again; following from position \(follower.position)") }
                failures = 0
                for event in events { out.line(arguments.json ? EventLine.json(event) : EventLine.text(event)) }
                out.flush()
                // In slices, so Ctrl-C is seen within a quarter of a second; a notification ends the wait.
                var waited = 0
                while waited < interval, !stop.get() {
                    let slice = min(250, interval - waited)
                    if follower.waitForChange(timeoutMilliseconds: slice) { break }
                    waited += slice
                }
            } catch {
                guard follower.mayRecover(from: error) else { throw error }
                failures += 1
                if failures == 1 { StandardOutput.warn("\(error); retrying") }
                let pause = min(5, 0.1 * Double(1 << min(failures - 1, 6)))
                let until = Date().addingTimeInterval(pause)
                while Date() < until, !stop.get() { Thread.sleep(forTimeInterval: 0.05) }
            }
        }
        out.flush()
    }
}
