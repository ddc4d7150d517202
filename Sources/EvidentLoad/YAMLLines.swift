import EvidentModel

/// Turns a place libyaml gives (line and column in the YAML text) into the place in the file.
/// libyaml, following YAML 1.1, also ends a line at NEL, LS and PS (U+0085, U+2028, U+2029);
/// evident, like editors, ends one only at a line feed (the loader has turned CR and CR LF into
/// line feeds). Without those three characters the lines agree and only `offset` is added.
struct YAMLLines: Sendable {
    /// The lines of the file before the YAML text.
    let offset: Int
    /// Where each of libyaml's lines starts in the text, as a line and column from 1; nil when
    /// libyaml's lines are the text's.
    private let starts: [YAMLMark]?
    /// Each NEL, LS and PS in the text: where it is and its code point.
    let otherBreaks: [(at: YAMLMark, code: UInt32)]

    /// Lines for a text that has no NEL, LS or PS (all `YAMLSubsetReader` accepts).
    init(offset: Int) {
        self.offset = offset
        starts = nil
        otherBreaks = []
    }

    /// Lines for `yaml` as libyaml reads it.
    init(_ yaml: String, offset: Int) {
        self.offset = offset
        guard yaml.unicodeScalars.contains(where: Self.isOtherBreak) else {
            starts = nil
            otherBreaks = []
            return
        }
        var starts = [YAMLMark(line: 1, column: 1)], otherBreaks: [(at: YAMLMark, code: UInt32)] = []
        var line = 1, column = 1
        for scalar in yaml.unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 1
                starts.append(YAMLMark(line: line, column: 1))
            } else {
                if Self.isOtherBreak(scalar) { otherBreaks.append((YAMLMark(line: line, column: column), scalar.value)) }
                column += 1
                if Self.isOtherBreak(scalar) { starts.append(YAMLMark(line: line, column: column)) }
            }
        }
        self.starts = starts
        self.otherBreaks = otherBreaks
    }

    private static func isOtherBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// The last NEL, LS or PS on `line` of the text or before it: the likely cause of a syntax
    /// error there, since the reader ended a line at it where the writer did not.
    func otherBreak(atOrBefore line: Int) -> (at: YAMLMark, code: UInt32)? {
        otherBreaks.last { $0.at.line <= line }
    }

    /// The place in the text (without `offset`) of libyaml's line `line`, column `column`.
    func inText(line: Int, column: Int) -> YAMLMark {
        guard let starts, line >= 1, line <= starts.count else { return YAMLMark(line: line, column: column) }
        let start = starts[line - 1]
        return YAMLMark(line: start.line, column: start.column + max(0, column - 1))
    }

    /// The place in `file` of a node libyaml put at `mark`.
    func location(_ mark: YAMLMark, file: String) -> SourceLocation {
        let place = inText(line: mark.line, column: mark.column)
        return SourceLocation(file: file, line: place.line + offset, column: place.column)
    }
}
