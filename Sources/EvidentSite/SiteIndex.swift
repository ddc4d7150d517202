import EvidentCheck
import EvidentLoad
import EvidentModel
import EvidentSupport

/// What every page needs to know about the others: the file name of each objective and review page,
/// the fragment id of each statement, clause, function, level, forum, source and owner, each
/// objective's latest value, and the findings about it. Built once; pages only read it, which is
/// what lets objective pages render in parallel. A class: every page is handed it without a copy.
final class SiteIndex: Sendable {
    let result: CheckResult
    var model: CheckModel { result.model }
    var content: ContentSet { result.model.content }

    /// Per objective, in content order (`content.objectives`).
    let objectives: [ObjectiveSummary]
    /// The summary of the first objective declared with each id (as `CheckModel.objectivesByID`).
    let objectiveByID: [String: Int]
    /// The objectives of each file, by their places in `objectives`.
    private let objectivesByFile: [String: [Int]]
    /// Whether it was made with a theme, and so has the communications' bodies.
    private let rendersBodies: Bool
    /// Whether it kept the look-ups of the index it was given to reuse: the same pages, at the same paths.
    let keptPages: Bool
    /// Every look-up but the objectives': reviews' pages, anchors, the pages of content files.
    private let lookUps: LookUps
    /// The findings in each review's file, by the review's index in the content.
    let reviewFindings: [[Finding]]
    /// Per review, in content order: the page's slug under `reviews/`.
    var reviewSlugs: [String] { lookUps.reviewSlugs }
    var reviewIndexByFile: [String: Int] { lookUps.reviewIndexByFile }
    /// What links to review `index` and its title call it: its date (`undated`), and its file
    /// too when another review of the same forum has the same date.
    func reviewName(_ index: Int, undated: String) -> String {
        let review = content.reviews[index]
        let day = review.date?.value.description ?? undated
        return lookUps.reviewFiles[index].map { "\(day) (\($0))" } ?? day
    }
    var statementAnchors: [String: String] { lookUps.statementAnchors }
    var clauseAnchors: [String: String] { lookUps.clauseAnchors }
    var functionAnchors: [String: String] { lookUps.functionAnchors }
    var levelAnchors: [String: String] { lookUps.levelAnchors }
    var forumAnchors: [String: String] { lookUps.forumAnchors }
    /// Per requirement source, in content order.
    var sourceAnchors: [String] { lookUps.sourceAnchors }
    var ownerAnchors: [String: String] { lookUps.ownerAnchors }
    /// Content file (path inside the content folder) → the page that shows it, for links written in
    /// Markdown bodies (`[the policy](../policy.md)`).
    var pagesByContentFile: [String: String] { lookUps.pagesByContentFile }
    let markdown: MarkdownRenderer
    /// The badge values and page frames, built once for every page.
    let shared: SharedContexts
    /// Each communication's body as objective pages show it (many pages show the same one).
    var communicationHTML: [String: View] { lookUps.communicationHTML }

