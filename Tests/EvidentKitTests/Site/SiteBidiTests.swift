import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentSite
@testable import EvidentSupport

/// A title, name or statement written right to left (Hebrew, Arabic) in a left-to-right page: the
/// element that holds it alone takes `dir="auto"`, and one shown beside the theme's words is a
/// `<bdi>`, so its direction comes from its own first letter. Without them a Hebrew title ending
/// in an emoji or a number shows that end on the wrong side, and it reorders the words beside it.
@Suite struct SiteBidiTests {
    static let title = "בדיקת שחזור גיבויים 💾"
    static let owner = "رئيس عمليات الخدمة"
    static let function = "ניהול אבטחת מידע"
    static let statement = "אנו משחזרים שירותים במהירות."
    static let organization = "נורתווינד שירותים"
    static let body = "המטרה נקבעה לפי חוזה 2026."
    static let note = "תקלה בחשמל"

    static func site() throws -> [String: String] {
        var files = ExampleTree.base
        files["evident.yml"] = ExampleTree.edit(ExampleTree.configuration, [
            "organization: Example Services": "organization: \(organization)",
            "name: Incident management": "name: \(function)",
        ])
        files["policy.md"] = ExampleTree.edit(ExampleTree.policy, [
            "text: We restore disrupted services quickly and keep users informed.": "text: \(statement)",
        ])
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "title: Restore priority-1 incidents quickly": "title: \(title)",
            "owner: Incident Process Owner": "owner: \(owner)",
            "---\nRationale.": "---\n\(body)",
        ])
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.edit(ExampleTree.measurements, ["2026-03,3.9,,": "2026-03,3.9,\(note),"])
        return Dictionary(uniqueKeysWithValues: SiteTestSupport.pages(try SiteTestSupport.site(of: files)).map { ($0.path, $0.html) })
    }

    @Test func rightToLeftValuesTakeTheirOwnDirection() throws {
        let pages = try Self.site()
        let objective = try #require(pages["objectives/obj-inc-01.html"])
        #expect(objective.contains("<h1 dir=\"auto\">\(Self.title)</h1>"))
        let register = try #require(pages["register.html"])
        #expect(register.contains("<td class=\"title-cell\" dir=\"auto\">\(Self.title)</td>"))
        #expect(register.contains("<td dir=\"auto\">\(Self.owner)</td>"))
        #expect(register.contains("<bdi>\(Self.function)</bdi>"))
        let policy = try #require(pages["policy.html"])
        #expect(policy.contains("</span> <bdi>\(Self.statement)</bdi></h3>"))
        #expect(policy.contains("</a> <bdi>\(Self.title)</bdi> "))
        let owners = try #require(pages["owners.html"])
        #expect(owners.contains("<bdi>\(Self.owner)</bdi> <span class=\"heading-note\">"))
        #expect(owners.contains("<td dir=\"auto\">\(Self.title)</td>"))
        // Its notes (a Markdown body) and a measurement's note, each in its own direction; a table
        // cell's text starts on its own side (`text-align: start`).
        #expect(objective.contains("<div class=\"prose\" dir=\"auto\"><p>\(Self.body)</p>"), "\(objective)")
        #expect(objective.contains("<td class=\"value-note\" dir=\"auto\">\(Self.note)</td>"))
        // The objective page links its owner and function, and names its policy statement.
        #expect(objective.contains("dir=\"auto\">\(Self.owner)</a>"))
        #expect(objective.contains("dir=\"auto\">\(Self.function)</a>"))
        #expect(objective.contains("<bdi class=\"ref-text\">\(Self.statement)</bdi>"))
        // The dashboard, the functions, the change log and the metric dictionary.
        let index = try #require(pages["index.html"])
        #expect(index.contains("<td dir=\"auto\">\(Self.title)</td>"))
        let functions = try #require(pages["functions.html"])
        #expect(functions.contains("<th scope=\"row\"><bdi>\(Self.function)</bdi> <span class=\"id\">incident</span></th>"))
        let changes = try #require(pages["changes.html"])
        #expect(changes.contains("<bdi class=\"ref-text\">\(Self.title)</bdi>"))
        let metrics = try #require(pages["metrics.html"])
        #expect(metrics.contains("<bdi>\(Self.title)</bdi></span></h2>"))
        // The organisation's name in every page's header and footer.
        let organization = Self.organization
        for (path, html) in pages {
            #expect(html.contains("<span class=\"site-org\"><bdi>\(organization)</bdi></span>"), "\(path)")
            #expect(html.contains("<p><bdi>\(organization)</bdi> · "), "\(path)")
        }
    }

    /// Free text an author writes into a field (a metric's definition, a plan, a history entry, an
    /// owner) takes its own direction wherever an element holds it alone.
    @Test func rightToLeftFreeTextTakesItsOwnDirection() throws {
        let definition = "שעות מפתיחת הקריאה ועד השחזור", plan = "לנתב תקלות P1 ישירות", change = "גרסה ראשונה",
            reason = "מטרה חדשה"
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "definition: Hours from the creation of a P1 ticket to the restoration of service.": "definition: \(definition)",
            "what: Route P1 incidents straight to the resolver group's on-call rota.": "what: \(plan)",
            "change: First version.": "change: \(change)",
            "reason: New objective set.": "reason: \(reason)",
            "owner: Incident Process Owner": "owner: \(Self.owner)",
        ])
        let pages = Dictionary(uniqueKeysWithValues: SiteTestSupport.pages(try SiteTestSupport.site(of: files)).map { ($0.path, $0.html) })
        let objective = try #require(pages["objectives/obj-inc-01.html"])
        #expect(objective.contains("<dt>Definition</dt><dd dir=\"auto\">\(definition)</dd>"), "\(objective)")
        #expect(objective.contains("<dt>What</dt><dd dir=\"auto\">\(plan)</dd>"))
        #expect(objective.contains("<td dir=\"auto\">\(change)</td>"))
        #expect(objective.contains("<td dir=\"auto\">\(reason)</td>"))
        #expect(objective.contains("<span class=\"kf-value\" dir=\"auto\">\(Self.owner)</span>"))
        let changes = try #require(pages["changes.html"])
        #expect(changes.contains("<td dir=\"auto\">\(change)</td>"), "\(changes)")
        #expect(changes.contains("<td dir=\"auto\">\(reason)</td>"))
        let metrics = try #require(pages["metrics.html"])
        #expect(metrics.contains("<dt>Definition</dt><dd dir=\"auto\">\(definition)</dd>"))
    }

    /// A unit, a forum's name or an attendee written right to left, set among the theme's words
    /// and numbers, is isolated (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, or `<bdi>`), and
    /// a heading or list the theme composes in English keeps the page's direction. Without it the
    /// latest value `3.3 ساعة (2026-10)` showed as `3.3 (10-2026) ساعة`, the metric's unit landed
    /// inside its name, a review titled `مراجعة العمليات of 2026-11-10` read right to left, and a
    /// scope ending in `(OBJ-INC-01, 99.5 %)` put the brackets on the wrong side.
    @Test func rightToLeftNamesAmongTheThemesWordsAreIsolated() throws {
        let unit = "ساعة", forum = "مراجعة العمليات", attendee = "מנהל אבטחת מידע", metric = "زمن الاستعادة P1، المئين 90",
            scope = "خدمات تقنية المعلومات (OBJ-INC-01, 99.5 %)"
        var files = ExampleTree.base
        files["evident.yml"] = ExampleTree.edit(ExampleTree.configuration, [
            "name: Operational review": "name: \(forum)",
            "scope: IT services for the example business units": "scope: \(scope)",
        ])
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "name: P1 restoration time, 90th percentile": "name: \(metric)",
            "unit: h": "unit: \(unit)",
            "target: \"<= 4 h\"": "target: \"<= 4 \(unit)\"",
            "tolerance: \"<= 6 h\"": "tolerance: \"<= 6 \(unit)\"",
            "owner: Incident Process Owner": "owner: Incident Process Owner\ncontributors: [\(attendee), Service Desk Lead]",
        ])
        files["reviews/2026-11-10.md"] = ExampleTree.edit(ExampleTree.review, ["attendees: [Incident Process Owner]": "attendees: [\(attendee), Incident Process Owner]"])
        let pages = Dictionary(uniqueKeysWithValues: SiteTestSupport.pages(try SiteTestSupport.site(of: files)).map { ($0.path, $0.html) })
        let isolatedUnit = "\u{2068}\(unit)\u{2069}"
        let register = try #require(pages["register.html"])
        #expect(register.contains("3.7 \(isolatedUnit) (2026-10)"), "\(register)")
        let objective = try #require(pages["objectives/obj-inc-01.html"])
        #expect(objective.contains("<span class=\"kf-value\">\u{2068}3.7 \(isolatedUnit) (2026-10)\u{2069}</span>"), "\(objective)")
        #expect(objective.contains("<td class=\"num\">\u{2068}3.7 \(isolatedUnit)\u{2069}</td>"))
        #expect(objective.contains("dir=\"auto\">\(metric)</a> <span class=\"unit\">(<bdi>\(unit)</bdi>)</span>"))
        #expect(objective.contains("\u{2068}Target ≤ 4 \(isolatedUnit)\u{2069}</text>"))
        #expect(objective.contains("<dt>Contributors</dt><dd>\u{2068}\u{2068}\(attendee)\u{2069}, Service Desk Lead\u{2069}</dd>"))
        let review = try #require(pages["reviews/2026-11-10.html"])
        let title = "\u{2068}\u{2068}\(forum)\u{2069} of 2026-11-10\u{2069}"
        #expect(review.contains("<h1>\(title)</h1>"), "\(review)")
        #expect(review.contains("<span aria-current=\"page\">\(title)</span>"))
        #expect(review.contains("<dd>\u{2068}\u{2068}\(attendee)\u{2069}, Incident Process Owner\u{2069}</dd>"))
        let index = try #require(pages["index.html"])
        #expect(index.contains("<span class=\"label\">Scope:</span> <bdi>\(scope)</bdi>"))
        // A name written left to right is left as it is.
        #expect(!pages.values.contains { $0.contains("\u{2068}Incident Process Owner") })
        #expect(BidiText.holdsRightToLeft(attendee) && BidiText.holdsRightToLeft("\u{200F}") && !BidiText.holdsRightToLeft("サービス h %"))
    }

    /// The stylesheet gives each block of a Markdown body the direction of its own first letter, and
    /// keeps a statement written right to left at the right edge under its title.
    @Test func bodyBlocksTakeTheirOwnDirection() throws {
        let css = try #require(EmbeddedTheme.files["assets/style.css"])
        #expect(css.contains(".prose :is(p, li, h1, h2, h3, h4, h5, h6, dt, dd, th, td) { unicode-bidi: plaintext; }"))
        #expect(css.contains(".statement:dir(rtl) { margin-left: auto; }"))
    }
}
