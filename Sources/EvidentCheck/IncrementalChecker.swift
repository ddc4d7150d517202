import EvidentModel
import EvidentSupport
import Foundation

/// `Checker.check` for `serve`, doing again after an edit only what the edit touched: the rules
/// that judge each objective alone (`Rule.judgesEachObjectiveAlone`) run again only for the
/// objectives whose inputs changed, and keep their previous findings for the others; every other
/// rule runs over the whole model, unless the edit changed only objectives' prose and the rule
/// reads none (`Rule.readsObjectiveProse`). The result equals `Checker.check` of the same content:
/// the same findings in the same order (`IncrementalCheckTests`).
///
/// The caller reports every path inside the content folder that changed since the last check
/// (`changed`), as it does to `FolderCache`, or that it does not know (`forgetAll`).
package final class IncrementalChecker: @unchecked Sendable {
    private let rules: [any Rule.Type]
    // Guards `pending` and `last`; checks run one at a time.
    private let lock = NSLock()
    /// Paths reported changed since the last check, nil when unknown (everything is checked again).
    private var pending: Set<String>? = nil
    private var last: Memory?
    private var judged = (again: 0, of: 0)
    private var wholeRulesRun = 0
    private var checks = 0
    private var edit = ObjectiveEdit.other

    /// What the last check judged: kept findings are reused only under the same as-of date, the
    /// same display root and the same rules.
    private struct Memory {
        var asOf: Day
        var root: String
        /// The model checked: its objectives (whose storage tells an objective parsed again), what
        /// names them, and the series the next model keeps for objectives that did not change.
        var model: CheckModel
        /// For each of the model's objectives, the findings of each rule that judges objectives
        /// alone, in the order of `alone`.
        var findings: [[[Finding]]]
        /// The findings of each other rule, by its index in `rules`.
        var whole: [Int: [Finding]]
    }

    package init(rules: [any Rule.Type] = RuleRegistry.all) {
        self.rules = rules
    }

    /// Reports paths inside the content folder (with `/`) whose files changed, or folders above
    /// them; `""` or `"."` for everything.
    package func changed(_ paths: some Sequence<String>) {
        lock.withLock {
            for path in paths { pending?.insert(path) }
        }
    }

    /// How many objectives the last check judged again with the rules that judge each alone, of how many.
    var lastJudged: (again: Int, of: Int) { lock.withLock { judged } }

    /// How many rules over the whole model the last check ran (the others kept their findings).
    var lastWholeRulesRun: Int { lock.withLock { wholeRulesRun } }

    /// How the content of a check differs from the content of the check before it.
    package enum ObjectiveEdit: Sendable {
        /// Only objective files changed, each is where it was, and the objectives parsed again
        /// differ only in their prose (`Objective.differsOnlyInProse`); loading found the same.
        case prose
        /// Only objective files changed, each is where it was, and the objectives parsed again
        /// kept their id, owner and function.
        case inPlace
        /// Anything else.
        case other
    }

    /// How many checks this checker has made, and how the last one's content differed from that
    /// of the one before (check number `checks - 1`).
    package var lastEdit: (checks: Int, edit: ObjectiveEdit) { lock.withLock { (checks, edit) } }

    /// Forgets what the last check found: the next one checks everything.
    package func forgetAll() {
        lock.withLock { pending = nil }
    }

    /// The folders whose files hold objectives and what names them; a change anywhere else (the
    /// configuration, policy, requirements, risks, evidence) may change every objective's findings.
    private static let perObjectiveFolders: Set<Substring> = ["objectives", "measurements", "reviews", "communications"]

    private static func isPerObjective(_ path: String) -> Bool {
        path.split(separator: "/").first.map { perObjectiveFolders.contains($0) } ?? false
    }

    package func check(_ content: ContentSet, asOf: Day) -> CheckResult {
        let rules = self.rules
        let (changes, memory) = lock.withLock { () -> (Set<String>?, Memory?) in
            defer { pending = [] }
            return (pending, last)
        }
        // What the last check found holds only for the same date and root, and only when every
        // change lies in the folders of objectives and what names them: anything else (the
        // configuration, policy, requirements, risks) may change every objective's findings, and
        // the series, which depend on the configuration too.
        let usable = memory.flatMap { memory in
            memory.asOf == asOf && memory.root == content.root && changes?.allSatisfy(Self.isPerObjective) == true ? memory : nil
        }
        let model = CheckModel(content: content, asOf: asOf, reusingSeriesOf: usable?.model)
        let objectives = content.objectives
        let alone = rules.indices.filter { rules[$0].judgesEachObjectiveAlone }
        let kept = usable.flatMap { memory in
            changes.flatMap { Self.dirtyIDs($0, root: content.root, before: memory.model, now: model) }
                .flatMap { Self.kept(memory, dirty: $0, objectives: objectives) }
        } ?? Array(repeating: nil, count: objectives.count)

        // After an edit of prose alone, a rule over the whole model that reads no prose finds what it found.
        let edit = usable.flatMap { memory in changes.map { Self.edit($0, before: memory.model.content, now: content) } } ?? .other
        let reused = edit == .prose ? usable?.whole.filter { !rules[$0.key].readsObjectiveProse } ?? [:] : [:]

        // The rules over the whole model and the objectives judged again share both cores.
        enum Job: Sendable { case rule(Int), objective(Int) }
        let jobs = rules.indices.filter { !rules[$0].judgesEachObjectiveAlone && reused[$0] == nil }.map(Job.rule)
            + objectives.indices.filter { kept[$0] == nil }.map(Job.objective)
        let done = parallelMap(jobs) { job -> [[Finding]] in
            switch job {
            case let .rule(r):
                return [rules[r].check(model)]
            case let .objective(i):
                let narrowed = model.narrowed(to: objectives[i])
                return alone.map { rules[$0].check(narrowed) }
            }
        }
        var wholeFindings = reused
        var perObjective = kept.map { $0 ?? [] }
        for (job, found) in zip(jobs, done) {
            switch job {
            case let .rule(r): wholeFindings[r] = found.first ?? []
            case let .objective(i): perObjective[i] = found
            }
        }
        // Each rule's findings in the order `Checker.check` makes them: a rule judging objectives
        // alone gives, over the whole model, its findings for each objective in objective order.
        var perRule: [[Finding]] = []
        perRule.reserveCapacity(rules.count)
        var position = 0
        for r in rules.indices {
            if rules[r].judgesEachObjectiveAlone {
                perRule.append(perObjective.flatMap { $0[position] })
                position += 1
            } else {
                perRule.append(wholeFindings[r] ?? [])
            }
        }
        lock.withLock {
            last = Memory(asOf: asOf, root: content.root, model: model, findings: perObjective, whole: wholeFindings)
            judged = (kept.count { $0 == nil }, objectives.count)
            wholeRulesRun = jobs.count { if case .rule = $0 { true } else { false } }
            checks += 1
            self.edit = edit
        }
        return Checker.result(model, perRule: perRule)
    }

    /// For each objective, the last check's findings when they still hold, nil when it is judged
    /// again: an objective kept is the very one judged (same storage, same file) and its id is not
    /// one of `dirty`. An objective parsed again, new or gone makes its ids dirty, since another
    /// objective may have the same id. Nil when files repeat, which would leave an objective's
    /// previous findings ambiguous.
    private static func kept(_ memory: Memory, dirty: Set<String>, objectives: [Objective]) -> [[[Finding]]?]? {
        let before = memory.model.content.objectives
        var ids = dirty
        func changed(_ o: Objective) { if let id = o.idText { ids.insert(id) } }
        // Most rebuilds keep every objective file in place, and all but the edited one unparsed.
        var previous: [Int?] = Array(repeating: nil, count: objectives.count)
        if let places = objectives.reparsedInPlace(since: before) {
            previous = objectives.indices.map { $0 }
            for i in places {
                previous[i] = nil
                changed(before[i])
                changed(objectives[i])
            }
        } else {
            var byFile: [String: Int] = [:]
            for (i, o) in before.enumerated() where byFile.updateValue(i, forKey: o.file) != nil { return nil }
            guard Set(objectives.map(\.file)).count == objectives.count else { return nil }
            for (i, o) in objectives.enumerated() {
                let p = byFile.removeValue(forKey: o.file)
                if let p, before[p].sharesStorage(with: o) {
                    previous[i] = p
                } else {
                    if let p { changed(before[p]) }
                    changed(o)
                }
            }
            for i in byFile.values { changed(before[i]) }
        }
        return objectives.indices.map { i in
            guard let p = previous[i], !(objectives[i].id.map { ids.contains($0.value) } ?? false) else { return nil }
            return memory.findings[p]
        }
    }

    /// How `now` differs from `before` after `changes`: every change to an objective file and
    /// every objective in its place (the same files in the same order), each the same, or parsed
    /// again and differing only in prose, or keeping its id, owner and function. Everything else
    /// was read from files that did not change.
    private static func edit(_ changes: Set<String>, before: ContentSet, now: ContentSet) -> ObjectiveEdit {
        guard changes.allSatisfy({ $0.hasPrefix("objectives/") }),
              let places = now.objectives.reparsedInPlace(since: before.objectives) else { return .other }
        var prose = before.unread == now.unread && before.loadFindings == now.loadFindings
        for i in places {
            let a = before.objectives[i], b = now.objectives[i]
            if prose, a.differsOnlyInProse(from: b) { continue }
            prose = false
            guard a.idText == b.idText, a.owner?.value == b.owner?.value, a.function?.value == b.function?.value else { return .other }
        }
        return prose ? .prose : .inPlace
    }

    /// The ids of the objectives whose inputs `changes` may have changed, in `before` (the last
    /// check's model) or `now`; nil when they may have changed every objective's (a communication
    /// to all). Every change lies in `perObjectiveFolders`.
    private static func dirtyIDs(_ changes: Set<String>, root: String, before: CheckModel, now: CheckModel) -> Set<String>? {
        var ids: Set<String> = []
        for path in changes {
            // The walk skips hidden names: nothing at or under one is content (an editor's
            // temporary file, for instance).
            if path.split(separator: "/").contains(where: { $0.first == "." }) { continue }
            let matches = PathMatch(root.isEmpty || root == "." ? path : root + "/" + path)
            // An objective's own file is not looked for: `kept` sees it parsed again.
            for model in [before, now] {
                let content = model.content
                for run in model.measurementRuns where matches(run.file) { ids.insert(run.objectiveID) }
                for file in content.measurementFiles where matches(file.file) {
                    if let id = file.namedObjective { ids.insert(id) }
                    // A rejected row holds back findings on the objective it names.
                    for row in file.rejected { if let id = row.objectiveID { ids.insert(id) } }
                }
                // Minutes that could not be read hold back `monitored/review-overdue` on every objective.
                if content.unread.reviewFiles.contains(where: { matches($0) }) { return nil }
                for review in content.reviews where matches(review.file) {
                    ids.formUnion(review.objectives.map(\.value))
                    for d in review.decisions { if let id = d.objective?.value { ids.insert(id) } }
                    for a in review.actions { if let id = a.objective?.value { ids.insert(id) } }
                }
                for c in content.communications where matches(c.file) {
                    if c.coversAll { return nil }
                    ids.formUnion(c.objectives.map(\.value))
                }
            }
        }
        return ids
    }
}

/// Whether a file's display path is `path` or lies under it as a folder.
private struct PathMatch {
    let path: String
    init(_ path: String) { self.path = path }

    func callAsFunction(_ file: String) -> Bool {
        let f = file.utf8, p = path.utf8
        guard f.count > p.count else { return f.count == p.count && file == path }
        // Lengths first, then the byte after the prefix: most files fail one or the other.
        return f[f.index(f.startIndex, offsetBy: p.count)] == UInt8(ascii: "/") && file.hasPrefix(path)
    }
}
