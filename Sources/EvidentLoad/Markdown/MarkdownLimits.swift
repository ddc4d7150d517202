import EvidentSupport

/// Bounds on the work cmark-gfm does for one body, so that no single file can stall `build`,
/// `pack` or `serve`. The library's table extension is quadratic in a table's columns, in time and
/// memory, and some inline constructs are slow on every byte; within these bounds no known
/// pathological body stalls a run. The loader reports a body past a bound
/// (`syntax/markdown`), and the renderer applies the same assessment, so what is reported is
/// exactly what is rendered differently.
enum MarkdownLimits {
    /// Above this many bytes a body is shown as preformatted text, not rendered.
    static let maximumBytes = 256 * 1024
    /// Above this many `|` on one line, or in the whole body, tables are not recognised.
    static let maximumPipesPerLine = 200
    static let maximumPipes = 50_000

    enum Assessment: Equatable, Sendable {
        case render
        /// Rendered with the table extension off: table rows stay paragraphs of text. `line` is
        /// the widest line, counted from 0 at the body's first line.
        case withoutTables(reason: String, line: Int)
        /// Shown as it is written, in one preformatted block.
        case plainText(reason: String)
    }

    /// A count of bytes and pipes: linear, and much cheaper than the parse it guards.
    static func assess(_ text: String) -> Assessment {
        let bytes = text.utf8.count
        if bytes > maximumBytes {
            return .plainText(reason: "it is \(bytes / 1024) KB, more than the \(maximumBytes / 1024) KB evident renders")
        }
        var total = 0, onLine = 0, widest = 0, widestLine = 0, line = 0
        // Over the contiguous bytes, not through the string's index: every body goes through here.
        var contiguous = text
        // No more `|` in all than a line may hold: within both bounds, whatever the lines.
        if text.count(ofByte: UInt8(ascii: "|")) <= min(maximumPipesPerLine, maximumPipes) { return .render }
        contiguous.withUTF8 { buffer in
            for byte in buffer {
                if byte == UInt8(ascii: "|") {
                    total += 1
                    onLine += 1
                    if onLine > widest { (widest, widestLine) = (onLine, line) }
                } else if byte == UInt8(ascii: "\n") {
                    onLine = 0
                    line += 1
                }
            }
        }
        if widest > maximumPipesPerLine {
            return .withoutTables(reason: "a line has \(widest) `|`, more than the \(maximumPipesPerLine) of the widest table evident renders",
                                  line: widestLine)
        }
        if total > maximumPipes {
            return .withoutTables(reason: "it has \(total) `|`, more than the \(maximumPipes) table cells evident renders",
                                  line: widestLine)
        }
        return .render
    }
}
