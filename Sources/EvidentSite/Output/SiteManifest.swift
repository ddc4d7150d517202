import Crypto
import EvidentSupport
import Foundation

/// `.evident-site.json`: what `evident build` wrote into a site folder — every folder, and every
/// file with its size and SHA-256 — so that the next build replaces only a folder that holds
/// nothing else (`OutputFolder`). It is written into the staging folder last, and so is swapped in
/// with the site it describes. docs/site.md describes the format.
struct SiteManifest: Sendable, Equatable {
    static let fileName = ".evident-site.json"
    /// The format's version. A manifest of another version is not read: the folder is refused.
    package static let version = 1

    struct File: Sendable, Equatable {
        var size: UInt64
        /// Lowercase hex SHA-256 of the bytes written.
        package var sha256: String
        /// For an objective's page, lowercase hex SHA-256 of what it was made from (`PageInputs`):
        /// the next build takes the page as it is when its inputs have the same digest.
        var inputs: String?

        init(size: UInt64, sha256: String, inputs: String? = nil) {
            self.size = size
            self.sha256 = sha256
            self.inputs = inputs
        }
    }

    /// False in the marker a staging folder holds while the site is written into it: such a folder
    /// is evident's, whatever it holds, but it is not a site.
    var complete: Bool
    /// Relative paths, `/`-separated.
    package var folders: Set<String>
    var files: [String: File]

    init(complete: Bool = true, folders: Set<String> = [], files: [String: File] = [:]) {
        self.complete = complete
        self.folders = folders
        self.files = files
    }

    /// The manifest of `files` (relative path → size and hash): their folders are every proper
    /// prefix of their paths.
    init(files: [String: File]) {
        var folders: Set<String> = []
        for path in files.keys {
            var prefix = Substring(path)
            while let slash = prefix.lastIndex(of: "/") {
                prefix = prefix[..<slash]
                if !folders.insert(String(prefix)).inserted { break }
            }
        }
        self.init(complete: true, folders: folders, files: files)
    }

    /// The JSON text: one line per folder and file, sorted by UTF-8 bytes, so that the same site
    /// gives the same bytes.
    var data: Data {
        var out = TextBuffer(capacity: 128 + 16 * folders.count + 128 * files.count)
        out.append("{\n  \"generator\": \"evident\",\n  \"kind\": \"site\",\n  \"version\": \(Self.version),\n")
        out.append("  \"complete\": \(complete),\n  \"folders\": [")
        for (index, folder) in PackPath.sorted(folders).enumerated() {
            out += index == 0 ? "\n    " : ",\n    "
            Self.quote(folder, into: &out)
        }
        out += folders.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"files\": ["
        for (index, (path, file)) in files.sorted(by: { PackPath.precedes($0.key, $1.key) }).enumerated() {
            out += index == 0 ? "\n    {\"path\": " : ",\n    {\"path\": "
            Self.quote(path, into: &out)
            out += ", \"size\": "
            out.append(String(file.size))
            out += ", \"sha256\": \""
            out.append(file.sha256)
            if let inputs = file.inputs {
                out += "\", \"inputs\": \""
                out.append(inputs)
            }
            out += "\"}"
        }
        out += files.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out.withUnsafeBytes { Data(buffer: $0) }
    }

    /// A JSON string. Paths never hold a backslash or NUL (`AtomicWriter.checkRelative`), but any
    /// other control character is escaped too.
    static func quoted(_ text: String) -> String {
        var out = TextBuffer()
        quote(text, into: &out)
        return out.text
    }

    private static func quote(_ text: String, into out: inout TextBuffer) {
        out.append(ascii: UInt8(ascii: "\""))
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out.append(text)
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: out.append(String(scalar))
                }
            }
        }
        out.append(ascii: UInt8(ascii: "\""))
    }

    /// Why a manifest was not accepted.
    enum Unreadable: Error, Equatable {
        case notJSON
        case otherVersion(Int)
        /// No manifest in the folder.
        case missing
        /// There, but it cannot be read, for this reason.
        case unopened(String)

        /// What is wrong with a manifest that is there, as a clause (`… the record of what evident wrote, WHY`).
        var why: String {
            switch self {
            case .notJSON: "is damaged or was edited"
            case let .otherVersion(version): "is of version \(version), which this evident does not read"
            case .missing: "is missing"
            case let .unopened(reason): "cannot be read (\(reason))"
            }
        }

        /// The clause for a manifest that is still a staging folder's marker (`"complete": false`).
        static let incomplete = "says its build never finished"
    }

    /// The fields every version of the format keeps where version 1 has them, so that a manifest
    /// of a later version whose other fields changed is still named by its version, not as damaged.
    private struct Header: Decodable {
        var generator: String
        var version: Int
    }

    private struct Decoded: Decodable {
        struct Entry: Decodable {
            var path: String
            var size: UInt64
            var sha256: String
            var inputs: String?
        }

        var generator: String
        var kind: String
        var version: Int
        var complete: Bool
        var folders: [String]
        var files: [Entry]
    }

    /// Reads a manifest; a path that could leave the folder, a malformed hash or a repeated path
    /// makes the whole manifest unreadable, so that it never vouches for anything outside the folder.
    package static func parse(_ data: Data) -> Result<SiteManifest, Unreadable> {
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.generator == "evident" else { return .failure(.notJSON) }
        guard header.version == version else { return .failure(.otherVersion(header.version)) }
        guard let decoded = try? JSONDecoder().decode(Decoded.self, from: data), decoded.kind == "site" else { return .failure(.notJSON) }
        var manifest = SiteManifest(complete: decoded.complete)
        for folder in decoded.folders {
            guard (try? AtomicWriter.checkRelative(folder)) != nil, manifest.folders.insert(folder).inserted else { return .failure(.notJSON) }
        }
        for entry in decoded.files {
            guard (try? AtomicWriter.checkRelative(entry.path)) != nil, isDigest(entry.sha256), entry.inputs.map(isDigest) ?? true,
                  manifest.files[entry.path] == nil else {
                return .failure(.notJSON)
            }
            manifest.files[entry.path] = File(size: entry.size, sha256: entry.sha256, inputs: entry.inputs)
        }
        return .success(manifest)
    }

    private static let hexDigits = Set("0123456789abcdef".utf8)

    /// Whether `text` is a SHA-256 as manifests write it: 64 lowercase hex digits.
    private static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { hexDigits.contains($0) }
    }

    /// The size and SHA-256 of `parts` written one after the other.
    static func record(_ parts: [UnsafeRawBufferPointer]) -> File {
        var hasher = SHA256()
        var size: UInt64 = 0
        for part in parts {
            hasher.update(bufferPointer: part)
            size += UInt64(part.count)
        }
        return File(size: size, sha256: Hex.lowercase(hasher.finalize()))
    }
}
