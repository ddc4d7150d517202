import Foundation

/// Paths inside the pack: how they are ordered and which ones may be written or trusted.
package enum PackPath {
    /// Sorted by UTF-8 bytes, as `LC_ALL=C sort` orders them, so the order never depends on the
    /// locale or on Unicode collation.
    package static func sorted<S: Sequence>(_ paths: S) -> [String] where S.Element == String {
        sorted(Array(paths))
    }

    /// The same for an array, whose sort is specialised here: a generic one, which other modules
    /// get, copies each string through its type's witnesses.
    package static func sorted(_ paths: [String]) -> [String] {
        paths.sorted(by: precedes)
    }

    /// Whether `a` comes before `b` in that order: `a.utf8.lexicographicallyPrecedes(b.utf8)`,
    /// compared with `memcmp`, not by the generic comparison: a site sorts a path for every file.
    package static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let shorter = min(x.count, y.count)
                guard shorter > 0, let left = x.baseAddress, let right = y.baseAddress else { return x.count < y.count }
                let order = memcmp(left, right, shorter)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }

    /// A relative path that stays inside the folder it is extracted to, on Linux, macOS and Windows,
    /// and that fits on one manifest line: no leading `/`, no `.`, `..` or empty component, no
    /// backslash, no control character (a newline would split the manifest line), no drive letter.
    /// Every content file's name is asked this, so it is one pass over the bytes: in UTF-8 a
    /// control character, a backslash, `/`, `.` and `:` are single bytes no other character
    /// contains. Only a first component with a colon is looked at again, as characters.
    package static func isSafe(_ path: String) -> Bool {
        scan(path).safe
    }

    /// `isSafe`, and whether the path holds a byte a direction control starts with.
    private static func scan(_ path: String) -> (safe: Bool, directionByte: Bool, nonASCII: Bool) {
        var path = path
        let (safe, colonFirst, directionByte, nonASCII) = path.withUTF8 { bytes -> (Bool, Bool, Bool, Bool) in
            guard let start = bytes.first, start != UInt8(ascii: "/") else { return (false, false, false, false) }
            // The component so far: its length in bytes, and how many of them are dots.
            var length = 0, dots = 0, first = true, colon = false, direction = false, wide = false
            for byte in bytes {
                if byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F { return (false, false, false, false) }
                // Every direction control starts with one of these bytes in UTF-8.
                if byte == 0xE2 || byte == 0xD8 { direction = true }
                if byte >= 0x80 { wide = true }
                if byte == UInt8(ascii: "/") {
                    if length == 0 || (dots == length && length <= 2) { return (false, false, false, false) }
                    (length, dots, first) = (0, 0, false)
                } else {
                    length += 1
                    if byte == UInt8(ascii: ".") { dots += 1 }
                    if first, byte == UInt8(ascii: ":") { colon = true }
                }
            }
            return (length > 0 && !(dots == length && length <= 2), colon, direction, wide)
        }
        guard safe, colonFirst else { return (safe, directionByte, nonASCII) }
        // A drive letter: the first component's second character is a colon (`C:`).
        let first = path[..<(path.firstIndex(of: "/") ?? path.endIndex)]
        return (!(first.count >= 2 && first.dropFirst().first == ":"), directionByte, nonASCII)
    }

    /// A path the pack writes for a content file: `isSafe`, no direction control
    /// (`isDirectionControl`), which shows the name as another in every listing of the pack,
    /// composed (`isComposed`), and no component Windows cannot extract under its own name
    /// (`windowsProblem`). `isSafe` alone is what a pack read back must meet, since an earlier
    /// evident wrote such names.
    package static func isWritable(_ path: String) -> Bool {
        let (safe, directionByte, nonASCII) = scan(path)
        guard safe else { return false }
        // The byte tests spare nearly every name the scalar walks.
        if directionByte, path.unicodeScalars.contains(where: isDirectionControl) { return false }
        if nonASCII, !isComposed(path) { return false }
        // Every content file's name is asked this: the components are read in place, as bytes.
        var path = path
        return path.withUTF8 { bytes in
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                if mayBeWindowsProblem(bytes, start, end),
                   windowsProblem(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) != nil {
                    return false
                }
                start = end + 1
            }
            return true
        }
    }

    /// Whether the component `bytes[start..<end]` may have a `WindowsProblem`: it holds a character
    /// Windows refuses, ends with a dot or a space, or its stem (before the first dot, trailing
    /// spaces left out) is as long as a device name (3 to 5 bytes). False for nearly every name.
    private static func mayBeWindowsProblem(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        var stem = end - start
        for i in start..<end {
            switch bytes[i] {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "|"),
                 UInt8(ascii: "?"), UInt8(ascii: "*"):
                return true
            case UInt8(ascii: ".") where stem == end - start:
                stem = i - start
            default:
                break
            }
        }
        if bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: " ") { return true }
        while stem > 0, bytes[start + stem - 1] == UInt8(ascii: " ") { stem -= 1 }
        return stem >= 3 && stem <= 5
    }

    /// Whether `text` is in Unicode's composed form (NFC), as nearly every program writes names.
    /// libarchive's tar (bsdtar, and Windows' own `tar`) extracts a name in another form (`é` as
    /// `e` and a combining accent, as macOS writes some names) composed, so under a name the pack's
    /// manifest does not list; unzip, 7-Zip and Python keep its bytes.
    package static func isComposed<S: StringProtocol>(_ text: S) -> Bool {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return true }
        return text.unicodeScalars.elementsEqual(String(text).precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// The first character `isWritable` refuses wherever it is: a backslash, a control character,
    /// a direction control, or a character Windows does not allow in a name (`<>:"|?*`).
    package static func unsafeCharacter<S: StringProtocol>(in path: S) -> Unicode.Scalar? {
        path.unicodeScalars.first {
            $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F || isDirectionControl($0) || windowsReserved.contains($0)
        }
    }

    /// The characters Windows refuses in a file or folder name (besides `\\`, `/` and controls).
    package static let windowsReserved: Set<Unicode.Scalar> = ["<", ">", ":", "\"", "|", "?", "*"]

    /// Why Windows would extract a file or folder named `component` under another name, or not
    /// at all: a character it refuses, a trailing dot or space (which it strips, so `report.pdf.`
    /// lands on `report.pdf`), or a device name (`CON`, `nul.txt`, `COM1.csv`), which opens the
    /// device instead of a file.
    package enum WindowsProblem: Equatable, Sendable {
        case reservedCharacter(Unicode.Scalar)
        case trailing(Unicode.Scalar)
        case deviceName(String)
    }

    /// The first `WindowsProblem` of one component of a path (no `/` in it); nil for a name
    /// Windows extracts as it is.
    package static func windowsProblem<S: StringProtocol>(_ component: S) -> WindowsProblem? {
        // Nearly every name holds none of them: one pass over the bytes decides.
        let plain = !component.utf8.contains {
            switch $0 {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "|"),
                 UInt8(ascii: "?"), UInt8(ascii: "*"): true
            default: false
            }
        }
        if !plain, let character = component.unicodeScalars.first(where: windowsReserved.contains) {
            return .reservedCharacter(character)
        }
        if let last = component.unicodeScalars.last, last == "." || last == " " { return .trailing(last) }
        // The device names hold with any extension and trailing spaces: `NUL.txt`, `con .md`.
        // Only a stem of 3 to 5 bytes (`COM¹` is 5) is looked at as characters.
        var length = 0, kept = 0
        for byte in component.utf8 {
            if byte == UInt8(ascii: ".") { break }
            length += 1
            if byte != UInt8(ascii: " ") { kept = length }
        }
        guard kept >= 3, kept <= 5 else { return nil }
        let stem = String(decoding: component.utf8.prefix(kept), as: UTF8.self)
        let name = stem.uppercased()
        if ["CON", "PRN", "AUX", "NUL"].contains(name) { return .deviceName(stem) }
        if name.hasPrefix("COM") || name.hasPrefix("LPT"), name.count == 4, let digit = name.unicodeScalars.last,
           "0123456789\u{B9}\u{B2}\u{B3}".unicodeScalars.contains(digit) {
            return .deviceName(stem)
        }
        return nil
    }

    /// The marks, embeddings, overrides and isolates of the Unicode bidirectional algorithm: in a
    /// name they make `invoice<U+202E>fdp.exe` read as `invoiceexe.pdf`. Right-to-left letters are
    /// not among them.
    package static func isDirectionControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
