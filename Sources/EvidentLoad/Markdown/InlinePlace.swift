/// Where an inline (a link, an image, raw HTML) of a paragraph or heading really starts, from the
/// place cmark-gfm 0.29 gives it. cmark places an inline on a block's later line as if that line's
/// text began in the block's first column, whatever the line's own prefix (a lazy line, a deeper
/// indent, a `>` fewer), and a link or image that spans lines on the line where it closes. So the
/// inline starts at the nearest `marker` at or above that line, in the block, that cmark would
/// have placed in that column. A tab cmark reads partly as blanks can still mislead it by a column.
enum InlinePlace {
    /// Lines from 0, columns and offsets in bytes from 0 (`offset` within its line); nil when no
    /// byte fits. `end`: a link's or an image's last column, as cmark gives it, on the line where
    /// it closes; it may start on an earlier line, and does when its start is not before its end.
    static func find(marker: UInt8, line: Int, column: Int, end: Int?, block: (line: Int, column: Int),
                             bytes: UnsafeBufferPointer<UInt8>, lineStarts: [Int]) -> (line: Int, offset: Int)? {
        guard block.line >= 0, block.line <= line, line < lineStarts.count, column >= 0 else { return nil }
        var fallback: (line: Int, offset: Int)?
        for candidate in stride(from: line, through: end == nil ? line : block.line, by: -1) {
            if candidate == line, let end, column >= end { continue }
            let start = lineStarts[candidate]
            let stop = candidate + 1 < lineStarts.count ? lineStarts[candidate + 1] : bytes.count
            let text = UnsafeBufferPointer(rebasing: bytes[start..<stop])
            for offset in offsets(in: text, column: column, first: candidate == block.line, blockColumn: block.column)
            where fits(marker, at: offset, in: text) {
                // `[ref]` after a link's `]` is not where it starts; keep it only if nothing else fits.
                guard marker == UInt8(ascii: "["), offset > 0, text[offset - 1] == UInt8(ascii: "]") else {
                    return (candidate, offset)
                }
                fallback = fallback ?? (candidate, offset)
            }
        }
        return fallback
    }

    /// The offsets in a line that cmark would place in `column`, likeliest first. The first line
    /// is placed right. cmark counts a later line's columns from where its text starts, which is
    /// after the line's prefix of blanks and `>` markers (a continuation line) or somewhere in
    /// that prefix (a lazy line keeps the blanks after the containers it matched, and its text may
    /// itself start with `>`); each such start gives one offset.
    private static func offsets(in text: UnsafeBufferPointer<UInt8>, column: Int, first: Bool, blockColumn: Int) -> [Int] {
        if first { return [column] }
        var prefix = 0
        prefixScan: while prefix < text.count {
            switch text[prefix] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ">"): prefix += 1
            default: break prefixScan
            }
        }
        // cmark: column = (offset - start) + blockColumn
        let (shift, overflow) = column.subtractingReportingOverflow(blockColumn)
        guard !overflow, shift >= 0, shift <= Int.max - prefix else { return [] }
        return (0...prefix).reversed().map { $0 + shift }
    }

    private static func fits(_ marker: UInt8, at offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard offset >= 0, offset < text.count, text[offset] == marker else { return false }
        if marker == UInt8(ascii: "!") { return offset + 1 < text.count && text[offset + 1] == UInt8(ascii: "[") }
        // An escaped bracket opens nothing.
        return marker != UInt8(ascii: "[") || offset == 0 || text[offset - 1] != UInt8(ascii: "\\")
    }
}
