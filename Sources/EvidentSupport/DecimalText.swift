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
