/// `202E` for U+202E: a code point in hexadecimal as Unicode writes it, at least four digits.
package func codePointHex(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}
