import EvidentSupport
import Foundation
import Mustache

/// Renders the pages made one per objective or review without running Mustache on each of them.
///
/// swift-mustache spends microseconds on every tag (it splits each name, walks the context stack
/// and casts every object it meets to half a dozen protocols), and on 10,000 objective pages that
/// was a quarter of a large build's time. Yet two pages whose contexts have the same *shape* (the
/// same keys, the same booleans, lists of the same lengths, the same strings empty) take the same
/// path through a template: what differs is only which text is written where. So the first page
/// of each shape is rendered with every non-empty text replaced by a numbered marker, and the
/// output, cut at the markers, is kept as that shape's skeleton; every later page of the shape is
/// the skeleton with its own texts put in, escaped where Mustache escaped the marker.
///
/// This is exact only for templates whose output depends on values through nothing else, which
/// `allows(_:)` checks before a template is rendered this way: no transforms (`{{upper(x)}}`), no
/// partial or block indented on its line (Mustache then looks at the text it has written), no
/// changed delimiters or content type, no dynamic partials, and no marker character in the
/// template. A context with a value of another kind than the site's pages use (strings, numbers,
/// booleans, dictionaries, lists) is rendered by Mustache as it is. A test renders every page of
/// the example site and thousands of random contexts both ways and compares the bytes.
final class RenderMemo: @unchecked Sendable {
    /// A rendered page with holes: `texts[i]`, then the value of `slots[i]`, …, then the last text.
    struct Skeleton {
        var texts: [[UInt8]]
        var slots: [(leaf: Int, escaped: Bool)]

        /// Cuts a page rendered from marked values at its markers; nil when the page holds a
        /// marker character that is not one of ours.
        init?(_ rendered: String, leaves: Int) {
            var texts: [[UInt8]] = []
            var slots: [(leaf: Int, escaped: Bool)] = []
            var ok = true
            let bytes = Array(rendered.utf8)
            var start = 0, i = 0
            while let found = ByteSearch.first(RenderMemo.open, in: bytes, from: i) {
                var j = found + RenderMemo.open.count
                guard j < bytes.count, bytes[j] == UInt8(ascii: "&") else { ok = false; break }
                j += 1
                let escaped = ByteSearch.starts(bytes, at: j, with: Array("amp;".utf8))
                if escaped { j += 4 }
                var number = 0, digits = 0
                while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39, digits < 9 {
                    number = number * 10 + Int(bytes[j] - 0x30)
                    digits += 1
                    j += 1
                }
                guard digits > 0, number < leaves, ByteSearch.starts(bytes, at: j, with: RenderMemo.close) else {
                    ok = false
                    break
                }
                texts.append(Array(bytes[start..<found]))
                slots.append((number, escaped))
                i = j + RenderMemo.close.count
                start = i
            }
            texts.append(Array(bytes[start...]))
            guard ok, texts.count == slots.count + 1 else { return nil }
            self.texts = texts
            self.slots = slots
        }

        /// The page for `leaves`, the texts of a context of this skeleton's shape, as UTF-8.
        func fill(_ leaves: [Leaf]) -> TextBuffer {
            var size = 0
            for text in texts { size += text.count }
            for slot in slots { size += leaves[slot.leaf].count }
            var out = TextBuffer(capacity: size + size / 16)
            for (i, slot) in slots.enumerated() {
                texts[i].withUnsafeBufferPointer { out.append($0) }
                switch leaves[slot.leaf] {
                case let .text(text):
                    if slot.escaped { HTMLText.escape(text, into: &out) } else { out.append(text) }
                case let .bytes(bytes):
                    if slot.escaped { HTMLText.escape(bytes.buffer, into: &out) } else { out.append(bytes.buffer) }
                }
            }
            texts.last?.withUnsafeBufferPointer { out.append($0) }
            return out
        }
    }

    /// A text of a context: a string, or text the site wrote as bytes (`HTMLBytes`).
    enum Leaf {
        case text(String)
        case bytes(HTMLBytes)

