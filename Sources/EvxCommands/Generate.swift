import TUICore
import ArgumentParser
import EventModel
import EventStore
import Foundation
import JSON
import Replay
import StoreGenerator

/// `evx generate STORE --events N`: deterministic synthetic stores for samples, tests, benchmarks.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic store in the native SQLite format (all tables filled).",
        discussion: """
            The same --events, --seed and --domain always give the same store. The orders domain contains \
            the worked example stream order-42 (complete from about 400 events on) (created with items A and B, B removed, 50 paid, \
            shipped with tracking XY123). The file appears only once complete. The domain's rules file is \
            written beside it (STORE's name with .evx.yaml) unless one exists there (--force replaces it).
            """)

    @Argument(help: "The SQLite file to create.")
    var store: String

    @Option(parsing: .signedNumber, help: "How many events to write (up to 50,000,000).")
    var events: Int

    @Option(parsing: .signedNumber, help: "The seed; the same seed gives the same store.")
    var seed: UInt64 = 1

    @Option(help: "The business domain: orders (orders and an inventory) or bank (accounts and overdrafts).")
    var domain: GeneratedDomain = .orders

    @Flag(help: "Replace the file if it exists.")
    var force = false

    @Flag(help: "Write the result as JSON.")
    var json = false

    func validate() throws {
        guard (1...StoreGenerator.maximumEvents).contains(events) else {
            throw ValidationError("--events must be between 1 and \(StoreGenerator.maximumEvents)")
        }
    }

    func run() throws {
        try NewStoreName.check(store, command: "generate")
        if FileManager.default.fileExists(atPath: store) {
            guard force else { throw UsageError("\(store): already exists (use --force to replace it)") }
            try FileManager.default.removeItem(atPath: store)
        }
        let started = Date()
        let showProgress = StandardOutput.isTerminal && !json
        do {
            try StoreGenerator.generate(path: store, events: events, seed: seed, domain: domain) { done in
                if showProgress { StandardOutput.write("\r  \(DisplayFormat.grouped(done)) events…", to: STDOUT_FILENO) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw UsageError("\(store): cannot write the store (\(error))")
        }
        if showProgress { StandardOutput.write("\r\u{1B}[K", to: STDOUT_FILENO) }
        let rulesPath = try writeRules()
        var out = StandardOutput()
        let seconds = Date().timeIntervalSince(started)
        if json {
            out.line(JSONWriter.compact(["path": .string(store), "rules": rulesPath.map { .string($0) } ?? .null,
                                         "events": .int(Int64(events)), "domain": .string(domain.rawValue),
                                      "seed": .int(Int64(bitPattern: seed)), "seconds": .decimal(DecimalNumber(significand: Int128((seconds * 100).rounded()), exponent: -2))]))
        } else {
            out.line("wrote \(store): \(DisplayFormat.grouped(events)) \(domain.rawValue) events (seed \(seed)) in \(String(format: "%.1f", seconds)) s"
                     + (rulesPath.map { ", rules in \($0)" } ?? ""))
        }
        out.flush()
    }
}

extension Generate {
    /// Writes the domain's rules file beside the store, unless one is there (or with --force).
    /// Returns its path when written.
    private func writeRules() throws -> String? {
        let path = RulesLocation.defaultPath(forStore: store)
        if FileManager.default.fileExists(atPath: path), !force { return nil }
        do {
            try StoreGenerator.rules(for: domain).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw UsageError("\(path): cannot write the rules file (\(error.localizedDescription))")
        }
        return path
    }
}

extension GeneratedDomain: ExpressibleByArgument {}
