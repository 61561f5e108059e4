import Foundation

/// When a lost connection may be opened again: at once the first time (a dropped connection is
/// usually back at the next try), then after pauses that double from `first` to `longest`. Every
/// reader of a source (the explorer's workers and watcher, `tail`) asks through it, so a server
/// that is down or restarting is not dialled many times a second, and one that is back is found
/// within `longest`.
struct ReconnectBackoff {
    static let first: TimeInterval = 0.1
    static let longest: TimeInterval = 2

    private(set) var failures = 0
    /// The last attempt's failure and the time before which no other is made.
    private(set) var waiting: (failure: ServerFailure, until: Date)?

    /// The failure to answer with now instead of dialling, while the pause lasts.
    func failureToRepeat(at now: Date) -> ServerFailure? {
        guard let waiting, now < waiting.until else { return nil }
        return waiting.failure
    }

    mutating func failed(_ failure: ServerFailure, at now: Date) {
        failures += 1
        let pause = min(Self.longest, Self.first * Double(1 << min(failures - 1, 16)))
        waiting = (failure, now.addingTimeInterval(pause))
    }

    mutating func succeeded() {
        failures = 0
        waiting = nil
    }
}
