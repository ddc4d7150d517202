import Testing
@testable import EvidentSupport

/// `PackPath.isSafe` decides which files the pack carries and which `syntax/ignored-file` reports.
@Suite struct PackPathTests {
    /// The rule in its plain form, split into components, which the one-pass version must match.
    static func reference(_ path: String) -> Bool {
        if path.isEmpty || path.hasPrefix("/") { return false }
        if path.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) { return false }
        if let first = parts.first, first.count >= 2, first.dropFirst().first == ":" { return false }
        return true
    }

    @Test func namedCases() {
        for path in ["content/objectives/OBJ-1.md", "a", "...", "a/.../b", ".hidden/x", "content/é/ü.md", "ab:c/d:e", "x/c:",
                     "evidence/invoice\u{202E}fdp.exe"] {
            #expect(PackPath.isSafe(path), "\(path)")
        }
        for path in ["", "/etc/passwd", "a//b", "a/", "./a", "a/./b", "a/../b", "..", ".", "c:/x", "C:", "é:x/y", "a:b/c",
                     "a\\b", "a\nb", "a\tb", "a\u{7F}b", "a/\u{1B}[31m"] {
            #expect(!PackPath.isSafe(path), "\(path.debugDescription)")
        }
    }

    /// The pack writes no name with a direction control, though a pack read back may hold one.
    @Test func directionControlsAreReadButNeverWritten() {
        for path in ["evidence/invoice\u{202E}fdp.exe", "a\u{2066}b", "a\u{200F}", "\u{061C}x", "a/\u{202A}/b"] {
            #expect(PackPath.isSafe(path), "\(path.debugDescription)")
            #expect(!PackPath.isWritable(path), "\(path.debugDescription)")
        }
        for path in ["evidence/\u{62A}\u{642}\u{631}\u{64A}\u{631}.pdf", "evidence/\u{2060}\u{202F}\u{200B}.txt", "a\u{2010}b", "évidence/ü.md"] {
            #expect(PackPath.isWritable(path), "\(path.debugDescription)")
        }
        for path in ["", "../x", "a\\b", "a\nb"] { #expect(!PackPath.isWritable(path), "\(path.debugDescription)") }
    }

    /// Windows refuses `<>:"|?*` in a name, drops a trailing dot or space (so `report.pdf.` lands on
    /// `report.pdf`) and opens a device for `CON`, `nul.txt` or `COM1.csv`: the pack writes none of
    /// them, though a pack read back may hold one.
    @Test func namesWindowsCannotExtractAreNeverWritten() {
        let refused: [(String, PackPath.WindowsProblem?)] = [
            ("evidence/report.pdf.", .trailing(".")), ("evidence/report.pdf ", .trailing(" ")), ("evidence/2026 /x.csv", nil),
            ("evidence/a:b.txt", .reservedCharacter(":")), ("evidence/why?.pdf", .reservedCharacter("?")),
            ("evidence/a<b>.pdf", .reservedCharacter("<")), ("evidence/\"q\".pdf", .reservedCharacter("\"")),
            ("evidence/a|b", .reservedCharacter("|")), ("evidence/*.csv", .reservedCharacter("*")),
            ("evidence/CON", .deviceName("CON")), ("evidence/nul.txt", .deviceName("nul")), ("evidence/Aux.tar.gz", .deviceName("Aux")),
            ("evidence/COM1.csv", .deviceName("COM1")), ("evidence/lpt9", .deviceName("lpt9")), ("evidence/com\u{B9}.txt", .deviceName("com\u{B9}")),
            ("evidence/prn .md", .deviceName("prn")), ("aux/x.csv", nil),
        ]
        for (path, problem) in refused {
            #expect(PackPath.isSafe(path), "\(path.debugDescription)")
            #expect(!PackPath.isWritable(path), "\(path.debugDescription)")
            if let problem, let last = path.split(separator: "/").last {
                #expect(PackPath.windowsProblem(last) == problem, "\(path.debugDescription)")
            }
        }
        for path in ["evidence/report.pdf", "evidence/console.txt", "evidence/com10.csv", "evidence/COM.csv", "evidence/lpt.txt",
                     "evidence/auxiliary.md", "evidence/OBJ-CON-01.md", "evidence/nul-report.pdf", "evidence/a b.pdf", "evidence/v1.2 final.pdf",
                     "evidence/2026-10/x.csv", "content/é/ü.md", "evidence/%20.txt", "evidence/a+b=c;d,e[f]{g}.txt"] {
            #expect(PackPath.isWritable(path), "\(path.debugDescription)")
            #expect(path.split(separator: "/").allSatisfy { PackPath.windowsProblem($0) == nil }, "\(path.debugDescription)")
        }
    }

    /// A name not in composed form (NFC) is extracted composed by libarchive's tar, under a name the
    /// manifest does not list: the pack writes none, and composed or ASCII names are written.
    @Test func namesNotComposedAreNeverWritten() {
        for path in ["evidence/cafe\u{301}.pdf", "e\u{301}vidence/report.pdf", "evidence/\u{212B}ngstr\u{F6}m.txt", "evidence/\u{1100}\u{1161}.txt"] {
            #expect(PackPath.isSafe(path), "\(path.debugDescription)")
            #expect(!PackPath.isWritable(path), "\(path.debugDescription)")
            #expect(!PackPath.isComposed(path), "\(path.debugDescription)")
        }
        for path in ["evidence/caf\u{E9}.pdf", "evidence/\u{AC00}.txt", "evidence/report.pdf", "evidence/\u{1F600}.txt"] {
            #expect(PackPath.isWritable(path), "\(path.debugDescription)")
            #expect(PackPath.isComposed(path), "\(path.debugDescription)")
        }
    }

    /// Random paths from an alphabet of the characters that matter agree with the plain form.
    @Test func agreesWithThePlainForm() {
        let alphabet: [Character] = ["a", "é", ".", "/", ":", "\\", "\n", "\u{7F}", " ", "\u{1F600}", "\r\n", "\u{202E}", "\u{2069}", "\u{200B}", "\u{061C}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...7, using: &generator)
            let path = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            #expect(PackPath.isSafe(path) == Self.reference(path), "\(path.debugDescription)")
        }
    }
}
