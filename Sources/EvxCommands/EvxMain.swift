import ArgumentParser
import EventModel
import EventStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the command line and maps every failure to one line on stderr and exit status 2.
public enum EvxMain {
    public static let usageErrorStatus: Int32 = 2

    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        do {
            var command = try Evx.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let error as StoreError {
            fail(error.message)
        } catch let error as UsageError {
            fail(error.message)
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
            fail(message + " (see 'evx --help')")
        }
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