    /// Without a theme, only the look-ups (as `SiteBuilder.objectivePages` needs them).
    ///
    /// `previous`: the index of the check before, when only objective files changed since, each
    /// in its place with the same id, owner and function (`IncrementalChecker.ObjectiveEdit`). Its
    /// look-ups hold, and so does the summary of each objective that is the one it was with the
    /// same findings: a summary is made from its objective, the configuration, its own series
    /// (of measurement files that did not change) and its findings.
    init(result: CheckResult, theme: Theme? = nil, reusing previous: SiteIndex? = nil) throws {
        self.result = result
        let model = result.model
        let content = model.content
        let markdown = MarkdownRenderer(allowRawHTML: model.settings.allowRawHTML)
        self.markdown = markdown
        if let previous, theme != nil, previous.rendersBodies, previous.objectives.count == content.objectives.count {
            objectiveByID = previous.objectiveByID
            objectivesByFile = previous.objectivesByFile
            let findingsFor = ObjectiveFindings.byObjective(result.findings, objectives: content.objectives.count, byID: objectiveByID, byFile: objectivesByFile)
            let before = previous.content.objectives
            objectives = parallelMap(Array(content.objectives.indices)) { i in
                let kept = previous.objectives[i], o = content.objectives[i]
                if before[i].sharesStorage(with: o), kept.findings == findingsFor[i] { return kept }
                return ObjectiveSummary(index: i, objective: o, slug: kept.slug, model: model, findings: findingsFor[i])
            }
            rendersBodies = true
            keptPages = true
            lookUps = previous.lookUps
            shared = previous.shared
            reviewFindings = Self.findings(result.findings, reviews: content.reviews)
            return
        }

        var slugs = Slug.Allocator(fileNames: true)
        var objectiveSlugs: [String] = []
        objectiveSlugs.reserveCapacity(content.objectives.count)
        for o in content.objectives {
            objectiveSlugs.append(slugs.allocate(o.id?.value ?? Self.fileStem(o.file), fallback: "objective"))
        }
        let slugsMade = objectiveSlugs

        // The objectives' summaries on one thread, the look-ups of everything else on another:
        // both are a long run of insertions, one after another.
        let (summarised, lookedUp) = try concurrently({ () -> (byID: [String: Int], byFile: [String: [Int]], summaries: [ObjectiveSummary]) in
            let (byID, byFile) = ObjectiveFindings.indices(content.objectives)
            let findingsFor = ObjectiveFindings.byObjective(result.findings, objectives: content.objectives.count, byID: byID, byFile: byFile)
            // On every core: each looks up the objective's latest value, level and owner.
            let summaries = parallelMap(Array(content.objectives.indices)) { i in
                ObjectiveSummary(index: i, objective: content.objectives[i], slug: slugsMade[i], model: model, findings: findingsFor[i])
            }
            return (byID, byFile, summaries)
        }, { () -> LookUps in
            LookUps(content, model: model, objectiveSlugs: slugsMade, markdown: theme == nil ? nil : markdown)
        })
        objectiveByID = summarised.byID
        objectivesByFile = summarised.byFile
        objectives = summarised.summaries
        rendersBodies = theme != nil
        keptPages = false
        lookUps = lookedUp
        shared = Self.makeSharedContexts(model)
        reviewFindings = Self.findings(result.findings, reviews: content.reviews)
    }

    /// The findings in each review's file, by the review's index, in the check's order.
    private static func findings(_ all: [Finding], reviews: [Review]) -> [[Finding]] {
        var byFile: [String: [Int]] = [:]
        for (i, review) in reviews.enumerated() { byFile[review.file, default: []].append(i) }
        var findingsFor = Array(repeating: [Finding](), count: reviews.count)
        for finding in all {
            for i in byFile[finding.location.file] ?? [] { findingsFor[i].append(finding) }
        }
        return findingsFor
    }

    /// Everything the index looks up but the objectives' summaries.
    private struct LookUps {
        let reviewSlugs: [String]
        let reviewIndexByFile: [String: Int]
        let reviewFiles: [String?]
        let statementAnchors, clauseAnchors, functionAnchors, levelAnchors, forumAnchors: [String: String]
        let sourceAnchors: [String]
        let ownerAnchors: [String: String]
        let pagesByContentFile: [String: String]
        let communicationHTML: [String: View]

