/// A file that an operating system, an office suite or a browser leaves beside the
/// files it handles, known by its name alone: never content and never evidence. The one list the
/// walk (`syntax/ignored-file`) and the evidence pack (`ContentWalker.packExclusion`) both use.
/// Only names no one gives a document are here; a backup copy (`report.docx.bak`) may be evidence.
package enum LeftoverFile: Sendable, Equatable {
    /// `Thumbs.db`, `ehthumbs.db`, `ehthumbs_vista.db`: Windows Explorer's thumbnail caches.
    case thumbnails
    /// `desktop.ini`: Windows' display settings of a folder.
    case folderSettings
    /// `Icon` and a carriage return: macOS Finder's custom icon of a folder.
    case folderIcon
    /// `~$…`: Word's, Excel's or PowerPoint's owner file, while the document is open.
    case officeLock
    /// `~….tmp` (`~WRL0001.tmp`): Office's working copy while a document is saved.
    case officeTemporary
    /// `….crdownload` (Chrome, Edge), `….part` (Firefox): a download not finished.
    case partialDownload

    /// What `name` (one file name, no folder) is, or nil when it is not such a file. Runs for every
    /// file the walk lists: on the bytes, without a lower-cased copy.
    package init?(name: Substring) {
        guard let first = name.utf8.first else { return nil }
        if first == UInt8(ascii: "~") {
            if name.utf8.dropFirst().first == UInt8(ascii: "$") {
                self = .officeLock
            } else if Self.name(name, endsWith: ".tmp") {
                self = .officeTemporary
            } else {
                return nil
            }
        } else if Self.name(name, endsWith: ".crdownload") || Self.name(name, endsWith: ".part") {
            self = .partialDownload
        } else if ["thumbs.db", "ehthumbs.db", "ehthumbs_vista.db"].contains(where: { Self.name(name, is: $0) }) {
            self = .thumbnails
        } else if Self.name(name, is: "desktop.ini") {
            self = .folderSettings
        } else if name == "Icon\r" {
            self = .folderIcon
        } else {
            return nil
        }
    }

    /// Whether `name` ends with `ending` (lowercase ASCII), ignoring ASCII case.
    private static func name(_ name: Substring, endsWith ending: StaticString) -> Bool {
        let tail = UnsafeBufferPointer(start: ending.utf8Start, count: ending.utf8CodeUnitCount)
        guard name.utf8.count >= tail.count else { return false }
        return zip(name.utf8.suffix(tail.count), tail).allSatisfy { byte, wanted in
            byte == wanted || (byte >= 0x41 && byte <= 0x5A && byte + 0x20 == wanted)
        }
    }

    /// Whether `name` is `whole` (lowercase ASCII), ignoring ASCII case.
    private static func name(_ name: Substring, is whole: StaticString) -> Bool {
        name.utf8.count == whole.utf8CodeUnitCount && Self.name(name, endsWith: whole)
    }

    /// The file named last in `relative` (a path with `/`), or nil when it is not such a file.
    package init?(path relative: String) {
        // On the bytes: `/` is never part of another character.
        let name = relative.utf8.lastIndex(of: UInt8(ascii: "/")).map { relative[relative.utf8.index(after: $0)...] } ?? relative[...]
        self.init(name: name)
    }

    /// What it is, as a noun phrase ("Windows Explorer's thumbnail cache").
    package var what: String {
        switch self {
        case .thumbnails: "Windows Explorer's thumbnail cache"
        case .folderSettings: "Windows' display settings for the folder"
        case .folderIcon: "macOS Finder's custom icon for the folder"
        case .officeLock: "the lock file Word, Excel or PowerPoint keeps while a document is open"
        case .officeTemporary: "a temporary file Word, Excel or PowerPoint writes while it saves a document"
        case .partialDownload: "a download that did not finish (Chrome and Edge name it `.crdownload`, Firefox `.part`)"
        }
    }

    /// Who writes it and what to do, as sentences after "it is …: ".
    package var advice: String {
        switch self {
        case .thumbnails:
            "Windows Explorer writes it to hold the thumbnails of the folder's files. Delete it (Windows writes it again unless thumbnail caching on network folders is turned off)."
        case .folderSettings:
            "Windows writes it to hold the folder's display settings. Delete it, or move the content folder out of a folder Windows customises."
        case .folderIcon:
            "macOS Finder writes it (`Icon` and a carriage return) when the folder is given a custom icon. Delete it, or reset the folder's icon in Finder's Get Info."
        case .officeLock:
            "Word, Excel and PowerPoint write a `~$` file while the document is open, and delete it when it is closed. Close the document; delete the file if no one has it open."
        case .officeTemporary:
            "Word, Excel and PowerPoint write a `~….tmp` file while they save a document, and delete it when they are done. Close the document; delete the file if no one has it open."
        case .partialDownload:
            "Chrome, Edge and Firefox write it while they download a file, and rename it when the download is done. Finish the download (or download the file again), then delete this one."
        }
    }
}
