import EvidentModel

/// An objective that references no policy statement; and a content tree with no `policy.md` at all,
/// to which no objective can be traced.
enum PolicyTrace: Rule {
    package static let description = RuleDescription(
        id: "policy/trace", name: "Traced to the policy", obligation: .policy, defaultSeverity: .error,
        summary: "An objective that references no policy statement.",
        rationale: """
            Clause 6.2.1 requires objectives to be consistent with the service management policy. An auditor \
            tests this by following each objective back to the policy statement it puts into practice; an \
            objective that names no statement leaves that link to be argued in the audit room. Every active \
            or draft objective lists in `policy` the statements it serves. A content tree without \
            `policy.md` is reported here too, on the missing file: without the policy no objective can be \
            traced at all. Retired objectives are a historical record and are not checked.
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
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "policy: [POL-1]\n": "",
                "status: active": "status: retired",
            ])]),
        ])

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        let path = policyPath(model.content)
        let policyMissing = model.content.policy == nil && !policyUnreadable(model.content)
        if policyMissing {
            findings.append(description.finding(
                "There is no policy.md in the content folder, so no objective can be traced to the policy. Add policy.md with the service management policy and its numbered `statements` (id and text).",
                at: .wholeFile(path)))
        }
        for o in model.content.objectives where o.currentStatus != .retired && o.policy.isEmpty {
            if model.content.unread.any("policy", of: o) { continue }
            let known = model.content.policy?.statements.map(\.id.value) ?? []
            let hint = known.isEmpty ? "" : " (the policy declares \(list(known)))"
            findings.append(description.finding(
                "\(o.displayID) references no policy statement; list in `policy` the statements it serves\(hint), like `policy: [\(known.first ?? "POL-1")]`.",
                at: o.location, objective: o.id?.value))
        }
        return findings
    }

    /// Where `policy.md` is, or would be, as diagnostics print it.
    static func policyPath(_ content: ContentSet) -> String {
        content.policy?.file ?? (content.root.isEmpty || content.root == "." ? "policy.md" : content.root + "/policy.md")
    }

    /// `policy.md` exists but could not be read (its `syntax/...` finding says why).
    static func policyUnreadable(_ content: ContentSet) -> Bool {
        let path = policyPath(content)
        return content.policy == nil && content.loadFindings.contains { $0.location.file == path }
    }

    private static func list(_ ids: [String]) -> String { Listing.ids(ids) }
}