        /// `markdown`: to render the communications' bodies, when there is a site to render.
        init(_ content: ContentSet, model: CheckModel, objectiveSlugs: [String], markdown: MarkdownRenderer?) {
            var reviewAllocator = Slug.Allocator(reserved: ["index"], fileNames: true)
            reviewSlugs = content.reviews.map { review in
                let inside = SiteIndex.relative(review.file, root: content.root)
                let name = inside.hasPrefix("reviews/") ? String(inside.dropFirst("reviews/".count)) : review.slug
                return reviewAllocator.allocate(name.hasSuffix(".md") ? String(name.dropLast(3)) : name, fallback: "review")
            }
            reviewIndexByFile = Dictionary(content.reviews.enumerated().map { ($1.file, $0) }) { first, _ in first }
            // Two meetings of one forum on one day (an extra session) are told apart by their files.
            var meetings: [String: Int] = [:]
            let keys = content.reviews.map { "\($0.forum?.value ?? "")\u{0}\($0.date?.value.description ?? "")" }
            for key in keys { meetings[key, default: 0] += 1 }
            reviewFiles = zip(content.reviews, keys).map { review, key in
                (meetings[key] ?? 0) < 2 ? nil : SiteIndex.relative(review.file, root: content.root)
            }

            statementAnchors = SiteIndex.anchors(content.policy?.statements.map(\.id.value) ?? [], prefix: "statement")
            clauseAnchors = SiteIndex.anchors(content.requirements.flatMap(\.clauses).map(\.id.value), prefix: "clause")
            functionAnchors = SiteIndex.anchors(content.configuration.functions.map(\.id.value), prefix: "function")
            levelAnchors = SiteIndex.anchors(content.configuration.levels.map(\.id), prefix: "level")
            forumAnchors = SiteIndex.anchors(content.configuration.forums.map(\.id.value), prefix: "forum")
            var sources = Slug.Allocator()
            sourceAnchors = content.requirements.map { "source-" + sources.allocate(SiteIndex.fileStem($0.file), fallback: "source") }

            // The owners the summaries show (`ObjectiveSummary.owner`), the functions' and the actions'.
            var owners = Set<String>()
            for o in content.objectives { if let owner = model.owner(of: o)?.value { owners.insert(owner) } }
            for f in content.configuration.functions { if let o = f.owner?.value { owners.insert(o) } }
            for r in content.reviews { for a in r.actions { if let o = a.owner?.value { owners.insert(o) } } }
            ownerAnchors = SiteIndex.anchors(owners.sorted(), prefix: "owner")

            // The files `syntax/link` accepts a link to, each with its page.
            let files = LinkTarget.pageFiles(of: content)
            var pages: [String: String] = [:]
            pages.reserveCapacity(files.count)
            for (file, page) in files {
                switch page {
                case .policy: pages[file] = "policy.html"
                case .functions: pages[file] = "functions.html"
                case let .requirement(i): pages[file] = sourceAnchors.indices.contains(i) ? "requirements.html#" + sourceAnchors[i] : "requirements.html"
                case let .objective(i): pages[file] = objectiveSlugs.indices.contains(i) ? ObjectiveSummary.href(objectiveSlugs[i]) : "index.html"
                case let .review(i): pages[file] = reviewSlugs.indices.contains(i) ? "reviews/\(reviewSlugs[i]).html" : "reviews/index.html"
                }
            }
            pagesByContentFile = pages

            // Made last, with the pages their links point to.
            var communicationHTML: [String: View] = [:]
            if let markdown {
                for c in content.communications {
                    communicationHTML[c.file] = View.html(SiteIndex.htmlBytes(c.body, from: SiteIndex.relative(c.file, root: content.root), root: "../",
                                                                                under: 3, markdown: markdown, pages: pages))
                }
            }
            self.communicationHTML = communicationHTML
        }
    }

    private static func makeSharedContexts(_ model: CheckModel) -> SharedContexts {
        var badges: [String: View] = [:]
        for spec in PageContext.badges { badges[spec.kind] = PageContext.badge(spec.kind, spec.label, spec.icon) }
        var frames: [String: ViewObject] = [:]
        for item in PageContext.navigation {
            for root in ["", "../"] {
                frames["\(item.key)|\(root)"] = PageContext.frame(model, section: item.key, root: root, title: "")
            }
        }
        return SharedContexts(badges: badges, frames: frames)
    }

    /// Fragment ids for a list of ids, unique within the page: `statement-pol-1`.
    fileprivate static func anchors(_ ids: [String], prefix: String) -> [String: String] {
        var allocator = Slug.Allocator()
        var out: [String: String] = [:]
        for id in ids where out[id] == nil { out[id] = prefix + "-" + allocator.allocate(id) }
        return out
    }

    /// A content file's path inside the content folder (`objectives/x.md`): stable whatever the
    /// current directory, so the site does not change with where `evident` was run from.
    static func relative(_ file: String, root: String) -> String { LinkTarget.relative(file, root: root) }

    func relative(_ file: String) -> String { Self.relative(file, root: content.root) }

