import Foundation

/// The entries of an open directory stream, without `.` and `..`: each name and its `d_type`
/// (`DT_UNKNOWN` on file systems that do not fill it in). Walking the content tree and removing an
/// old site both list folders this way, to avoid a `stat` per file.
package func directoryEntries(_ dir: OpaquePointer) -> [(name: String, type: Int32)] {
    var out: [(name: String, type: Int32)] = []
    while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
            pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
        }
        if name == "." || name == ".." { continue }
        out.append((name, Int32(entry.pointee.d_type)))
    }
    return out
}
