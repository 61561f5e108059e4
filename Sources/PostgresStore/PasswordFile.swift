import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// libpq's password file (~/.pgpass, or `PGPASSFILE`): lines of
/// `hostname:port:database:username:password`, where each of the first four may be `*`, `\:` and
/// `\\` escape a colon and a backslash, and the first matching line wins. As libpq does, a file
/// that its group or others may read is ignored with a warning (it should be mode 0600).
enum PasswordFile {
    static func lookup(path: String, host: String, port: Int, database: String, user: String) throws -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        if info.st_mode & (S_IRWXG | S_IRWXO) != 0 {
            FileHandle.standardError.write(Data(("evx: warning: password file \"\(path)\" has group or world access; "
                + "permissions should be u=rw (0600) or less, so it is not used\n").utf8))
            return nil
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// Splits at unescaped colons into at most five fields, removing the escapes.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
