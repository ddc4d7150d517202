import Foundation

/// Text as one word of a POSIX shell command, so that a command evident suggests (`evident build
/// --content 'my project/content'`) runs as printed when it is pasted.
package enum ShellWord {
    /// `text` as it is when it holds only letters, digits and `/._-`, else in single quotes (each
    /// `'` written `'\''`).
    package static func quote(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/._-".unicodeScalars.contains($0)) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A path as an option's value: quoted, and `./` before one that starts with `-`, which the
    /// option would otherwise take for another option.
    package static func path(_ path: String) -> String {
        quote(path.hasPrefix("-") ? "./" + path : path)
    }
}