        var count: Int {
            switch self {
            case let .text(text): text.utf8.count
            case let .bytes(bytes): bytes.buffer.count
            }
        }
    }

    /// A context taken apart: its shape, as bytes to look a skeleton up by, and its non-empty texts
    /// in the order the walk met them.
    struct Shape {
        var signature = Signature()
        var leaves: [Leaf] = []

        /// The shape as bytes: a letter per value (`s` a text, `1` true, `{`…`}` a dictionary,
        /// `[`…`]` a list…), each key of a dictionary after 0xFF and before 0xFE, two bytes
        /// that UTF-8 never uses, so that no two shapes have the same bytes.
        struct Signature: Hashable {
            var bytes: [UInt8] = []
            /// A digest of `bytes`, made once the walk is done, outside the memo's lock: hashing
            /// two kilobytes with `Hasher` at each look-up, under the lock, had shown. Equal
            /// signatures are still told by their bytes.
            private(set) var digest: UInt64 = 0

            mutating func seal() {
                digest = bytes.withUnsafeBytes { raw in
                    var h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
                    var i = 0
                    while i + 8 <= raw.count {
                        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                        h ^= h >> 32
                        i += 8
                    }
                    while i < raw.count {
                        h = (h ^ UInt64(raw[i])) &* 0xC4CE_B9FE_1A85_EC53
                        i += 1
                    }
                    return h ^ (h >> 29)
                }
            }

            static func == (a: Signature, b: Signature) -> Bool { a.digest == b.digest && a.bytes == b.bytes }

            func hash(into hasher: inout Hasher) { hasher.combine(digest) }
        }

        /// Nil when the context holds a value of a kind the memo does not know.
        init?(_ context: [String: Any]) {
            signature.bytes.reserveCapacity(2048)
            leaves.reserveCapacity(128)
            guard walk(context) else { return nil }
            signature.seal()
        }

        private mutating func append(_ byte: Unicode.Scalar) {
            signature.bytes.append(UInt8(truncatingIfNeeded: byte.value))
        }

        private mutating func appendKey(_ key: String) {
            signature.bytes.append(0xFF)
            if key.utf8.withContiguousStorageIfAvailable({ signature.bytes.append(contentsOf: $0) }) == nil {
                signature.bytes.append(contentsOf: key.utf8)
            }
            signature.bytes.append(0xFE)
        }

        // The types of the values pages are made of. A value is told by its exact type first:
        // a failed cast (`as? [String: Any]` of a string) costs hundreds of instructions, and a
        // page has hundreds of values. Any other type goes through the casts.
        private static let string = ObjectIdentifier(String.self)
        private static let text = ObjectIdentifier(MustacheText.self)
        private static let bytes = ObjectIdentifier(HTMLBytes.self)
        private static let bool = ObjectIdentifier(Bool.self)
        private static let dictionary = ObjectIdentifier([String: Any].self)
        private static let map = ObjectIdentifier(ContextMap.self)
        private static let list = ObjectIdentifier([[String: Any]].self)
        private static let int = ObjectIdentifier(Int.self)

        private mutating func walk(_ value: Any) -> Bool {
            switch ObjectIdentifier(type(of: value)) {
            case Self.string: walk(string: value as! String)
            case Self.text: walk(text: value as! MustacheText)
            case Self.bytes: walk(bytes: value as! HTMLBytes)
            case Self.bool: append(value as! Bool ? "1" : "0")
            case Self.dictionary: return walk(dictionary: value as! [String: Any])
            case Self.map: return walk(map: value as! ContextMap)
            case Self.list: return walk(list: value as! [[String: Any]])
            case Self.int: walk(int: value as! Int)
            default: return walk(cast: value)
            }
            return true
        }

