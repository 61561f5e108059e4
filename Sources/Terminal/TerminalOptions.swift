extension Terminal {
    /// How to start the terminal UI.
    public struct Options: Sendable {
        /// Where standard error goes while the UI is up (appended to); nil discards it. Stray
        /// writes to the terminal would otherwise corrupt the screen.
        public var standardErrorLogPath: String?
        /// Report mouse clicks and the wheel.
        public var mouse: Bool

        public init(standardErrorLogPath: String? = nil, mouse: Bool = true) {
            self.standardErrorLogPath = standardErrorLogPath
            self.mouse = mouse
        }
    }
}
