import CEvidentSystem
import EvidentCheck
import EvidentModel
import EvidentSupport

/// `evident diff --each-commit BASE [HEAD]`: every commit after BASE up to HEAD that changed the
/// content, compared with the commit before it. A pull request's diff is seen once; this is the
/// record of a period, in which an objective changed without its version, a past value rewritten
/// or its evidence replaced still shows after it was merged.
package enum CommitWalk {
    /// What became of one commit.
    package enum Outcome: Sendable {
        case compared(ContentDiff)
        /// The commit made the content folder, or removed it: nothing to compare it with.
        case made, removed
        /// One side could not be read (a file stored with Git LFS, a link out of the tree): said,
        /// and the walk goes on.
        case failed(DiffFailure)
    }

    /// The commits walked: BASE and HEAD as full ids, and where BASE is not an ancestor of HEAD,
    /// the commit their histories share last, after which the walk starts.
    package struct Ends: Sendable {
        package var base: String
        package var head: String
        package var mergeBase: String?
    }

    /// Resolves both names, then compares each commit that changed the content with its first
    /// parent, oldest first, handing each comparison to `each` and letting it go before the next.
    /// `revisions`: BASE, and HEAD (by default `HEAD`, the commit checked out); `folders`: whether
    /// `--base-dir` or `--head-dir` was given, which a walk through commits cannot take.
    /// `progress` counts the commits compared.
    package static func walk(revisions: [String], folders: Bool, content: String, asOf: Day, progress: ProgressMeter = .silent,
                             _ each: (RevisionReader.Change, Outcome) -> Void) throws(DiffFailure) -> Ends {
        guard !folders, let base = revisions.first, revisions.count <= 2 else {
            throw DiffFailure(folders || revisions.isEmpty
                ? "--each-commit compares the commits between two revisions: name BASE (and HEAD, by default the commit checked out) as revisions, not folders."
                : "\(codeSpan(revisions[2])) is one revision too many: `evident diff --each-commit` walks from BASE to HEAD.")
        }
        let head = revisions.count == 2 ? revisions[1] : "HEAD"
        guard case let .revision(reader, _, from, shown) = try DiffLoader.plan(.revision(base), content: content, role: "BASE"),
              case let .revision(_, _, to, _) = try DiffLoader.plan(.revision(head), content: content, role: "HEAD") else {
            throw DiffFailure("internal: a revision was not resolved as one")
        }
        // HEAD behind BASE (the two swapped) has no commit after BASE, and would pass as no change.
        if from != to, try reader.isAncestor(to, of: from) {
            throw DiffFailure("HEAD \(codeSpan(head)) (\(to)) comes before BASE \(codeSpan(base)) (\(from)) in the history, so no commit lies after BASE up to it. Name the older revision first: `evident diff --each-commit BASE [HEAD]`.")
        }
        let mergeBase = try reader.isAncestor(from, of: to) ? nil : try reader.mergeBase(from, to)
        let changes = try reader.changes(after: from, through: to)
        progress.begin("Comparing commits", total: changes.count)
        progress.advance(by: 0)
        defer { progress.end() }
        // Each commit is read and checked once: as HEAD, then kept as the next commit's BASE when
        // the next commit's parent has the same content tree (commits that left it alone between).
        var last: DiffLoader.Checked?
        for change in changes {
            defer { progress.advance() }
            // The comparison before is let go by now: the pages malloc's arenas kept of it go back,
            // so that a walk's peak is that of one comparison, not of one and the holes of those before.
            _ = evident_return_free_memory()
            guard change.parentHasContent, change.hasContent else {
                last = nil
                each(change, change.hasContent ? .made : .removed)
                continue
            }
            do {
                var base: DiffLoader.Checked
                if let last, !last.tree.isEmpty, last.tree == change.parentTree {
                    base = last
                    if last.commit != change.parent {
                        base.side.source = .revision(change.parent, commit: change.parent)
                        base.side.committed = try reader.committedDay(change.parent)
                    }
                } else {
                    base = try DiffLoader.checked(change.parent, tree: change.parentTree, committed: try reader.committedDay(change.parent),
                                                  reader: reader, shownRoot: shown, asOf: asOf, after: nil)
                }
                last = nil
                let head = try DiffLoader.checked(change.commit, tree: change.tree, committed: change.committed,
                                                  reader: reader, shownRoot: shown, asOf: asOf, after: base)
                last = head
                each(change, .compared(ContentDiff(base: base.side, head: head.side)))
            } catch {
                last = nil
                each(change, .failed(error))
            }
        }
        return Ends(base: from, head: to, mergeBase: mergeBase)
    }
}

