import EvidentModel
import EvidentSupport
import Foundation

/// `Checker.check` for `serve`, doing again after an edit only what the edit touched: the rules
/// that judge each objective alone (`Rule.judgesEachObjectiveAlone`) run again only for the
/// objectives whose inputs changed, and keep their previous findings for the others; every other
/// rule runs over the whole model. The result equals `Checker.check` of the same content: the same
/// findings in the same order (`IncrementalCheckTests`).
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

    /// What the last check judged: kept findings are reused only under the same as-of date, the
    /// same display root and the same rules.
    private struct Memory {
        var asOf: Day
        var root: String
        /// By objective file: the objective judged (its storage tells an objective parsed again)
        /// and the findings of each rule that judges objectives alone, in the order of `alone`.
        var byFile: [String: (objective: Objective, findings: [[Finding]])]
        var references: References
        /// Whose series the next model keeps for objectives that did not change.
        var model: CheckModel
    }

    /// The objective ids each measurement, review and communication file names; the files of
    /// communications for all.
    private struct References {
        var byFile: [String: Set<String>] = [:]
        var forAll: Set<String> = []

        init(_ model: CheckModel) {
            for run in model.measurementRuns { byFile[run.file, default: []].insert(run.objectiveID) }
            for file in model.content.measurementFiles {
                byFile[file.file, default: []].formUnion([file.namedObjective].compactMap { $0 })
            }
            for review in model.content.reviews {
                var ids = Set(review.objectives.map(\.value))
                for d in review.decisions { if let id = d.objective?.value { ids.insert(id) } }
                for a in review.actions { if let id = a.objective?.value { ids.insert(id) } }
                byFile[review.file, default: []].formUnion(ids)
            }
            for c in model.content.communications {
                byFile[c.file, default: []].formUnion(c.objectives.map(\.value))
                if c.coversAll { forAll.insert(c.file) }
            }
        }
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
    package var lastJudged: (again: Int, of: Int) { lock.withLock { judged } }

    /// Forgets what the last check found: the next one checks everything.
    package func forgetAll() {
        lock.withLock { pending = nil }
    }

    /// The folders whose files hold objectives and what names them; a change anywhere else (the
    /// configuration, policy, requirements, risks, evidence) may change every objective's findings.
    private static let perObjectiveFolders: Set<Substring> = ["objectives", "measurements", "reviews", "communications"]

    package func check(_ content: ContentSet, asOf: Day) -> CheckResult {
        let rules = self.rules
        let (changes, memory) = lock.withLock { () -> (Set<String>?, Memory?) in
            defer { pending = [] }
            return (pending, last)
        }
        // The series depend on the objective, its measurement rows and the configuration: they
        // are kept only when every change lies in the folders of objectives and what names them.
        let unchangedConfiguration = memory.map { $0.root == content.root } == true && changes.map { changes in
            changes.allSatisfy { path in path.split(separator: "/").first.map { Self.perObjectiveFolders.contains($0) } ?? false }
        } == true
        let model = CheckModel(content: content, asOf: asOf, reusingSeriesOf: unchangedConfiguration ? memory?.model : nil)
        let references = References(model)
        let objectives = content.objectives
        let alone = rules.indices.filter { rules[$0].judgesEachObjectiveAlone }

        // Which objectives to judge again: all, unless the last check's findings still hold for some.
        var again = Array(repeating: true, count: objectives.count)
        let files = objectives.map(\.file)
        if let memory, let changes, memory.asOf == asOf, memory.root == content.root, Set(files).count == files.count,
           let dirty = Self.dirtyIDs(changes, root: content.root, objectives: objectives, memory: memory, references: references) {
            var ids = dirty
            // An objective parsed again without its file reported (a linked file) is changed too.
            for o in objectives {
                guard let kept = memory.byFile[o.file] else { continue }
                if !kept.objective.sharesStorage(with: o) {
                    if let id = o.id?.value { ids.insert(id) }
                    if let id = kept.objective.id?.value { ids.insert(id) }
                }
            }
            // An objective gone takes its id's findings with it (another file may hold the same id).
            let now = Set(files)
            for (file, kept) in memory.byFile where !now.contains(file) {
                if let id = kept.objective.id?.value { ids.insert(id) }
            }
            for (i, o) in objectives.enumerated() {
                guard let kept = memory.byFile[o.file], kept.objective.sharesStorage(with: o) else { continue }
                again[i] = o.id.map { ids.contains($0.value) } ?? false
            }
        }

        // The rules over the whole model and the objectives judged again share both cores.
        enum Job: Sendable { case rule(Int), objective(Int) }
        let jobs = rules.indices.filter { !rules[$0].judgesEachObjectiveAlone }.map(Job.rule)
            + objectives.indices.filter { again[$0] }.map(Job.objective)
        let done = parallelMap(jobs) { job -> [[Finding]] in
            switch job {
            case let .rule(r):
                return [rules[r].check(model)]
            case let .objective(i):
                let narrowed = model.narrowed(to: objectives[i])
                return alone.map { rules[$0].check(narrowed) }
            }
        }
        var wholeFindings: [Int: [Finding]] = [:]
        var byFile: [String: (objective: Objective, findings: [[Finding]])] = [:]
        byFile.reserveCapacity(objectives.count)
        for (job, found) in zip(jobs, done) {
            switch job {
            case let .rule(r): wholeFindings[r] = found.first ?? []
            case let .objective(i): byFile[objectives[i].file] = (objectives[i], found)
            }
        }
        var perObjective: [[[Finding]]] = []
        perObjective.reserveCapacity(objectives.count)
        for (i, o) in objectives.enumerated() {
            let found = again[i] ? byFile[o.file]?.findings : memory?.byFile[o.file]?.findings
            let findings = found ?? Array(repeating: [], count: alone.count)
            perObjective.append(findings)
            if !again[i] { byFile[o.file] = (o, findings) }
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
            last = Memory(asOf: asOf, root: content.root, byFile: byFile, references: references, model: model)
            judged = (again.count { $0 }, objectives.count)
        }
        return Checker.result(model, perRule: perRule)
    }

    /// The ids of the objectives whose inputs `changes` may have changed, nil when they may have
    /// changed every objective's.
    private static func dirtyIDs(_ changes: Set<String>, root: String, objectives: [Objective], memory: Memory,
                                 references: References) -> Set<String>? {
        var ids: Set<String> = []
        for path in changes {
            guard let top = path.split(separator: "/").first, perObjectiveFolders.contains(top) else { return nil }
            let shown = root.isEmpty || root == "." ? path : root + "/" + path
            let folder = shown + "/"
            func matches(_ file: String) -> Bool { file == shown || file.hasPrefix(folder) }
            for refs in [memory.references, references] {
                if refs.forAll.contains(where: matches) { return nil }
                for (file, named) in refs.byFile where matches(file) { ids.formUnion(named) }
            }
            for o in objectives where matches(o.file) {
                if let id = o.id?.value { ids.insert(id) }
            }
            for (file, kept) in memory.byFile where matches(file) {
                if let id = kept.objective.id?.value { ids.insert(id) }
            }
        }
        return ids
    }
}
