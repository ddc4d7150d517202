import Testing
@testable import EvidentLoad

/// The names `LeftoverFile` knows, in any letter case and under any folder, and names beside them
/// that someone may give a document.
@Suite struct LeftoverFileTests {
    @Test func namesOnTheListAreKnownInAnyCase() {
        let known: [(String, LeftoverFile)] = [
            ("Thumbs.db", .thumbnails), ("THUMBS.DB", .thumbnails), ("evidence/2026/ehthumbs.db", .thumbnails),
            ("ehthumbs_vista.db", .thumbnails), ("desktop.ini", .folderSettings), ("Desktop.INI", .folderSettings),
            ("a/Icon\r", .folderIcon), ("~$report.docx", .officeLock), ("evidence/~$x", .officeLock),
            ("~WRL0001.tmp", .officeTemporary), ("~wrl0001.TMP", .officeTemporary), ("board.pdf.crdownload", .partialDownload),
            ("board.pdf.CRDOWNLOAD", .partialDownload), ("board.pdf.part", .partialDownload), ("x/.part", .partialDownload),
        ]
        for (path, kind) in known {
            #expect(LeftoverFile(path: path) == kind, "\(path.debugDescription)")
            let name = path.split(separator: "/").last ?? ""
            #expect(LeftoverFile(name: name) == kind, "\(path.debugDescription)")
        }
    }

    @Test func namesADocumentMayHaveAreNot() {
        for path in ["", "/", "report.docx.bak", "~draft.pdf", "~", "thumbs.db.csv", "minutes.part1.rar", "Icon.png", "Icon",
                     "icon\r", "mythumbs.db", "thumbs.db/board.pdf", "desktop.ini.txt", "OBJ-INC-01.md", "a.csv", "dart", "é.d",
                     "tmp", ".tmp", "x.crdownloa"] {
            #expect(LeftoverFile(path: path) == nil, "\(path.debugDescription)")
        }
    }
}