    static func fileStem(_ file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    // MARK: look-ups

    func summary(id: String) -> ObjectiveSummary? { objectiveByID[id].map { objectives[$0] } }

    func reviewHref(_ index: Int) -> String { "reviews/\(reviewSlugs[index]).html" }

    func ownerHref(_ owner: String?) -> String? {
        owner.flatMap { ownerAnchors[$0] }.map { "owners.html#\($0)" }
    }

    func functionName(_ id: String?) -> String? {
        id.map { model.functionsByID[$0]?.name ?? $0 }
    }

    func levelName(_ id: String?) -> String? {
        guard let id else { return nil }
        return model.configuration.levels.first(where: { $0.id == id })?.name ?? id
    }

    func forumName(_ id: String?) -> String? {
        id.map { model.forumsByID[$0]?.name ?? $0 }
    }

    /// Renders a Markdown body for a page at `root` ("" or "../"), from the content file `file`,
    /// inside a section whose heading has level `level`, as UTF-8.
    func htmlBytes(_ body: MarkdownBody, from file: String, root: String, under level: Int) -> [UInt8] {
        Self.htmlBytes(body, from: relative(file), root: root, under: level, markdown: markdown, pages: pagesByContentFile)
    }

    /// `htmlBytes(…)` from the parts of the index it uses, for the index being made; `file` is
    /// inside the content folder.
    fileprivate static func htmlBytes(_ body: MarkdownBody, from file: String, root: String, under level: Int,
                                  markdown: MarkdownRenderer, pages: [String: String]) -> [UInt8] {
        guard !body.text.isEmpty else { return [] }
        var html = TaskItems.label(BodyLinks.rewrite(markdown.htmlBytes(body.text), from: file, root: root, pages: pages))
        BodyHeadings.nest(&html, under: level)
        return html
    }
}

/// Context values that are the same on many pages, made once per build.
final class SharedContexts: Sendable {
    /// Badge kind → its values for `partials/badge`, as `SiteIndex.badge` returns them.
    let badges: [String: View]
    /// "section|root" → the frame of a page (`PageContext.frame`; each page sets its title).
    let frames: [String: ViewObject]

    init(badges: [String: View], frames: [String: ViewObject]) {
        self.badges = badges
        self.frames = frames
    }
}

/// One objective as lists and tables show it. A class: index pages copy summaries into lists and
/// sort them, one reference each.
final class ObjectiveSummary: Sendable {
    let index: Int
    let file: String
    let id: String
    let title: String
    let slug: String
    let lifecycle: Objective.Status
    let functionID: String?
    let levelID: String?
    let owner: String?
    let unit: String?
    let latest: CheckModel.PeriodValue?
    /// The thresholds the latest value was judged against ("≤ 6 h, tolerance ≤ 8 h of version 1")
    /// when they are not the current ones (SPEC 4.1): beside the current target its result would
    /// read wrongly without them. nil otherwise.
    let latestJudgedAgainst: String?
    /// The newest value of a period not due yet, when no due period of an active objective has
    /// one: a new objective's first month, shown as such rather than as no data. nil otherwise.
    let newestNotYetDue: CheckModel.PeriodValue?
    /// Evaluated at its reviews instead of by a number (`CheckModel.evaluatedQualitatively`).
    let qualitative: Bool
    /// When the objective's own target, or that of `inForce` when it is shown in its place, is not
    /// yet in force on the as-of date: nil when it is.
    let thresholdsLater: ThresholdsLater?
    /// The version in force on the as-of date when the file's own is dated after it, which lists
    /// and pages show in place of the file's (`CheckModel.versionInForce`).
    let inForce: CheckModel.VersionInForce?
    let findings: [Finding]

    /// The objective's own thresholds, which lists show as its target, dated after the as-of date
    /// (SPEC 4.1): a history entry that applies later sets them, or the objective starts later.
    struct ThresholdsLater: Sendable {
        /// The day they apply from; nil when the history's latest thresholds are not the
        /// objective's (`updated/history` reports it) and no later day is on record.
        let from: Day?
        /// Those in force on the as-of date ("≤ 6 h (version 2)"); nil before the objective starts.
        let inForce: String?
    }

    var href: String { Self.href(slug) }
    /// Where the page of the objective with `slug` is, from the site's top.
    static func href(_ slug: String) -> String { "objectives/\(slug).html" }
    /// Whether the latest due period of an active objective has no value (a known gap, or no row),
    /// as `monitored/no-data` says: its result is then no data, whatever an earlier value was.
    let dueUnmeasured: Bool
    /// The status of the latest value; no data when there is none, or when an active objective's
    /// latest due period has none (`latest` is still shown, with its period).
    var result: ValueStatus { dueUnmeasured ? .noData : latest?.status ?? .noData }
    /// Whether an active objective has no period due yet (approved, or started, less than a period
    /// and its grace ago): no value is asked of it (`monitored/no-data`), so it lacks none.
    let nothingDue: Bool
    /// What lists show as the objective's result: the status of its latest value, `evaluated` for
    /// an objective that has no value to judge, or `not-yet-due` for one asked for none yet.
    /// `not-monitored` for a draft or retired objective that has no value: it is asked for none,
    /// so it lacks none (one with values shows its latest one's status, as a record).
    /// `not-judged` for a latest value that no target judges (`measurable/target`): there is
    /// data, so it is not "no data".
    var resultKind: String {
        if qualitative { return ObjectiveSummary.evaluated }
        if nothingDue { return ObjectiveSummary.notYetDue }
        if unmonitored { return ObjectiveSummary.notMonitored }
        if !dueUnmeasured, let latest { return latest.statusName }
        return result.rawValue
    }

