extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line ends and Unicode
    /// spaces). Foundation's `trimmingCharacters(in:)` bridges through NSString and was a sixth of
    /// the loading time on 10,000 objectives.
    var trimmed: String {
        let scalars = unicodeScalars
        if let head = scalars.first, let tail = scalars.last, !head.properties.isWhitespace, !tail.properties.isWhitespace {
            return String(self)
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
