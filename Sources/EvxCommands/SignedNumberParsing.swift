import ArgumentParser

extension SingleValueParsingStrategy {
    /// For numeric options: the next word is the value even when it starts with `-`, so that
    /// `--limit -1` reaches validation ("--limit must be 0 or more") instead of being read as an
    /// option and reported as a missing value.
    static var signedNumber: SingleValueParsingStrategy { .unconditional }
}
