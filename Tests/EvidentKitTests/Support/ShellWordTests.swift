import Testing
@testable import EvidentSupport

@Suite struct ShellWordTests {
    @Test func aWordIsQuotedOnlyWhenTheShellWouldSplitOrReadIt() {
        #expect(ShellWord.quote("content/objectives") == "content/objectives")
        #expect(ShellWord.quote("my project") == "'my project'")
        #expect(ShellWord.quote("it's") == "'it'\\''s'")
        #expect(ShellWord.quote("$HOME") == "'$HOME'")
        #expect(ShellWord.quote("é") == "'é'")
        #expect(ShellWord.quote("") == "''")
    }

    @Test func aPathThatStartsWithADashIsNotAnOption() {
        #expect(ShellWord.path("-key.pem") == "./-key.pem")
        #expect(ShellWord.path("/abs/-key.pem") == "/abs/-key.pem")
        #expect(ShellWord.path("-my key.pem") == "'./-my key.pem'")
    }
}
