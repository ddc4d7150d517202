import EvidentModel
import EvidentSupport

/// An objective that references no policy statement; and a content tree with no `policy.md` at all,
/// or a policy with no statements, to which no objective can be traced.
enum PolicyTrace: Rule {
    static let description = RuleDescription(
        id: "policy/trace", name: "Traced to the policy", obligation: .policy, defaultSeverity: .error,
        summary: "An objective that references no policy statement.",
        rationale: """
            Clause 6.2.1 requires objectives to be consistent with the service management policy. An auditor \
            tests this by following each objective back to the policy statement it puts into practice; an \
            objective that names no statement leaves that link to be argued in the audit room. Every active \
            or draft objective lists in `policy` the statements it serves. A content tree without \
            `policy.md` is reported here too, on the missing file, and so is a policy that declares no \
            `statements`, at its `statements` (or its first line): without them no objective can be traced \
            at all, and a set with no objective would pass every other policy rule. Retired objectives are a historical record and are not checked. In an integrated \
            management system each standard asks for consistency with its own policy: an objective must \
            reference, for every standard it serves, a statement that applies to that standard (a statement \
            applies to every standard unless its `standards` names some).
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "policy: [POL-1]\n": "",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "policy: [POL-1]": "policy: []",
                "status: active": "status: draft",
            ])]),
            // The finding is on line 1 of the missing file; the marker stands in for its place.
            RuleExample(["policy.md": "↓"], removing: ["policy.md"]),
            // A policy with no statements, and one without the list at all.
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, [
                "statements:\n  - id: POL-1\n    text: We restore disrupted services quickly and keep users informed.\n": "statements: ↓[]\n",
            ])]),
            RuleExample(["policy.md": "↓" + ExampleTree.edit(ExampleTree.policy, [
                "statements:\n  - id: POL-1\n    text: We restore disrupted services quickly and keep users informed.\n": "",
            ])]),
            // POL-1 applies to 20000-1 only; the objective serves 27001 too.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["    text: We restore": "    standards: [iso20000-1]\n    text: We restore"]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [↓POL-1]"]),
            ]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            // A statement without an id is `syntax/type`'s finding; the policy is not called empty too.
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, ["  - id: POL-1\n    text:": "  - text:"])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "policy: [POL-1]\n": "",
                "status: active": "status: retired",
            ])]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["    text: We restore": "    standards: [iso20000-1]\n    text: We restore"]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso20000-1]\n"]),
            ]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        let path = policyPath(model.content)
        let policyMissing = model.content.policy == nil && !policyUnreadable(model.content)
        if policyMissing {
            let message = model.content.otherName(for: "policy.md").map {
                "There is no policy.md in the content folder, and evident does not read \(codeSpan($0)) in its place, so no objective can be traced to the policy. Rename \(codeSpan($0)) to policy.md."
            } ?? "There is no policy.md in the content folder, so no objective can be traced to the policy. Add policy.md with the service management policy and its numbered `statements` (id and text)."
            findings.append(description.finding(message, at: .wholeFile(path)))
        }
        if let policy = model.content.policy, policy.statements.isEmpty,
           !model.content.unread.field("statements", of: .wholeFile(policy.file)) {
            findings.append(description.finding(
                "The policy declares no statements, so no objective can be traced to it. Number the policy's commitments under `statements`, each with an `id` and its `text` (like `- { id: POL-1, text: ... }`), and list in each objective's `policy` those it serves.",
                at: policy.statementsLocation ?? .wholeFile(policy.file)))
        }
        for o in model.content.objectives where model.status(of: o) != .retired && o.policy.isEmpty {
            if model.content.unread.any("policy", of: o) { continue }
            let known = model.content.policy?.statements.map(\.id.value) ?? []
            let hint = known.isEmpty ? "" : " (the policy declares \(list(known)))"
            findings.append(description.finding(
                "\(codeSpan(o.displayID)) references no policy statement; list in `policy` the statements it serves\(hint), like \(codeSpan("policy: [\(known.first ?? "POL-1")]")).",
                at: o.location, objective: o.idText))
        }
        findings += perStandard(model)
        return findings
    }

    /// Objectives that reference statements, none of which applies to a standard they serve
    /// (SPEC §8): one finding each, on the first reference, naming those standards. An unknown
    /// reference (`policy/unknown-statement`) may be the statement that applies, so such an
    /// objective is left alone.
    static func perStandard(_ model: CheckModel) -> [Finding] {
        guard let policy = model.content.policy else { return [] }
        var findings: [Finding] = []
        // Each statement's standards, once, by id (comparing ids copies no standard): many
        // objectives reference the same few statements.
        let served = model.statementsByID.mapValues { model.standards(of: $0).map(\.id) }
        let unread = model.content.unread
        for o in model.content.objectives where model.status(of: o) != .retired {
            let references = o.policy
            guard let first = references.first, unread.fields.isEmpty || !unread.any("policy", "standards", of: o) else { continue }
            // Only an objective whose every statement exists is judged here (`policy/unknown-statement` reports the others).
            guard references.allSatisfy({ served.keys.contains($0.value) }) else { continue }
            let lacking = model.standards(of: o).filter { s in !references.contains { served[$0.value]?.contains(s.id) == true } }
            guard !lacking.isEmpty else { continue }
            let candidates = policy.statements.filter { st in lacking.allSatisfy { model.standards(of: st).contains($0) } }.map(\.id.value)
            let hint = candidates.isEmpty ? "add a statement that applies to \(lacking.count == 1 ? "it" : "them") to the policy"
                : "reference one that does (\(Listing.ids(candidates)))"
            var finding = description.finding(
                "\(codeSpan(o.displayID)) serves \(CheckModel.names(lacking.map(\.name))), but no statement it references (\(Listing.ids(o.policy.map(\.value)))) applies to \(lacking.count == 1 ? "it" : "them"); \(hint), or name the standard in a statement's `standards`.",
                at: first.location, objective: o.idText)
            finding.standards = lacking.map(\.id)
            findings.append(finding)
        }
        return findings
    }

    /// Where `policy.md` is, or would be, as diagnostics print it.
    static func policyPath(_ content: ContentSet) -> String {
        content.policy?.file ?? content.display("policy.md")
    }

    /// `policy.md` exists but could not be read (its `syntax/...` finding says why).
    static func policyUnreadable(_ content: ContentSet) -> Bool {
        content.policy == nil && content.couldNotRead("policy.md")
    }

    private static func list(_ ids: [String]) -> String { Listing.ids(ids) }
}