        private mutating func walk(cast value: Any) -> Bool {
            switch value {
            case let string as String: walk(string: string)
            case let text as MustacheText: walk(text: text)
            case let bytes as HTMLBytes: walk(bytes: bytes)
            case let bool as Bool: append(bool ? "1" : "0")
            case let dictionary as [String: Any]: return walk(dictionary: dictionary)
            case let map as ContextMap: return walk(map: map)
            case let list as [[String: Any]]: return walk(list: list)
            case let list as [Any]:
                append("(")
                for item in list { guard walk(item) else { return false } }
                append(")")
            case let number as Int: walk(int: number)
            default:
                return false
            }
            return true
        }

        private mutating func walk(int: Int) {
            append("i")
            leaves.append(.text(String(int)))
        }

        private mutating func walk(string: String) {
            if string.isEmpty { append("e") } else { append("s"); leaves.append(.text(string)) }
        }

        private mutating func walk(text: MustacheText) {
            if text.value.isEmpty { append("E") } else { append("S"); leaves.append(.text(text.value)) }
        }

        private mutating func walk(bytes: HTMLBytes) {
            if bytes.buffer.count == 0 { append("b") } else { append("B"); leaves.append(.bytes(bytes)) }
        }

        private mutating func walk(dictionary: [String: Any]) -> Bool {
            append("{")
            // Sorted, so that two dictionaries of the same keys are walked in the same order.
            for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
                appendKey(key)
                guard walk(value) else { return false }
            }
            append("}")
            return true
        }

        private mutating func walk(map: ContextMap) -> Bool {
            append("{")
            for (key, value) in zip(map.keys, map.values) {
                appendKey(key)
                guard walk(value) else { return false }
            }
            append("}")
            return true
        }

        private mutating func walk(list: [[String: Any]]) -> Bool {
            append("[")
            for item in list { guard walk(dictionary: item) else { return false } }
            append("]")
            return true
        }

        /// `context` with every non-empty text replaced by its marker, walked as `init` walks it.
        /// Dictionaries and lists are wrapped so that one written as text (`{{.}}` on a
        /// dictionary writes its description, values and all) leaves a mark the skeleton refuses.
        static func marked(_ context: [String: Any]) -> Any {
            var counter = 0
            return mark(context, &counter)
        }