/// The report of a walk: a line of counts, then each commit's comparison as `DiffReport` gives it,
/// under the commit's id, day and subject.
package struct CommitsReport: Sendable {
    let format: DiffFormat
    let color: Bool
    let quiet: Bool
    private var parts: [String] = []
    private var commits: [JSON] = []
    private var counts = (commits: 0, introducing: 0, unrecorded: 0, past: 0, unread: 0)
    private var fails = false

    package init(format: DiffFormat, color: Bool = false, quiet: Bool = false) {
        self.format = format
        self.color = color
        self.quiet = quiet
    }

    /// Whether a commit introduced a finding at or above `--fail-on`'s threshold.
    package var failed: Bool { fails }

    /// Adds one commit's comparison, rendered now so that the comparison can be let go.
    package mutating func add(_ change: RevisionReader.Change, _ outcome: CommitWalk.Outcome, failOn: Severity?) {
        counts.commits += 1
        let day = change.committed.map { " (\($0))" } ?? ""
        let said: (content: String, what: String, error: String?)
        switch outcome {
        case let .compared(diff): return add(change, diff, day: day, failOn: failOn)
        case .made: said = ("made", "made the content folder: there is nothing before it to compare with", nil)
        case .removed: said = ("removed", "removed the content folder", nil)
        case let .failed(failure):
            counts.unread += 1
            fails = fails || failOn != nil
            said = ("changed", "could not be compared: \(failure.description)", failure.description)
        }
        switch format {
        case .text where quiet:
            if said.error != nil { parts.append("\(change.commit.prefix(10)) This commit \(TerminalText.escape(said.what))\n") }
        case .text: parts.append("\ncommit \(change.commit)\(day): \(TerminalText.escape(change.subject))\nThis commit \(TerminalText.escape(said.what)).\n")
        case .markdown: parts.append("\n### Commit \(GFM.code(change.commit))\(day): \(GFM.text(change.subject))\n\nThis commit \(GFM.message(said.what)).\n")
        case .json:
            commits.append(Self.json(change, content: said.content, error: said.error, diff: .null))
        }
    }

    private mutating func add(_ change: RevisionReader.Change, _ diff: ContentDiff, day: String, failOn: Severity?) {
        let report = DiffReport(diff: diff)
        if !diff.introduced.isEmpty { counts.introducing += 1 }
        counts.unrecorded += diff.introduced.count { $0.rule == UnrecordedChange.ruleID }
        let history = diff.changed.contains { $0.history.contains(where: \.altersRecord) }
        if history || diff.measurementChanges.contains(where: \.change.rewritesPast) || diff.evidence.contains(where: \.behindPastValue) {
            counts.past += 1
        }
        fails = fails || diff.fails(at: failOn)
        switch format {
        case .text where quiet:
            let short = String(change.commit.prefix(10))
            parts.append(diff.introduced.map { "\(short) " + FindingsReport.line($0, color: color) }.joined())
        case .text:
            let title = "commit \(change.commit)\(day): \(TerminalText.escape(change.subject))"
            parts.append("\n" + (color ? "\u{1B}[1m\(title)\u{1B}[0m" : title) + "\n" + report.text(color: color, quiet: false, header: false))
        case .markdown:
            parts.append("\n### Commit \(GFM.code(change.commit))\(day): \(GFM.text(change.subject))\n\n" + report.markdown(listAtMost: Int.max, heading: false))
        case .json:
            commits.append(Self.json(change, content: "changed", error: nil, diff: report.json()))
        }
    }

    /// One commit in `--format json`: `{"commit", "parent", "committed", "subject", "content", "error", "diff"}`.
    private static func json(_ change: RevisionReader.Change, content: String, error: String?, diff: JSON) -> JSON {
        .object([("commit", .string(change.commit)), ("parent", .optional(change.parent.isEmpty ? nil : change.parent)),
                 ("committed", .optional(change.committed?.description)), ("subject", .string(change.subject)),
                 ("content", .string(content)), ("error", .optional(error)), ("diff", diff)])
    }

    /// `3 commits changed the content · findings introduced by 1 (1 unrecorded change) · past
    /// values, their evidence or history entries rewritten by 1`.
    var summary: String {
        guard counts.commits > 0 else { return "no commit changed the content" }
        return "\(DiffReport.plural(counts.commits, "commit")) changed the content · findings introduced by \(counts.introducing)"
            + " (\(DiffReport.plural(counts.unrecorded, "unrecorded change"))) · past values, their evidence or history entries rewritten by \(counts.past)"
            + (counts.unread == 0 ? "" : " · \(counts.unread) could not be compared")
    }

    package func render(_ ends: CommitWalk.Ends, asOf: Day) -> String {
        let start = ends.mergeBase.map { "BASE is not an ancestor of HEAD: the walk starts after \($0), the last commit their histories share." }
        switch format {
        case .text where quiet:
            return parts.joined()
        case .text:
            return "evident diff --each-commit revision \(ends.base) → revision \(ends.head), as of \(asOf)\n" + (start.map { $0 + "\n" } ?? "")
                + "\(summary)\n" + parts.joined()
        case .markdown:
            return "## evident diff --each-commit: revision \(GFM.code(ends.base)) → revision \(GFM.code(ends.head))\n\n**\(GFM.text(summary))**\n\n"
                + "As of \(asOf); each commit is compared with the one before it (its first parent), both sides as of that date.\n"
                + (start.map { "\n" + $0 + "\n" } ?? "") + parts.joined()
        case .json:
            return JSON.object([("as_of", .string(asOf.description)), ("base", .string(ends.base)), ("head", .string(ends.head)),
                                ("merge_base", .optional(ends.mergeBase)),
                                ("summary", .object([("text", .string(summary)), ("commits", .int(counts.commits)),
                                                     ("commits_introducing_findings", .int(counts.introducing)),
                                                     ("unrecorded_changes", .int(counts.unrecorded)),
                                                     ("commits_rewriting_past_records", .int(counts.past)),
                                                     ("commits_not_compared", .int(counts.unread))])),
                                ("commits", .array(commits))]).serialized()
        }
    }
}
