import EvidentSupport
import Mustache

/// HTML the site wrote itself as bytes (a trend chart, the rows of a table), placed in a page
/// with `{{{…}}}`. Made into a string only when Mustache renders it: a page from a skeleton
/// (`RenderMemo`) copies the bytes as they are, and turning nine kilobytes of chart into a
/// `String` (which checks every byte) and back was a visible share of a large build. To a
/// template it is the text, as `MustacheText` is.
///
/// A struct, not a class: the page walk asks every value whether it is one, and asking a
/// dictionary whether it is an instance of a class makes Foundation bridge it, strings and all.
struct HTMLBytes: MustacheParent, MustacheCustomRenderable, CustomStringConvertible, Sendable {
    /// Whole UTF-8 characters: only strings and ASCII go into a `TextBuffer`. Kept as it was
    /// written, not copied.
    let buffer: TextBuffer

    init(_ buffer: TextBuffer) { self.buffer = buffer }

    init(bytes: [UInt8]) {
        var buffer = TextBuffer(capacity: bytes.count)
        buffer.append(bytes)
        self.buffer = buffer
    }

    /// A copy of the bytes.
    var bytes: [UInt8] { buffer.bytes }

    func child(named: String) -> Any? { nil }
    var renderText: String { buffer.text }
    var isNull: Bool { false }
    var description: String { renderText }
}
