@testable import EvidentServe
import Testing

/// The Host rule that keeps DNS rebinding out.
@Suite struct LoopbackHostTests {
    let rule = LoopbackHost(port: 8000)

    @Test(arguments: ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "Localhost:8000", "[::1]:8000"])
    func acceptsTheLoopbackNamesWithThePort(host: String) {
        #expect(rule.accepts(host))
    }

    @Test(arguments: [
        "attacker.example:8000", "attacker.example", "", ":8000", "127.0.0.1", "localhost", "[::1]",
        "localhost:", "localhost:80", "localhost:8001", "localhost:08000", "localhost:+8000", "localhost: 8000",
        "localhost.:8000", "localhost.attacker.example:8000", "127.0.0.1.nip.io:8000", "127.0.0.2:8000",
        "0.0.0.0:8000", "2130706433:8000", "::1:8000", "[::1]8000", "[0:0:0:0:0:0:0:1]:8000",
        "localhost:8000@attacker.example", "user@localhost:8000", "localhost:8000/",
    ])
    func refusesAnyOtherName(host: String) {
        #expect(!rule.accepts(host))
    }

    @Test func withoutAPortMeansPort80() {
        let on80 = LoopbackHost(port: 80)
        #expect(on80.accepts("localhost"))
        #expect(on80.accepts("127.0.0.1"))
        #expect(on80.accepts("[::1]"))
        #expect(on80.accepts("localhost:80"))
        #expect(!on80.accepts("attacker.example"))
    }

    @Test func namesWhatItAccepts() {
        #expect(rule.accepted == ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
    }
}
