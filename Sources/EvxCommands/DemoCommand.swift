import TUICore
import ArgumentParser
import DemoService
import EventModel
import Dispatch
import Foundation
import StoreGenerator
import Replay

#if canImport(Glibc)
import Glibc
#endif

/// `evx demo STORE`: a living order service to explore (docs/demo.md).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run an order service that writes to a new store (WAL mode) until Ctrl-C or --duration.",
        discussion: """
            A command handler appends events and outbox rows in one transaction; an outbox relay publishes \
            them (with injected broker failures and redeliveries); idempotent consumers record processed_events; \
            a projector advances projection_checkpoints. Open the store with evx in another terminal to watch it. \
            Prints a status line every few seconds (--json: one JSON object per line).
            """)

    @Argument(help: "The SQLite store to create.")
    var store: String

    @Option(parsing: .signedNumber, help: "Events per second the command handler aims for.")
    var rate: Double = 200

    @Option(parsing: .signedNumber, help: "Stop after this many seconds (default: run until Ctrl-C).")
    var duration: Double?

    @Option(parsing: .signedNumber, help: "The seed for the customers' traffic.")
    var seed: UInt64 = 1

    @Flag(help: "Replace the store if it exists.")
    var force = false

    @Flag(help: "Status lines as JSON.")
    var json = false

    func validate() throws {
        try DemoRunner.validate(rate: rate)
        if let duration, !(duration > 0) { throw ValidationError("--duration must be positive") }
    }

    func run() throws {
        try NewStoreName.check(store, command: "demo")
        let service = try DemoRunner.start(store: store, rate: rate, seed: seed, force: force)
        let interrupted = InterruptFlag.install()
        let started = Date()
        var out = StandardOutput()
        while !interrupted.get() {
            if let duration, Date().timeIntervalSince(started) >= duration { break }
            Thread.sleep(forTimeInterval: 0.1)
            if Int(Date().timeIntervalSince(started) * 10) % 30 == 0 {
                out.line(DemoRunner.statusLine(service.status, since: started, json: json))
                out.flush()
            }
        }
        service.stop()
        out.line(DemoRunner.statusLine(service.status, since: started, json: json) + (json ? "" : " · stopped, outbox drained"))
        out.flush()
    }
}

/// Starting, stopping and reporting a demo, shared by `evx demo` and `evx` with no arguments.
enum DemoRunner {
    static func validate(rate: Double) throws {
        guard rate > 0, rate <= 100_000 else { throw ValidationError("--rate must be more than 0 and at most 100000 events per second") }
    }

    static func start(store: String, rate: Double, seed: UInt64, force: Bool) throws -> DemoService {
        if FileManager.default.fileExists(atPath: store) {
            guard force else { throw UsageError("\(store): already exists (use --force to replace it)") }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        }
        let service: DemoService
        do {
            service = try DemoService(path: store, options: .init(eventsPerSecond: rate, seed: seed))
        } catch {
            throw UsageError("\(store): cannot create the store (\(error))")
        }
        let rules = RulesLocation.defaultPath(forStore: store)
        if force || !FileManager.default.fileExists(atPath: rules) {
            try? StoreGenerator.rules(for: .orders).write(toFile: rules, atomically: true, encoding: .utf8)
        }
        service.start()
        return service
    }

    static func statusLine(_ status: DemoService.Status, since started: Date, json: Bool) -> String {
        let seconds = max(0.001, Date().timeIntervalSince(started))
        if json {
            return "{\"seconds\":\(Int(seconds)),\"events\":\(status.events),\"rejected\":\(status.rejected),\"published\":\(status.published),"
                + "\"broker_failures\":\(status.brokerFailures),\"republished\":\(status.republished),\"processed\":\(status.processed),"
                + "\"duplicates_skipped\":\(status.duplicatesSkipped)}"
        }
        return "demo \(Int(seconds))s: \(DisplayFormat.grouped(status.events)) events (\(Int(Double(status.events) / seconds))/s), "
            + "\(DisplayFormat.grouped(status.rejected)) rejected · published \(DisplayFormat.grouped(status.published)), "
            + "\(status.brokerFailures) broker failures, \(status.republished) republished · processed \(DisplayFormat.grouped(status.processed)), "
            + "\(status.duplicatesSkipped) duplicates skipped"
    }
}
