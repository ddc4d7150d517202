import Testing
@testable import EvidentLoad

/// The walk tests every listed name for the pack on every core, a run of entries each: what it
/// keeps is what one pass over the entries keeps, in their order, across the runs' edges.
@Suite struct LeftOutByNameTests {
    @Test func theRunsKeepWhatOnePassKeepsInOrder() {
        // A leftover, a name Windows cannot extract and an Office lock file every 997 entries, so
        // that they fall in several runs of 1,024 and at various places in them.
        func name(_ i: Int) -> String {
            switch i % 997 {
            case 3: "evidence/f\(i)/Thumbs.db"
            case 500: "evidence/a\(i):b.pdf"
            case 996: "evidence/~$r\(i).docx"
            default: "evidence/file-\(i).pdf"
            }
        }
        let entries = (0..<5_000).map { i in
            ContentWalker.Entry(kind: .evidence, relative: name(i), display: "content/" + name(i), path: "/content/" + name(i))
        }
        let expected = (0..<5_000).filter { [3, 500, 996].contains($0 % 997) }.map(name)
        #expect(expected.count == 16)
        #expect(ContentWalker.leftOutByName(entries).map(\.relative) == expected)
        #expect(ContentWalker.leftOutByName(Array(entries.prefix(3))).isEmpty)
        #expect(ContentWalker.leftOutByName([]).isEmpty)
    }
}
