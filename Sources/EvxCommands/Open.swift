import ArgumentParser
import EventModel
import EventStore

/// `evx STORE`: the explorer's entry point. Until the terminal UI lands it prints the summary.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a store in the explorer (the default command). For now: the same as 'evx info'.")

    @OptionGroup var arguments: StoreArguments

    func run() throws {
        try Info(arguments: arguments).run()
    }
}

extension Info {
    init(arguments: StoreArguments) {
        self.init()
        self.arguments = arguments
    }
}