        private static func mark(_ value: Any, _ counter: inout Int) -> Any {
            func next() -> String {
                defer { counter += 1 }
                return "\u{E000}&\(counter)\u{E001}"
            }
            switch value {
            case let string as String: return string.isEmpty ? string : next()
            case let text as MustacheText: return text.value.isEmpty ? text : MustacheText(next())
            case let bytes as HTMLBytes: return bytes.buffer.count == 0 ? bytes : MustacheText(next())
            case let bool as Bool: return bool
            case let dictionary as [String: Any]:
                var out: [String: Any] = [:]
                for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) { out[key] = mark(value, &counter) }
                return MarkedDictionary(values: out)
            case let map as ContextMap:
                var out: [String: Any] = [:]
                for (key, value) in zip(map.keys, map.values) {
                    let marked = mark(value, &counter)
                    if out[key] == nil { out[key] = marked }
                }
                return MarkedDictionary(values: out)
            case let list as [[String: Any]]:
                return MarkedList(items: list.map { mark($0, &counter) })
            case let list as [Any]:
                return MarkedList(items: list.map { mark($0, &counter) })
            case is Int:
                // Mustache writes a number as its description, and finds nothing inside it, as in
                // a string.
                return next()
            default:
                return value
            }
        }
    }

    /// A dictionary of the marked context: looked up as the dictionary is, written as text as a
    /// mark that no skeleton accepts.
    struct MarkedDictionary: MustacheParent, CustomStringConvertible {
        let values: [String: Any]
        func child(named name: String) -> Any? { values[name] }
        var description: String { RenderMemo.poison }
    }

    /// A list of the marked context: iterated by sections as the list is, finds nothing inside
    /// itself (as Mustache finds nothing in an array), written as text as a refused mark.
    struct MarkedList: MustacheSequence, MustacheParent, CustomStringConvertible {
        let items: [Any]
        func makeIterator() -> IndexingIterator<[Any]> { items.makeIterator() }
        func child(named name: String) -> Any? { nil }
        var description: String { RenderMemo.poison }
    }

    /// What a dictionary or list of the marked context writes as text: a marker without a number.
    static let poison = "\u{E000}&\u{E001}"

    static let open = Array("\u{E000}".utf8)
    static let close = Array("\u{E001}".utf8)

    /// Whether a template's output depends on its values only through the paths sections take and
    /// the texts written, so that it can be rendered from a skeleton. Conservative: a false answer
    /// only means Mustache renders every page.
    static func allows(_ template: String) -> Bool {
        if template.unicodeScalars.contains(where: { $0 == "\u{E000}" || $0 == "\u{E001}" }) { return false }
        let bytes = Array(template.utf8)
        var i = 0
        while let tag = ByteSearch.first(Array("{{".utf8), in: bytes, from: i) {
            var start = tag + 2
            var end = Array("}}".utf8)
            if start < bytes.count, bytes[start] == UInt8(ascii: "{") {
                start += 1
                end = Array("}}}".utf8)
            }
            guard let close = ByteSearch.first(end, in: bytes, from: start) else { return true }
            i = close + end.count
            guard start < close else { continue }
            let inner = bytes[start..<close]
            switch inner.first {
            case UInt8(ascii: "!"):
                continue
            case UInt8(ascii: "="), UInt8(ascii: "%"):
                return false
            case UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "$"):
                // A dynamic partial, `{{>*name}}`, takes its name from the values.
                if inner.dropFirst().first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "*") { return false }
                // What stands before the tag on its line: only blanks make it an indented tag.
                var k = tag
                while k > 0, bytes[k - 1] == 0x20 || bytes[k - 1] == 0x09 { k -= 1 }
                if k < tag, k == 0 || bytes[k - 1] == 0x0A || bytes[k - 1] == 0x0D { return false }
            default:
                break
            }
            if inner.contains(UInt8(ascii: "(")) { return false }
        }
        return true
    }

    /// Past this many shapes of one template a page is rendered by Mustache: a theme whose pages
    /// rarely share a shape would only pay for the markers, and keep a skeleton (some ten
    /// kilobytes) per page. The default theme makes five shapes of 10,000 objective pages.
    static let maximumShapes = 500

    private let lock = NSLock()
    private var skeletons: [String: [Shape.Signature: Skeleton]] = [:]
    private var refused: Set<String> = []

    private var hits = 0
    private var misses = 0

    /// Pages made from a skeleton, and skeletons made, for tests and `EVIDENT_TIMING`.
    var counts: (hits: Int, misses: Int) { lock.withLock { (hits, misses) } }

    /// The page `name` renders for `context`: from the skeleton of its shape when there is one,
    /// else through `render` (Mustache), once with markers to make the skeleton.
    func render(_ name: String, _ context: [String: Any], _ render: (Any) throws -> String) throws -> TextBuffer {
        guard let shape = Shape(context) else { return TextBuffer(try render(context)) }
        let known: Skeleton?? = lock.withLock {
            if refused.contains(name) { return .some(nil) }
            if let skeleton = skeletons[name]?[shape.signature] {
                hits += 1
                return .some(skeleton)
            }
            if skeletons[name, default: [:]].count >= Self.maximumShapes { return .some(nil) }
            return .none
        }
        switch known {
        case let .some(.some(skeleton)): return skeleton.fill(shape.leaves)
        case .some(.none): return TextBuffer(try render(context))
        case .none: break
        }
        let rendered = try render(Shape.marked(context))
        guard let skeleton = Skeleton(rendered, leaves: shape.leaves.count) else {
            lock.withLock { _ = refused.insert(name) }
            return TextBuffer(try render(context))
        }
        lock.withLock {
            misses += 1
            skeletons[name, default: [:]][shape.signature] = skeleton
        }
        return skeleton.fill(shape.leaves)
    }
}
