import Foundation

/// Every regular file under `folder`, relative path → bytes, links resolved: what a written site or
/// folder holds, to compare before and after.
func folderSnapshot(_ folder: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    let root = folder.resolvingSymlinksInPath().path
    guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
    for case let path as String in walker {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDir), !isDir.boolValue {
            out[path] = FileManager.default.contents(atPath: root + "/" + path)
        }
    }
    return out
}
