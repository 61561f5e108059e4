import Dispatch
import EventModel
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C and SIGTERM for the commands that run until stopped (`demo`, `tail`): a flag they
/// check between steps, so they stop cleanly and flush what they print.
enum InterruptFlag {
    /// A flag set by SIGINT or SIGTERM (the handlers stay installed for the life of the process).
    static func install() -> Locked<Bool> {
        let flag = Locked(false)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { flag.set(true) }
            source.resume()
            // Kept for the life of the process, as the handler is.
            _ = Unmanaged.passRetained(source as AnyObject)
        }
        return flag
    }
}
