import Testing
@testable import EvidentSupport

/// `JSONStream` writes what the tree `JSONTree` builds from the same calls serializes to.
@Suite struct JSONStreamTests {
    /// The same calls made on both builders.
    private struct Both: JSONBuilding {
        var stream = JSONStream(capacity: 16)
        var tree = JSONTree()
        mutating func beginObject() { stream.beginObject(); tree.beginObject() }
        mutating func beginArray() { stream.beginArray(); tree.beginArray() }
        mutating func end() { stream.end(); tree.end() }
        mutating func key(_ key: StaticString) { stream.key(key); tree.key(key) }
        mutating func value(_ value: String?) { stream.value(value); tree.value(value) }
        mutating func value(_ value: Int?) { stream.value(value); tree.value(value) }
        mutating func value(_ value: Double?) { stream.value(value); tree.value(value) }
        mutating func number(_ literal: String) { stream.number(literal); tree.number(literal) }
    }

    @Test func writesWhatTheTreeSerializesTo() {
        var random = SplitMix64(seed: 7)
        let keys: [StaticString] = ["a", "b", "long_key"]
        func build(_ out: inout Both, depth: Int) {
            switch random.next() % (depth > 3 ? 4 : 6) {
            case 0: out.value("<\"é\u{2028}\n" + String(random.next() % 9))
            case 1: out.value(Int(random.next() % 100) - 50)
            case 2 where random.next() % 2 == 0: out.value(99.501, written: "99.5010000000000000001")
            case 2: out.value(random.next() % 2 == 0 ? 2.5 : 4.0)
            case 3: out.value(nil as String?)
            case 4:
                out.beginObject()
                for k in 0..<Int(random.next() % 3) {
                    out.key(keys[k])
                    build(&out, depth: depth + 1)
                }
                out.end()
            default:
                out.beginArray()
                for _ in 0..<Int(random.next() % 3) { build(&out, depth: depth + 1) }
                out.end()
            }
        }
        for _ in 0..<500 {
            var both = Both()
            build(&both, depth: 0)
            #expect(both.stream.out.text == both.tree.root.serialized(pretty: true).dropLast(), "\(both.tree.root.serialized())")
        }
    }
}
