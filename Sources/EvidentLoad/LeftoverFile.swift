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

    /// What `name` (one file name, no folder) is, or nil when it is not such a file.
    init?(name: Substring) {
        guard let kind = name.utf8.withContiguousStorageIfAvailable(Self.of) ?? Array(name.utf8).withUnsafeBufferPointer(Self.of) else { return nil }
        self = kind
    }

    /// The file named last in `relative` (a path with `/`), or nil when it is not such a file.
    package init?(path relative: String) {
        // On the bytes: `/` is never part of another character.
        func last(_ bytes: UnsafeBufferPointer<UInt8>) -> LeftoverFile? {
            let start = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
            return LeftoverFile.of(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        guard let kind = relative.utf8.withContiguousStorageIfAvailable(last) ?? Array(relative.utf8).withUnsafeBufferPointer(last) else {
            return nil
        }
        self = kind
    }

    /// Runs for every file the walk lists, several times: its last byte (or a first `~`) sends
    /// almost every name away after one comparison.
    private static func of(_ name: UnsafeBufferPointer<UInt8>) -> LeftoverFile? {
        guard let first = name.first, let last = name.last else { return nil }
        if first == UInt8(ascii: "~") {
            if name.count > 1, name[1] == UInt8(ascii: "$") { return .officeLock }
            return ends(name, with: ".tmp") ? .officeTemporary : nil
        }
        switch last | 0x20 {
        case UInt8(ascii: "d"): return ends(name, with: ".crdownload") ? .partialDownload : nil
        case UInt8(ascii: "t"): return ends(name, with: ".part") ? .partialDownload : nil
        case UInt8(ascii: "b"):
            return named(name, "thumbs.db") || named(name, "ehthumbs.db") || named(name, "ehthumbs_vista.db") ? .thumbnails : nil
        case UInt8(ascii: "i"): return named(name, "desktop.ini") ? .folderSettings : nil
        default: return name.elementsEqual("Icon\r".utf8) ? .folderIcon : nil
        }
    }

    /// Whether `name` ends with `ending` (lowercase ASCII), ignoring ASCII case.
    private static func ends(_ name: UnsafeBufferPointer<UInt8>, with ending: StaticString) -> Bool {
        let tail = UnsafeBufferPointer(start: ending.utf8Start, count: ending.utf8CodeUnitCount)
        guard name.count >= tail.count else { return false }
        let offset = name.count - tail.count
        for i in 0..<tail.count {
            let byte = name[offset + i]
            guard byte == tail[i] || (byte >= 0x41 && byte <= 0x5A && byte + 0x20 == tail[i]) else { return false }
        }
        return true
    }

    /// Whether `name` is `whole` (lowercase ASCII), ignoring ASCII case.
    private static func named(_ name: UnsafeBufferPointer<UInt8>, _ whole: StaticString) -> Bool {
        name.count == whole.utf8CodeUnitCount && ends(name, with: whole)
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
    var advice: String {
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
