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

    @Test func nothingWrittenPrintsNothing() {
        #expect(Written(folders: []).nextSteps(directory: ".", withTheme: false) == nil)
    }
}
