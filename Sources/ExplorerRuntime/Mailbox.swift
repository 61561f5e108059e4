import App
import EventModel

/// Where workers leave their answers for the run loop: actions in the order they were posted.
final class Mailbox: Sendable {
    private let actions = Locked<[Action]>([])
    let wakePipe = WakePipe()

    func post(_ action: Action) {
        actions.update { $0.append(action) }
        wakePipe.wake()
    }

    /// Everything posted since the last call.
    func take() -> [Action] {
        wakePipe.drain()
        var taken: [Action] = []
        actions.update { swap(&taken, &$0) }
        return taken
    }
}
