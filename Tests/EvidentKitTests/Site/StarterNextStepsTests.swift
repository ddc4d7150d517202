import Testing
@testable import EvidentSite

/// What `init` prints after writing: the folders, and the commands to run next with the flags
/// that name them when the project is not the working folder.
@Suite struct StarterNextStepsTests {
    typealias Written = StarterProject.Written

    @Test func aNewProjectNamesItsFoldersOnlyWhenNotTheWorkingFolder() {
        #expect(Written(folders: ["content", "schema"]).nextSteps(directory: ".", withTheme: false)
                == "Wrote content/ and schema/. Next: `evident check`, then `evident build`.")
        #expect(Written(folders: ["p/content", "p/templates", "p/schema"]).nextSteps(directory: "p", withTheme: true)
                == "Wrote p/content/, p/templates/ and p/schema/. Next: `evident check --content p/content`, "
                + "then `evident build --content p/content --templates p/templates`.")
        #expect(Written(folders: ["p/content", "p/schema"]).nextSteps(directory: "p", withTheme: false)
                == "Wrote p/content/ and p/schema/. Next: `evident check --content p/content`, then `evident build --content p/content`.")
    }

    @Test func keptContentIsNamedAsAFolderOrAFile() {
        #expect(Written(folders: ["p/templates"], keptContent: "p/content").nextSteps(directory: "p", withTheme: true)
                == "Wrote p/templates/; p/content/ is yours and was kept. Edit the templates you change, delete the others, "
                + "then `evident build --content p/content --templates p/templates`.")
        #expect(Written(folders: ["templates"], keptContent: "content", keptContentIsFile: true).nextSteps(directory: ".", withTheme: true)
                == "Wrote templates/; content is a file of yours and was kept. Edit the templates you change, delete the others, "
                + "then `evident build --content DIR`, DIR your content folder.")
    }

    /// The commands run as printed when pasted: a folder with a space or a quote is quoted for the
    /// shell, and one that starts with a dash is not taken for an option.
    @Test func theCommandsQuoteTheFoldersForTheShell() {
        #expect(Written(folders: ["my proj/content", "my proj/templates", "my proj/schema"]).nextSteps(directory: "my proj", withTheme: true)
                == "Wrote my proj/content/, my proj/templates/ and my proj/schema/. Next: `evident check --content 'my proj/content'`, "
                + "then `evident build --content 'my proj/content' --templates 'my proj/templates'`.")
        #expect(Written(folders: ["it's/content", "it's/schema"]).nextSteps(directory: "it's", withTheme: false)
                == "Wrote it's/content/ and it's/schema/. Next: `evident check --content 'it'\\''s/content'`, "
                + "then `evident build --content 'it'\\''s/content'`.")
        #expect(Written(folders: ["-p/templates"], keptContent: "-p/content").nextSteps(directory: "-p", withTheme: true)
                == "Wrote -p/templates/; -p/content/ is yours and was kept. Edit the templates you change, delete the others, "
                + "then `evident build --content ./-p/content --templates ./-p/templates`.")
    }

    @Test func nothingWrittenPrintsNothing() {
        #expect(Written(folders: []).nextSteps(directory: ".", withTheme: false) == nil)
    }
}
