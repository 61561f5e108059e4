#if canImport(Glibc)
import Glibc
#endif
import TUICore
import EventModel
import EventStore
import JSON

/// One event as a line of output: JSON Lines for scripts, aligned columns for people.
enum EventLine {
    /// The canonical JSON Lines form (see docs/store-format.md). Payloads are embedded as they are
    /// stored when they are valid single-line JSON; otherwise re-serialised, or kept as a string.
    static func json(_ event: Event) -> String {
        var out = "{\"position\":\(event.position),\"id\":"
        JSONWriter.appendQuoted(event.id, into: &out)
        out += ",\"stream\":"
        JSONWriter.appendQuoted(event.stream, into: &out)
        out += ",\"stream_type\":"
        JSONWriter.appendQuoted(event.streamType, into: &out)
        out += ",\"type\":"
        JSONWriter.appendQuoted(event.type, into: &out)
        out += ",\"version\":\(event.version),\"schema_version\":\(event.schemaVersion),\"data\":"
        // A source that found no problem has checked both payloads: they need not be parsed again.
        out += embeddable(event.data, known: event.problems.isEmpty)
        out += ",\"metadata\":"
        out += embeddable(event.metadata, known: event.problems.isEmpty)
        out += ",\"time\":"
        JSONWriter.appendQuoted(event.recordedAt, into: &out)
        if !event.linkedStreams.isEmpty {
            out += ",\"streams\":" + JSONWriter.compact(.array(event.linkedStreams.map { .string($0) }))
        }
        if !event.problems.isEmpty {
            out += ",\"problems\":" + JSONWriter.compact(.array(event.problems.map { .string($0) }))
        }
        return out + "}"
    }

    /// Raw JSON as it can stand inside one line of JSON Lines.
    private static func embeddable(_ raw: String, known valid: Bool) -> String {
        let multiline = raw.containsLineBreak
        if valid, !multiline { return raw.trimmingWhitespace }
        guard let value = try? JSONParser.parse(raw) else { return JSONWriter.quoted(raw) }
        return multiline ? JSONWriter.compact(value) : raw.trimmingWhitespace
    }

    /// `position  time  stream  type  data`, escaped for the terminal.
    static func text(_ event: Event) -> String {
        let position = String(event.position)
        let padded = String(repeating: " ", count: max(0, 8 - position.count)) + position
        return [padded, event.time?.iso8601 ?? event.recordedAt, SafeText.escaped(event.stream),
                SafeText.escaped(event.type) + (event.schemaVersion == 1 ? "" : "@\(event.schemaVersion)"),
                SafeText.escaped(event.data)].joined(separator: "  ")
    }
}

extension String {
    /// The text without leading and trailing whitespace; looks only at the ends (payloads can be
    /// hundreds of megabytes).
    var trimmingWhitespace: String {
        var copy = self
        return copy.withUTF8 { bytes in
            let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            var first = 0, end = bytes.count
            while first < end, isSpace(bytes[first]) { first += 1 }
            while end > first, isSpace(bytes[end - 1]) { end -= 1 }
            if first == 0 && end == bytes.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<end]), as: UTF8.self)
        }
    }

    /// Whether the text holds a line break, found by memchr.
    var containsLineBreak: Bool {
        var copy = self
        return copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0x0A, bytes.count) != nil || memchr(base, 0x0D, bytes.count) != nil
        }
    }
}
