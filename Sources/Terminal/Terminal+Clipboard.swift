import Foundation
import Glibc

extension Terminal {
    /// Puts `text` on the clipboard of the terminal (and, over ssh, of the user's machine) with
    /// OSC 52, which xterm, iTerm2, kitty, WezTerm, Windows Terminal and tmux (set-clipboard)
    /// understand. The sequence moves nothing on the screen, so it is written straight to the
    /// terminal between frames.
    public func copyToClipboard(_ text: String) {
        guard !isStopped else { return }
        let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        fflush(nil)
        var bytes = Array(sequence.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress?.advanced(by: written), $0.count - written) }
            if count <= 0 { break }
            written += count
        }
    }
}
