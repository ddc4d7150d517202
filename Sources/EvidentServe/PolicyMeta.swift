/// A Content-Security-Policy `<meta>` of a page's head, found as a browser's HTML parser finds it:
/// tag and attribute names and the `http-equiv` value in any case (the value exactly, no spaces), values in double, single or no
/// quotes, attributes in any order, the first of two same-named attributes winning. Only the head
/// counts (a browser ignores such a `<meta>` anywhere else), and the head lasts until the body
/// starts: its tag, an element that belongs in the body, or text that is not whitespace. Comments
/// and the text of `script`, `style`, `title`, `noscript`, `noframes` and `template` are skipped.
struct PolicyMeta: Equatable {
    /// The `content` attribute's value in the page, its quotes included.
    var value: Range<Int>
    /// The policy, its character references decoded; nil when it cannot be read (`problem` says why).
    var policy: String?
    var problem: String?

    /// Every Content-Security-Policy `<meta>` of the page's head, in page order.
    static func all(in bytes: [UInt8]) -> [PolicyMeta] {
        var found: [PolicyMeta] = []
        var scan = HeadScanner(bytes: bytes)
        while let tag = scan.nextTag() {
            guard tag.name == "meta",
                  let equiv = tag.attribute("http-equiv"),
                  let kind = try? CharacterReferences.decode(bytes[equiv.text]).get(),
                  HeadScanner.lowered(Array(kind.utf8)[...]) == "content-security-policy",
                  let content = tag.attribute("content") else { continue }
            switch CharacterReferences.decode(bytes[content.text]) {
            case let .success(policy): found.append(PolicyMeta(value: content.whole, policy: policy, problem: nil))
            case let .failure(problem): found.append(PolicyMeta(value: content.whole, policy: nil, problem: "`\(problem.text)`, a character reference serve does not decode"))
            }
        }
        return found
    }
}

/// One start tag: its name in lower case and its attributes, where `text` is a value without its
/// quotes and `whole` with them.
struct StartTag {
    var name: String
    var attributes: [(name: String, text: Range<Int>, whole: Range<Int>)]

    /// The first attribute of that name (lower case), as a browser keeps it; one without a value
    /// (`<meta content>`) is left out, as it holds no policy to widen.
    func attribute(_ name: String) -> (text: Range<Int>, whole: Range<Int>)? {
        attributes.first { $0.name == name }.map { ($0.text, $0.whole) }
    }
}

/// The start tags of a page's head, read with the HTML tokenizer's rules for tags, attributes,
/// comments and raw text; `nextTag` returns nil once the body starts or the bytes end.
struct HeadScanner {
    let bytes: [UInt8]
    private var index = 0
    private var done = false

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A byte order mark is not text: a browser drops it when decoding.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    /// Elements a browser puts in the head (or reads there); any other start tag starts the body.
    static let headElements: Set<String> = ["html", "head", "base", "basefont", "bgsound", "link", "meta", "title", "style",
                                            "script", "noscript", "noframes", "template"]
    /// Elements whose content is not markup of the head: skipped to their end tag.
    static let rawText: Set<String> = ["title", "style", "script", "noscript", "noframes", "template"]

