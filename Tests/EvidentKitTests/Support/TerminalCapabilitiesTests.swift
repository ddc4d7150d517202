import Foundation
import Testing
@testable import EvidentSupport

/// Colour and the progress line, from the option, the stream and the environment alone.
@Suite struct TerminalCapabilitiesTests {
    @Test func colourFollowsNoColorThenClicolorForceThenTheTerminal() {
        func color(_ option: Bool = false, tty: Bool, _ environment: [String: String]) -> Bool {
            TerminalCapabilities.color(noColorOption: option, isTerminal: tty, environment: environment)
        }
        #expect(color(tty: true, ["TERM": "xterm-256color"]))
        #expect(!color(tty: false, ["TERM": "xterm-256color"]))
        #expect(!color(tty: true, ["TERM": "dumb"]))
        #expect(!color(tty: true, [:]))
        #expect(!color(tty: true, ["TERM": ""]))
        #expect(!color(true, tty: true, ["TERM": "xterm"]))
        #expect(!color(tty: true, ["TERM": "xterm", "NO_COLOR": "1"]))
        // An empty NO_COLOR is no request (no-color.org).
        #expect(color(tty: true, ["TERM": "xterm", "NO_COLOR": ""]))
        #expect(color(tty: false, ["CLICOLOR_FORCE": "1"]))
        #expect(color(tty: true, ["TERM": "dumb", "CLICOLOR_FORCE": "yes"]))
        #expect(!color(tty: false, ["CLICOLOR_FORCE": "0"]))
        #expect(!color(tty: false, ["CLICOLOR_FORCE": ""]))
        #expect(!color(tty: false, ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"]))
        #expect(!color(true, tty: false, ["CLICOLOR_FORCE": "1"]))
    }

    @Test func aProgressLineNeedsATerminalThatRedraws() {
        #expect(TerminalCapabilities.redraws(isTerminal: true, environment: ["TERM": "xterm"]))
        #expect(!TerminalCapabilities.redraws(isTerminal: false, environment: ["TERM": "xterm"]))
        #expect(!TerminalCapabilities.redraws(isTerminal: true, environment: ["TERM": "dumb"]))
        #expect(!TerminalCapabilities.redraws(isTerminal: true, environment: [:]))
    }
}
