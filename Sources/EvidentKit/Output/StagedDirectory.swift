import Foundation

/// A folder being replaced: files are written, from any thread and as soon as they are made, into a
/// private staging sibling, and `commit` swaps the staging folder in whole. Until then, and after
/// `discard`, the previous folder is left as it was. Writing while rendering keeps the site out of
/// memory and lets the disk work while the cores render.
public final class StagedDirectory: @unchecked Sendable {
    public let directory: URL
    let staging: URL
    private let stagingPath: String
    // Guards `made` and `written`: pages are written from every core.
    private let lock = NSLock()
    private var made: Set<String> = []
    private var written: Set<String> = []
    private var finished = false

    public init(replacing directory: URL) throws {
        self.directory = directory
        let parent = directory.deletingLastPathComponent()
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        staging = parent.appendingPathComponent(".\(directory.lastPathComponent).tmp-\(token)")
        stagingPath = staging.path
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw AtomicWriter.Failure.io(directory.path, error.localizedDescription)
        }
    }

    /// The paths written so far, relative to the folder.
    public var paths: Set<String> { lock.withLock { written } }

    /// Writes `data` at `path` (relative, with `/`) inside the staging folder. A path may be
    /// written once.
    public func write(_ data: Data, at path: String) throws {
        try data.withUnsafeBytes { try write($0, at: path) }
    }

    /// Writes `bytes` at `path`, as `write(_:at:)` does.
    public func write(_ bytes: UnsafeRawBufferPointer, at path: String) throws {
        try AtomicWriter.checkRelative(path)
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) }
        try lock.withLock {
            guard !finished else { throw AtomicWriter.Failure.io(directory.path, "the folder was already committed or discarded") }
            guard written.insert(path).inserted else { throw AtomicWriter.Failure.io(directory.path + "/" + path, "written twice") }
            if let folder, !made.contains(folder) {
                do {
                    try FileManager.default.createDirectory(atPath: stagingPath + "/" + folder, withIntermediateDirectories: true)
                } catch {
                    throw AtomicWriter.Failure.io(directory.path + "/" + folder, error.localizedDescription)
                }
                made.insert(folder)
            }
        }
        try AtomicWriter.writeNew(bytes, at: stagingPath + "/" + path)
    }

    /// Puts the staging folder in place of the folder, then removes the previous one.
    public func commit() throws {
        try lock.withLock {
            guard !finished else { throw AtomicWriter.Failure.io(directory.path, "the folder was already committed or discarded") }
            finished = true
        }
        do {
            try AtomicWriter.swapIn(staging, at: directory)
        } catch {
            AtomicWriter.removeTree(stagingPath)
            throw error
        }
    }

    /// Removes the staging folder; the folder stays as it was.
    public func discard() {
        let wasFinished = lock.withLock {
            defer { finished = true }
            return finished
        }
        if !wasFinished { AtomicWriter.removeTree(stagingPath) }
    }
}