    mutating func nextTag() -> StartTag? {
        while !done, index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else {
                // Text that is not whitespace starts the body.
                if Self.isSpace(byte) { index += 1; continue }
                break
            }
            if starts("<!--") {
                index = commentEnd(from: index + 4)
            } else if starts("<!") || starts("<?") {
                index = after(UInt8(ascii: ">"), from: index + 2)
            } else if starts("</") {
                guard index + 2 < bytes.count, Self.isAlpha(bytes[index + 2]) else {
                    index = after(UInt8(ascii: ">"), from: index + 2)
                    continue
                }
                guard let read = readTag(from: index + 2) else { break }
                // `</body>`, `</html>` and `</br>` start the body; other end tags are ignored.
                if ["body", "html", "br"].contains(read.tag.name) { break }
                index = read.end
            } else if index + 1 < bytes.count, Self.isAlpha(bytes[index + 1]) {
                // A tag cut off by the end of the page is dropped, as a browser drops it.
                guard let read = readTag(from: index + 1), Self.headElements.contains(read.tag.name) else { break }
                index = Self.rawText.contains(read.tag.name) ? rawTextEnd(of: read.tag.name, from: read.end) : read.end
                return read.tag
            } else {
                // A `<` that opens no tag is text.
                break
            }
        }
        done = true
        return nil
    }

    private func starts(_ text: String) -> Bool {
        ASCIISearch.matches(Array(text.utf8), bytes[...], at: index)
    }

    /// Past the end of a comment whose `<!--` ends before `start` (`<!-->` and `<!--->` included).
    private func commentEnd(from start: Int) -> Int {
        if ASCIISearch.matches(Array(">".utf8), bytes[...], at: start) { return start + 1 }
        if ASCIISearch.matches(Array("->".utf8), bytes[...], at: start) { return start + 2 }
        var at = start
        while at < bytes.count {
            if ASCIISearch.matches(Array("-->".utf8), bytes[...], at: at) { return at + 3 }
            if ASCIISearch.matches(Array("--!>".utf8), bytes[...], at: at) { return at + 4 }
            at += 1
        }
        return bytes.count
    }

    private func after(_ byte: UInt8, from start: Int) -> Int {
        guard start < bytes.count else { return bytes.count }
        return bytes[start...].firstIndex(of: byte).map { $0 + 1 } ?? bytes.count
    }

    /// Past the end tag of raw text (`</script>`, in any case), or the end of the page.
    private func rawTextEnd(of name: String, from start: Int) -> Int {
        let close = Array("</\(name)".utf8)
        var at = start
        while let found = ASCIISearch.first(close, in: bytes[at...]) {
            let next = found + close.count
            if next >= bytes.count || Self.isSpace(bytes[next]) || bytes[next] == UInt8(ascii: "/") || bytes[next] == UInt8(ascii: ">") {
                return found
            }
            at = next
        }
        return bytes.count
    }

    /// The tag whose name starts at `start`, and the index past its `>`; nil when the page ends first.
    private func readTag(from start: Int) -> (tag: StartTag, end: Int)? {
        var at = start
        func isNameEnd(_ byte: UInt8) -> Bool { Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") }
        while at < bytes.count, !isNameEnd(bytes[at]) { at += 1 }
        var tag = StartTag(name: Self.lowered(bytes[start..<at]), attributes: [])
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: ">") { return (tag, at + 1) }
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") { at += 1; continue }
            // A name runs to whitespace, `/`, `>` or `=` (an `=` first is part of it).
            let nameStart = at
            at += 1
            while at < bytes.count, !isNameEnd(bytes[at]), bytes[at] != UInt8(ascii: "=") { at += 1 }
            let name = Self.lowered(bytes[nameStart..<at])
            while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
            guard at < bytes.count, bytes[at] == UInt8(ascii: "=") else { continue }
            at += 1
            while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
            guard at < bytes.count else { return nil }
            let valueStart = at
            let text: Range<Int>
            if bytes[at] == UInt8(ascii: "\"") || bytes[at] == UInt8(ascii: "'") {
                guard let close = bytes[(at + 1)...].firstIndex(of: bytes[at]) else { return nil }
                text = (at + 1)..<close
                at = close + 1
            } else if bytes[at] == UInt8(ascii: ">") {
                continue
            } else {
                while at < bytes.count, !Self.isSpace(bytes[at]), bytes[at] != UInt8(ascii: ">") { at += 1 }
                text = valueStart..<at
            }
            tag.attributes.append((name, text, valueStart..<at))
        }
        return nil
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    static func lowered(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map(ASCIISearch.lower), as: UTF8.self)
    }
}

/// The character references of an attribute value, decoded as a browser decodes those a policy is
/// written with: numeric ones, and `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;` (the first four
/// also without `;`, unless `=` follows). Any other named reference cannot be read here.
enum CharacterReferences {
    struct Unreadable: Error {
        var text: String
    }

    static let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]

    static func decode(_ value: ArraySlice<UInt8>) -> Result<String, Unreadable> {
        var out = ""
        var at = value.startIndex
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (0x61...0x66).contains(byte | 0x20) }
        func isAlphanumeric(_ byte: UInt8) -> Bool { HeadScanner.isAlpha(byte) || isDigit(byte) }
        while at < value.endIndex {
            guard value[at] == UInt8(ascii: "&") else {
                let next = value[at...].firstIndex(of: UInt8(ascii: "&")) ?? value.endIndex
                out += String(decoding: value[at..<next], as: UTF8.self)
                at = next
                continue
            }
            var end = at + 1
            if end < value.endIndex, value[end] == UInt8(ascii: "#") {
                // `&#65;` or `&#x41;`, the `;` optional; an invalid number is U+FFFD.
                end += 1
                let hex = end < value.endIndex && (value[end] | 0x20) == UInt8(ascii: "x")
                if hex { end += 1 }
                let digitsStart = end
                while end < value.endIndex, hex ? isHexDigit(value[end]) : isDigit(value[end]) { end += 1 }
                guard end > digitsStart else {
                    out += String(decoding: value[at..<end], as: UTF8.self)
                    at = end
                    continue
                }
                let digits = String(decoding: value[digitsStart..<end], as: UTF8.self)
                let scalar = digits.count <= 8 ? UInt32(digits, radix: hex ? 16 : 10).flatMap(UnicodeScalar.init) : nil
                out.unicodeScalars.append(scalar.flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}")
                if end < value.endIndex, value[end] == UInt8(ascii: ";") { end += 1 }
                at = end
                continue
            }
            while end < value.endIndex, isAlphanumeric(value[end]) { end += 1 }
            let name = String(decoding: value[(at + 1)..<end], as: UTF8.self)
            if end < value.endIndex, value[end] == UInt8(ascii: ";"), !name.isEmpty {
                guard let character = named[name] else { return .failure(Unreadable(text: "&\(name);")) }
                out += character
                at = end + 1
            } else if let character = named[name], name != "apos", end == value.endIndex || value[end] != UInt8(ascii: "=") {
                out += character
                at = end
            } else {
                out += String(decoding: value[at..<end], as: UTF8.self)
                at = end
            }
        }
        return .success(out)
    }
}