    /// A draft or retired objective with no value at all.
    var unmonitored: Bool { lifecycle != .active && latest == nil }

    /// The result of an objective evaluated at its reviews.
    static let evaluated = "evaluated"
    /// The result of an active objective with no period due yet.
    static let notYetDue = "not-yet-due"
    /// The result of a draft or retired objective with no value.
    static let notMonitored = "not-monitored"
    /// The result of an objective whose latest value no target judges, as its values table says.
    static let notJudged = CheckModel.PeriodValue.notJudged

    init(index: Int, objective o: Objective, slug: String, model: CheckModel, findings: [Finding]) {
        self.index = index
        file = o.file
        id = o.displayID
        title = o.title?.value ?? o.displayID
        self.slug = slug
        lifecycle = model.status(of: o)
        functionID = o.function?.value
        levelID = model.level(of: o)
        owner = model.owner(of: o)?.value
        unit = o.metric?.unit?.value
        latest = model.latestResult(of: o)
        let due = model.owedPeriod(of: o)
        dueUnmeasured = due.map { CheckModel.entry(for: $0, in: model.series(of: o))?.value == nil } ?? false
        let inForce = model.versionInForce(of: o)
        self.inForce = inForce
        latestJudgedAgainst = latest.flatMap { pv -> String? in
            // Beside the thresholds shown: the version in force's when it is not the file's own.
            if let inForce {
                let same = Threshold.sameBound
                if let shown = inForce.judgement, same(shown.target, pv.judgement.target) && same(shown.tolerance, pv.judgement.tolerance) { return nil }
            } else if !model.differsFromCurrent(o, pv.judgement) {
                return nil
            }
            return ObjectivePage.thresholds(pv.judgement, unit: o.metric?.unit?.value) + (pv.judgement.version.map { " of version \($0)" } ?? "")
        }
        qualitative = model.evaluatedQualitatively(o)
        thresholdsLater = qualitative ? nil : inForce.map { Self.thresholdsLater($0, o, model) } ?? Self.thresholdsLater(o, model)
        newestNotYetDue = latest != nil || qualitative || !model.isActive(o) ? nil : model.series(of: o).last { pv in
            // Later than the due period, and not a period that ended before the start (never due).
            pv.value != nil && due.map { pv.period > $0 } ?? true && model.start(of: o).map { pv.period.end >= $0 } ?? true
        }
        // An objective evaluated at its reviews owes no value either, but is `evaluated`, not waiting.
        nothingDue = model.isActive(o) && !qualitative && due == nil && latest == nil && model.cadence(of: o) != nil
        self.findings = findings
    }

    /// The version in force's thresholds when it takes effect after the as-of date, and those of
    /// the version before, which judge until then; nil when they are the same.
    private static func thresholdsLater(_ inForce: CheckModel.VersionInForce, _ o: Objective, _ model: CheckModel) -> ThresholdsLater? {
        guard let from = inForce.from, let shown = inForce.judgement else { return nil }
        // Before the objective's start nothing judges: the file's own thresholds are no version's that day.
        if let start = model.start(of: o), start > model.asOf { return ThresholdsLater(from: from, inForce: nil) }
        let now = model.timeline(of: o).judgement(on: model.asOf), same = Threshold.sameBound
        if same(shown.target, now.target) && same(shown.tolerance, now.tolerance) { return nil }
        return ThresholdsLater(from: from, inForce: ObjectivePage.judged(now, unit: o.metric?.unit?.value))
    }

    private static func thresholdsLater(_ o: Objective, _ model: CheckModel) -> ThresholdsLater? {
        guard o.target != nil else { return nil }
        let timeline = model.timeline(of: o), asOf = model.asOf
        let now = timeline.judgement(on: asOf)
        if model.differsFromCurrent(o, now) {
            // The last step judges every later period: the current ones apply from it when it sets them.
            let from = timeline.last.flatMap { last in
                last.since.flatMap { $0 > asOf && !model.differsFromCurrent(o, last) ? $0 : nil }
            }
            return ThresholdsLater(from: from, inForce: ObjectivePage.judged(now, unit: o.metric?.unit?.value))
        }
        guard let start = model.start(of: o), start > asOf else { return nil }
        return ThresholdsLater(from: start, inForce: nil)
    }
}
