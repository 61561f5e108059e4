import JSON

/// An answer of "nothing": exit status 1 (as grep's), one line on stderr saying what was not
/// found, and with `--json` the command's empty JSON on stdout, so a script still reads its shape.
struct NothingFound: Error {
    static let exitStatus: Int32 = 1

    let message: String
    /// What `--json` prints instead of a result; nil for text output (and for JSON Lines, where
    /// no line at all is the empty answer).
    let json: JSONValue?
}
