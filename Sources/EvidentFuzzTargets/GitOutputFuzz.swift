import EvidentDiff
import Foundation

/// `evident diff`'s parsing of git's output: the same bytes as an `ls-tree -r -z` listing (at the
/// top and under a folder), as a `diff --name-status -z` listing and as `cat-file --batch` output.
enum GitOutputFuzz {
    static func run(_ bytes: [UInt8]) throws(FuzzViolation) {
        let data = Data(bytes)
        let all = RevisionReader.blobs(in: data, under: "")
        try checkPaths(all)
        for folder in ["content", "a/b"] {
            let files = RevisionReader.blobs(in: data, under: folder)
            try checkPaths(files)
            // A file under the folder is a file of the whole listing, at the folder's path.
            let whole = Set(all.map { "\($0.object) \($0.isLink) \($0.path)" })
            for file in files {
                try require(whole.contains("\(file.object) \(file.isLink) \(folder)/\(file.path)"),
                            "\(folder)/\(file.path) is not in the whole listing")
            }
        }
        // As a `diff --name-status -z` listing: every path is under the folder, relative to it.
        for folder in ["content/evidence", "evidence"] {
            for path in RevisionReader.nameStatus(data, under: folder).keys.map(\.name) {
                try require(!path.isEmpty && data.range(of: Data((folder + "/").utf8)) != nil, "the path \(path.debugDescription)")
            }
        }
        let lines = bytes.count(where: { $0 == 10 })
        for count in Set([1, 2, min(lines, 1000)]) where count > 0 {
            let blobs = try? RevisionReader.parseBatch(data, count: count, label: "fuzz")
            // The same bytes in a `Data` that does not start at index 0 (a slice) read the same.
            let shifted = (Data([0]) + data).dropFirst()
            let blobsShifted = try? RevisionReader.parseBatch(shifted, count: count, label: "fuzz")
            try require(blobs.map { $0.map { Array($0) } } == blobsShifted.map { $0.map { Array($0) } },
                        "a slice reads differently")
            guard let blobs else { continue }
            try require(blobs.count == count, "\(blobs.count) blobs for \(count)")
            for blob in blobs {
                try require(blob.startIndex >= 1 && blob.endIndex <= data.endIndex && data[blob.startIndex - 1] == 10,
                            "a blob at \(blob.startIndex)..<\(blob.endIndex) not after a header line")
                let headerStart = data[..<(blob.startIndex - 1)].lastIndex(of: 10).map { $0 + 1 } ?? 0
                let headerBytes = data[headerStart..<(blob.startIndex - 1)]
                let header = String(decoding: headerBytes, as: UTF8.self)
                // The last word (git writes `<object> <type> <size>`; spaces around words are not
                // words, as the reader splits it). Split as bytes: in a `String` a space after a
                // prepended mark (U+06DD) is part of its character.
                let size = headerBytes.split(separator: UInt8(ascii: " ")).last.flatMap { Int(String(decoding: $0, as: UTF8.self)) }
                try require(size == blob.count, "a blob of \(blob.count) bytes after \(header.debugDescription)")
            }
        }
    }

    /// Paths are relative, with no empty, `.` or `..` part; object names are one word.
    static func checkPaths(_ files: [RevisionReader.TreeFile]) throws(FuzzViolation) {
        for file in files {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            try require(!parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }, "the path \(file.path.debugDescription)")
            try require(!file.object.utf8.contains { $0 == 32 || $0 == 9 || $0 == 0 }, "the object \(file.object.debugDescription)")
        }
    }
}
