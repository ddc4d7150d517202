/// Reads the plain decimals of measurement values ("92.31", "-4", ".5") exactly as `Double(_:)`
/// does, without `strtod` for the short ones, which are nearly all: with at most 15 digits the
/// digits make an integer that a Double holds exactly, and dividing it by an exact power of ten is
/// one correctly rounded operation, so the result is the correctly rounded decimal, as `strtod`'s
/// is (Clinger's fast path). Every value cell of every measurements file is read here.
package enum DecimalText {
    /// 10^0 ... 10^15, each exactly representable.
    private static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
                                                1e13, 1e14, 1e15]

    package static func value(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { value($0) }
    }

    /// `value(_:)` of the text whose UTF-8 is `bytes`.
    package static func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        fastValue(bytes) ?? Double(String(decoding: bytes, as: UTF8.self))
    }

    /// The plain decimal that a number in exponent notation stands for, written out digit for digit
    /// (`1e3` → `1000`, `-2.5E-2` → `-0.025`, `1e+18` → `1000000000000000000`): what evident
    /// asks for in its place, and how it writes a Double whose shortest form has an exponent. nil
    /// when the text is not an optional sign, digits with at most one `.`, `e` or `E`, an optional
    /// sign and digits, or when the plain form would be longer than `maxLength` characters.
    package static func plainForm(ofExponentNotation text: some StringProtocol, maxLength: Int = 32) -> String? {
        let bytes = Array(text.utf8)
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits: [UInt8] = []
        var wholeDigits = 0
        while index < bytes.count, isDigit(bytes[index]) {
            digits.append(bytes[index])
            index += 1
        }
        wholeDigits = digits.count
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                digits.append(bytes[index])
                index += 1
            }
        }
        guard !digits.isEmpty, index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") else { return nil }
        index += 1
        var exponentNegative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            exponentNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        // Capped: an exponent past any length asked for makes no plain form, and must not overflow.
        let cap = maxLength + digits.count + 1
        var exponent = 0
        let exponentStart = index
        while index < bytes.count, isDigit(bytes[index]) {
            exponent = min(exponent * 10 + Int(bytes[index] - 48), cap)
            index += 1
        }
        guard index > exponentStart, index == bytes.count else { return nil }
        // Where the decimal point falls among `digits`, counted from their start.
        let point = wholeDigits + (exponentNegative ? -exponent : exponent)
        guard point <= cap, -point <= cap else { return nil }
        let zero = UInt8(ascii: "0")
        var whole: [UInt8], fraction: [UInt8]
        if point <= 0 {
            whole = [zero]
            fraction = Array(repeating: zero, count: -point) + digits
        } else if point >= digits.count {
            whole = digits + Array(repeating: zero, count: point - digits.count)
            fraction = []
        } else {
            whole = Array(digits[..<point])
            fraction = Array(digits[point...])
        }
        while whole.count > 1, whole.first == zero { whole.removeFirst() }
        while fraction.last == zero { fraction.removeLast() }
        var out = whole
        if !fraction.isEmpty { out += [UInt8(ascii: ".")] + fraction }
        if negative, out != [zero] { out.insert(UInt8(ascii: "-"), at: 0) }
        guard out.count <= maxLength else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// `x` as a plain decimal, never with an exponent: Swift's shortest form that reads back as
    /// `x` (`0.00001`, not `1e-05`), whole numbers without `.0`.
    package static func plain(_ x: Double) -> String {
        // Below 2^53 a whole Double is its own shortest form; Swift writes those from 1e15 with `.0`.
        if x.rounded() == x, abs(x) < 9_007_199_254_740_992 { return String(Int(x)) }
        let shortest = String(x)
        return plainForm(ofExponentNotation: shortest, maxLength: 400) ?? shortest
    }

    /// An optional sign, digits with at most one `.`, at most 15 digits; nil for anything else.
    private static func fastValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 48 && byte <= 57 {
                guard digits < 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(byte - 48)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }
}
