import Yams

/// Where a YAML node starts: line and column from 1, relative to the YAML text, columns counted in
/// Unicode scalars (as libyaml counts them).
package struct YAMLMark: Equatable, Sendable, CustomStringConvertible {
    package var line: Int
    package var column: Int

    package var description: String { "\(line):\(column)" }
}

/// A key and its value in a mapping. A struct, not a tuple: the compiler copies a struct with code
/// of its own, and a tuple of two nodes through the runtime's generic tuple witness.
package struct YAMLPair {
    package var key: YAMLNode
    package var value: YAMLNode

    init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A YAML value as the loader reads it: what `YAMLSubsetReader` makes, or a node of Yams' tree.
///
/// A Yams node is converted one level at a time, when the loader looks into it (`resolved`):
/// Yams shares a node that aliases point at, so converting a whole tree at once could expand
/// "billion laughs" aliases into 10^9 values.
package enum YAMLNode {
    /// A scalar's text, whether it was plain (unquoted) or empty, and where it starts.
    case scalar(String, plain: Bool, at: YAMLMark)
    case sequence([YAMLNode], at: YAMLMark)
    case mapping([YAMLPair], at: YAMLMark)
    /// Yams' own alias node (its composer resolves aliases, so it is not expected).
    case alias(at: YAMLMark?)
    /// Boxed: a Yams node is several times the size of the other cases, and every node would be.
    indirect case yams(Node)

    /// This node with a Yams node's top level converted (its children stay Yams nodes).
    package var resolved: YAMLNode {
        guard case let .yams(node) = self else { return self }
        let yamsMark = node.mark.map { YAMLMark(line: $0.line, column: $0.column) }
        let mark = yamsMark ?? YAMLMark(line: 1, column: 1)
        switch node {
        case let .scalar(s):
            return .scalar(s.string, plain: s.style == .plain || s.style == .any, at: mark)
        case let .sequence(s):
            return .sequence(s.map { .yams($0) }, at: mark)
        case let .mapping(m):
            return .mapping(m.map { YAMLPair(key: .yams($0.key), value: .yams($0.value)) }, at: mark)
        case .alias:
            return .alias(at: yamsMark)
        }
    }

    // The accessors below look at the node in place and resolve only a Yams node, never copying
    // a subset reader's node.

    var mark: YAMLMark? {
        switch self {
        case let .scalar(_, _, mark), let .sequence(_, mark), let .mapping(_, mark): mark
        case let .alias(mark): mark
        case .yams: resolved.mark
        }
    }

    var kindName: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .yams: resolved.kindName
        }
    }

    /// The text of a scalar, nil for anything else.
    var text: String? {
        switch self {
        case let .scalar(text, _, _): text
        case .yams: resolved.text
        default: nil
        }
    }

    /// A plain empty scalar, `~` or `null`: YAML's ways of writing nothing, read as an absent field.
    var isNull: Bool {
        switch self {
        case let .scalar(text, plain, _): Self.isNull(text, plain: plain)
        case .yams: resolved.isNull
        default: false
        }
    }

    /// Whether a scalar of this text, plain or quoted, is one of YAML's ways of writing nothing.
    static func isNull(_ text: String, plain: Bool) -> Bool {
        guard plain, text.utf8.count <= 4 else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The tag of a scalar Yams read with an explicit tag other than `!!str` (or the non-specific
    /// `!`), in its short form (`!!null`, `!local`); nil for any other node. An untagged
    /// scalar's tag is implicit, or `!!str` once resolved by the loader's resolver.
    var explicitTag: String? {
        guard case let .yams(node) = self, case let .scalar(scalar) = node else { return nil }
        let name = scalar.tag.description
        guard ![Tag.Name.str, .implicit, .nonSpecific].contains(where: { $0.rawValue == name }) else { return nil }
        let standard = "tag:yaml.org,2002:"
        return name.hasPrefix(standard) ? "!!" + name.dropFirst(standard.count) : name
    }

    /// Whether this is a scalar whose text is `key`, of `length` UTF-8 bytes: lengths are compared
    /// first, since most keys differ in length and comparing texts is a call each. A Yams node is
    /// never such a scalar (it is resolved first).
    func isScalar(_ key: String, length: Int) -> Bool {
        guard case let .scalar(text, _, _) = self else { return false }
        return text.utf8.count == length && text == key
    }

    /// A scalar's text, whether it was plain, and where it starts; nil for any other node. What
    /// `text`, `isNull` and `mark` give, from one look at the node (each look copies it).
    var scalar: (text: String, plain: Bool, mark: YAMLMark)? {
        switch self {
        case let .scalar(text, plain, mark): (text, plain, mark)
        case .yams: resolved.scalar
        default: nil
        }
    }
}

/// A node is read on the thread that parsed its file. Saying so stops the compiler from inferring
/// `Sendable` through the recursive pairs, which it cannot (a cycle error).
@available(*, unavailable)
extension YAMLNode: Sendable {}
