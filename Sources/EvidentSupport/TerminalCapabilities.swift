/// What evident sends a stream besides text: colour, and a progress line redrawn in place.
package enum TerminalCapabilities {
    /// Whether a report is coloured. Never with `--no-color` or a non-empty `NO_COLOR`
    /// (no-color.org); always with `CLICOLOR_FORCE` set to anything but `0` (bixense.com/clicolors),
    /// into a pipe too; otherwise only on a terminal that shows colour (a `TERM` that is not
    /// `dumb`, nor unset or empty).
    package static func color(noColorOption: Bool, isTerminal: Bool, environment: [String: String]) -> Bool {
        if noColorOption { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        if let value = environment["CLICOLOR_FORCE"], !value.isEmpty, value != "0" { return true }
        return isTerminal && !isDumb(environment)
    }

    /// Whether a progress line may be drawn: it moves back with a carriage return and erases with
    /// `ESC [ K`, which a terminal that is `dumb` (or names no `TERM`) prints as it is.
    package static func redraws(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && !isDumb(environment)
    }

    private static func isDumb(_ environment: [String: String]) -> Bool {
        let term = environment["TERM"] ?? ""
        return term.isEmpty || term == "dumb"
    }
}
