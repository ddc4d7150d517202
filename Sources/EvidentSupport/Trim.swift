extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line ends and Unicode
    /// spaces), without Foundation's `trimmingCharacters(in:)`, which bridges through NSString.
    package var trimmed: String { String(self).trimmed }
}

extension String {
    /// `StringProtocol.trimmed` for a `String`, which is what readers call it on: not generic,
    /// so that a call from another module does not run the unspecialised generic code.
    package var trimmed: String {
        // An empty cell (most notes and evidence cells of a measurements file) is itself.
        if isEmpty { return self }
        var text = self
        // Nearly every value starts and ends with a visible ASCII character: two bytes tell (read
        // in place, not through `utf8.first` and `.last`: this runs for every CSV cell).
        let visible = text.withUTF8 { bytes in
            guard let head = bytes.first, let tail = bytes.last else { return false }
            return (0x21...0x7E).contains(head) && (0x21...0x7E).contains(tail)
        }
        if visible { return text }
        let scalars = text.unicodeScalars
        if let head = scalars.first, let tail = scalars.last, !head.isSpace, !tail.isSpace {
            return text
        }
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        guard let last = scalars.lastIndex(where: { !$0.isSpace }) else { return "" }
        // A slice of a String's own scalars is copied at once, not appended a scalar at a time.
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// White space, answered without the Unicode property tables for ASCII (nearly every call).
    package var isSpace: Bool {
        switch value {
        case 9...13, 32: return true
        case 0..<128: return false
        default: return properties.isWhitespace
        }
    }
}
