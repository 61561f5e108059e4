import JSON

extension JSONValue {
    /// An amount of money as the generated services write it: whole when it can be, so payloads
    /// read like a real service's, otherwise exact cents.
    public static func money(_ amount: Double) -> JSONValue {
        let cents = Int64((amount * 100).rounded())
        return cents % 100 == 0 ? .int(cents / 100) : .decimal(DecimalNumber(significand: Int128(cents), exponent: -2))
    }
}
