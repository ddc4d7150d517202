import EvidentLoad
import Yams

/// The comparison of `YAMLSubsetReader` with Yams: on every document the subset reader reads, Yams
/// must read the same values, kinds, styles and marks; where Yams reports an error, the subset
/// reader must give up. Used by the `yaml` fuzz target and by `YAMLSubsetReaderTests`.
package enum YAMLDifferential {
    package enum Outcome: Equatable, Sendable {
        /// The subset reader gave up: Yams reads the document (or reports its error).
        case leftToYams
        /// Both read it, to the same tree.
        case agreed
        /// The subset reader read what Yams rejects.
        case yamsRejected(subset: String)
        /// Both read it, to different trees.
        case differs(subset: String, yams: String)
    }

    package static func compare(_ yaml: String) -> Outcome {
        guard let fast = YAMLSubsetReader.read(yaml) else { return .leftToYams }
        let subset = canonical(fast)
        guard let expected = yams(yaml) else { return .yamsRejected(subset: subset) }
        return subset == expected ? .agreed : .differs(subset: subset, yams: expected)
    }

    /// Every node, its mark and style in one string, Yams' nodes converted all the way down.
    package static func canonical(_ node: YAMLNode) -> String {
        switch node.resolved {
        case let .scalar(text, plain, mark): "\(mark)\(plain ? "" : "q")\(text.debugDescription)"
        case let .sequence(items, mark): "\(mark)[\(items.map(canonical).joined(separator: ", "))]"
        case let .mapping(pairs, mark):
            "\(mark){\(pairs.map { canonical($0.key) + ": " + canonical($0.value) }.joined(separator: ", "))}"
        case let .alias(mark): "alias@\(mark.map(\.description) ?? "?")"
        case .yams: "unresolved"
        }
    }

    package static func canonical(_ document: YAMLSubsetReader.Document) -> String {
        switch document {
        case .empty: "empty"
        case let .root(node): canonical(node)
        }
    }

    /// What Yams makes of `yaml`: nil when it reports an error.
    package static func yams(_ yaml: String) -> String? {
        do {
            guard let root = try Yams.compose(yaml: yaml, Resolver.basic, Constructor.default, .utf8) else { return "empty" }
            return canonical(.yams(root))
        } catch {
            return nil
        }
    }
}
