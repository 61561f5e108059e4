import ArgumentParser
import EventModel
import EventStore
import JSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the command line and maps every failure to one line on stderr and exit status 2.
public enum EvxMain {
    public static let usageErrorStatus: Int32 = 2

    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        if let message = unknownCommandMessage(arguments) { fail(message) }
        do {
            var command = try Evx.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let error as StoreError {
            fail(error.message)
        } catch let error as UsageError {
            fail(error.message)
        } catch let nothing as NothingFound {
            if let json = nothing.json { StandardOutput.write(JSONWriter.compact(json) + "\n", to: STDOUT_FILENO) }
            StandardOutput.write("evx: \(nothing.message)\n", to: STDERR_FILENO)
            exit(NothingFound.exitStatus)
        } catch let status as ExitCode {
            exit(status.rawValue)
        } catch {
            if Evx.exitCode(for: error) == .success {
                // --help and --version
                StandardOutput.write(Evx.fullMessage(for: error) + "\n", to: STDOUT_FILENO)
                exit(0)
            }
            let message = Evx.message(for: error)
                .split(separator: "\n").first.map(String.init)?
                .replacingPrefix("Error: ", with: "") ?? "\(error)"
            fail(message + " (see '\(helpCommand(for: error))')")
        }
    }

    /// A first word that is no command (`evx replya`, `evx help nosuch`), refused before parsing:
    /// the parser would take it for a store and report a missing file or an unknown option.
    private static func unknownCommandMessage(_ arguments: [String]) -> String? {
        guard let first = arguments.first else { return nil }
        guard first == "help" else { return CommandWord.unknownCommandMessage(first) }
        return arguments.dropFirst().first { !$0.hasPrefix("-") && !CommandWord.names.contains($0) }
            .map(CommandWord.unknownHelpTopicMessage)
    }

    /// The help of the command whose arguments failed, `evx events --help`, as ArgumentParser
    /// names it in its full message ("See 'evx events --help' for more information.").
    private static func helpCommand(for error: Error) -> String {
        let full = Evx.fullMessage(for: error)
        guard let start = full.range(of: "See '")?.upperBound,
              let end = full[start...].range(of: "' for more information")?.lowerBound else { return "evx --help" }
        return String(full[start..<end])
    }

    private static func fail(_ message: String) -> Never {
        StandardOutput.write("evx: \(message)\n", to: STDERR_FILENO)
        exit(usageErrorStatus)
    }
}

/// A command-line value that cannot be used, reported as one line.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
