import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentPack

/// The guide's own checking commands, copied from `README.html` as a browser shows them and run
/// with bash in the folder unzipping makes, as an auditor would: a zip received under another name,
/// unzipped into a folder whose path has spaces, with the public key saved beside the zip.
@Suite struct PackGuideCommandsTests {
    static let tools = ["unzip", "bash", "sha256sum", "find", "diff", "cut", "sort", "openssl", "tail"]

    /// The text of every `<pre><code>` block, unescaped, one command a line.
    static func commands(_ html: String) -> [String] {
        html.components(separatedBy: "<pre><code>").dropFirst().compactMap { block in
            block.components(separatedBy: "</code></pre>").first
        }.flatMap { $0.components(separatedBy: "\n") }.map { line in
            line.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    struct Received {
        let fixture: PackFixture
        let folder: URL
        let packFolder: URL
        let commands: [String]

        init(signed: Bool, files: [String: String] = ExampleTree.base) throws {
            fixture = try PackFixture(files: files)
            folder = try ExternalTool.temporaryFolder().appendingPathComponent("audit 2026/from the client")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let key = signed ? try PackSigningKey(pem: PackKeyTests.opensslKey) : nil
            try fixture.pack.zip(signingKey: key).write(to: folder.appendingPathComponent("client pack (1).zip"))
            if signed { try Data(PackKeyTests.opensslPublicKey.utf8).write(to: folder.appendingPathComponent("evident-public.pem")) }
            let unzip = try ExternalTool.run("unzip", ["-q", "client pack (1).zip"], in: folder)
            #expect(unzip.status == 0, "\(unzip.output)")
            packFolder = folder.appendingPathComponent(fixture.pack.folderName)
            let html = try String(contentsOf: packFolder.appendingPathComponent("README.html"), encoding: .utf8)
            commands = PackGuideCommandsTests.commands(html).filter { !$0.hasPrefix("evident ") }
        }

        func run(_ command: String) throws -> ExternalTool.Run {
            try ExternalTool.run("bash", ["-c", command], in: packFolder)
        }

        func remove() {
            fixture.remove()
            try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent())
        }
    }

    @Test(.enabled(if: tools.allSatisfy(ExternalTool.has), "a tool the guide names is not installed; skipping its commands"))
    func theSignedGuidesCommandsPassAsWrittenAndCatchAnExtraFile() throws {
        let received = try Received(signed: true)
        defer { received.remove() }
        #expect(received.commands.count == 4, "\(received.commands)")
        for command in received.commands {
            let run = try received.run(command)
            #expect(run.status == 0, "\(command): \(run.output)")
        }
        let fingerprint = try received.run(received.commands[2])
        let key = try PackSigningKey(pem: PackKeyTests.opensslKey)
        #expect(fingerprint.output.hasPrefix(String(key.verifyingKey.fingerprint.dropFirst("SHA256:".count)) + "  -"), "\(fingerprint.output)")
        #expect(try received.run(received.commands[3]).output.contains("Signature Verified Successfully"))

        // A file the manifest does not list, which `sha256sum -c` passes, is caught by the second.
        try Data("x".utf8).write(to: received.packFolder.appendingPathComponent("content/evidence/added later.pdf"))
        #expect(try received.run(received.commands[0]).status == 0)
        let extra = try received.run(received.commands[1])
        #expect(extra.status != 0)
        #expect(extra.output.contains("< content/evidence/added later.pdf"), "\(extra.output)")
    }

    @Test(.enabled(if: tools.allSatisfy(ExternalTool.has), "a tool the guide names is not installed; skipping its commands"))
    func theUnsignedGuidesCommandsPassAsWrittenAndCatchAMissingFile() throws {
        var files = ExampleTree.base
        files["evidence/board pack – final (v2) é.pdf"] = "%PDF-1.4\n"
        let received = try Received(signed: false, files: files)
        defer { received.remove() }
        #expect(received.commands.count == 2, "\(received.commands)")
        for command in received.commands {
            let run = try received.run(command)
            #expect(run.status == 0, "\(command): \(run.output)")
        }
        try FileManager.default.removeItem(at: received.packFolder.appendingPathComponent("content/evidence/board pack – final (v2) é.pdf"))
        #expect(try received.run(received.commands[0]).status != 0)
        #expect(try received.run(received.commands[1]).output.contains("> content/evidence/board pack – final (v2) é.pdf"))
    }
}

/// The guide printed, as an auditor prints it: Chromium's PDF, read back as text.
@Suite struct PackGuidePrintTests {
    @Test(.enabled(if: ExternalTool.has("chromium") && ExternalTool.has("pdftotext"),
                   "chromium or pdftotext (Debian: poppler-utils) is not installed; skipping the printed guide"))
    func thePrintedGuideListsEveryFileAndStartsEachStandardOnAPage() throws {
        var files = ExampleTree.base
        files["evident.yml"] = (files["evident.yml"] ?? "").replacingOccurrences(
            of: "organization: Example Services", with: "organization: Example Services\nstandards: [iso20000-1, iso9001]")
        files["evidence/printed-attachment-7Q.pdf"] = "%PDF-1.4\n"
        let fixture = try PackFixture(files: files)
        defer { fixture.remove() }
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let guide = folder.appendingPathComponent("README.html")
        try (fixture.pack.contents()["README.html"] ?? Data()).write(to: guide)
        let pdf = folder.appendingPathComponent("guide.pdf")
        let print = try ExternalTool.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                      "--user-data-dir=\(folder.path)/profile",
                                                      "--print-to-pdf=\(pdf.path)", guide.absoluteString])
        #expect(FileManager.default.fileExists(atPath: pdf.path), "\(print.output)")
        let text = try ExternalTool.run("pdftotext", ["-layout", pdf.path, "-"]).output
        // The lists folded into <details> on screen are on paper.
        #expect(text.contains("content/evidence/printed-attachment-7Q.pdf"))
        // Each standard's section starts a page, so its auditor can print it alone.
        let pages = text.components(separatedBy: "\u{0C}")
        for heading in ["ISO/IEC 20000-1:2018, clause 6.2", "ISO 9001:2015, clause 6.2"] {
            #expect(pages.contains { page in
                page.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?
                    .trimmingCharacters(in: .whitespaces).hasPrefix(heading) == true
            }, "no page starts with \(heading)")
        }
    }
}
