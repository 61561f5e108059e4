import Dispatch
import EventModel
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C and SIGTERM for the commands that run until stopped (`demo`, `tail`): a flag they
/// check between steps, so they stop cleanly and flush what they print; if one has not stopped
/// `graceSeconds` later, the process exits anyway.
enum InterruptFlag {
    /// How long a stopped command has to finish by itself before the process ends anyway.
    static let graceSeconds = 10.0

    /// A flag set by SIGINT or SIGTERM (the handlers stay installed for the life of the process).
    static func install() -> Locked<Bool> {
        let flag = Locked(false)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                flag.set(true)
                // A command blocked in a read it cannot cut short still ends: what it printed was
                // flushed after each batch, so nothing is lost.
                DispatchQueue.global().asyncAfter(deadline: .now() + Self.graceSeconds) { _exit(0) }
            }
            source.resume()
            // Kept for the life of the process, as the handler is.
            _ = Unmanaged.passRetained(source as AnyObject)
        }
        return flag
    }
}
