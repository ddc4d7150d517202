import Foundation

/// The entries of an open directory stream, without `.` and `..`: each name and its `d_type`
/// (`DT_UNKNOWN` on file systems that do not fill it in), and whether the name is valid UTF-8 (when
/// it is not, `name` has U+FFFD in place of the bytes, and names no file). Walking the content tree
/// and removing an old site both list folders this way, to avoid a `stat` per file.
package func directoryEntries(_ dir: OpaquePointer) -> [(name: String, type: Int32, isUTF8: Bool)] {
    var out: [(name: String, type: Int32, isUTF8: Bool)] = []
    while let entry = readdir(dir) {
        let (name, isUTF8) = withUnsafePointer(to: entry.pointee.d_name) { pointer in
            pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { c -> (String, Bool) in
                if let valid = String(validatingCString: c) { return (valid, true) }
                return (String(cString: c), false)
            }
        }
        if name == "." || name == ".." { continue }
        out.append((name, Int32(entry.pointee.d_type), isUTF8))
    }
    return out
}
