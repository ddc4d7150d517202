import Foundation

/// What changed since the last report: the paths the watcher saw change (files, or folders whose
/// every file may have), absolute and standardized as `Watch.standardized` makes them; or unknown
/// (events lost, polling just began), and then anything may have.
package enum Changes: Sendable, Equatable {
    case unknown
    case paths(Set<String>)
}

/// How changes are noticed: inotify when it can watch every folder, else polling (also when
/// inotify fails later, say on a new folder past the watch limit).
final class Watch: @unchecked Sendable {
    private let settings: ServeSettings
    private let inotify: Result<InotifyWatcher, WatchFailure>
    /// The poller's first stamp, taken before the first build when inotify failed.
    private let stamp: [String: String]
    private let poller: Poller

    /// `inotify` makes the watcher (tests make one that fails).
    init(settings: ServeSettings,
         inotify make: (_ roots: [String]) throws(WatchFailure) -> InotifyWatcher = { roots throws(WatchFailure) in try InotifyWatcher(roots: roots) }) {
        self.settings = settings
        do throws(WatchFailure) {
            inotify = .success(try make(settings.watched))
            stamp = [:]
        } catch {
            inotify = .failure(error)
            stamp = FolderWatcher(folders: settings.watched.map(Self.standardized)).stamp()
        }
        poller = Poller(interval: settings.pollInterval)
    }

    /// Starts watching; nil when inotify watches, else why it could not (and polling does).
    func start(onChange: @escaping @Sendable (Changes) -> Void, fellBack: @escaping @Sendable (WatchFailure) -> Void) -> WatchFailure? {
        let watcher = FolderWatcher(folders: settings.watched.map(Self.standardized))
        switch inotify {
        case let .success(inotify):
            inotify.start(onChange: onChange) { [poller] failure in
                fellBack(failure)
                // A change may have been missed while inotify failed: rebuild once, then poll.
                let stamp = watcher.stamp()
                onChange(.unknown)
                poller.start(watcher: watcher, from: stamp, onChange: onChange)
            }
            return nil
        case let .failure(failure):
            poller.start(watcher: watcher, from: stamp, onChange: onChange)
            return failure
        }
    }

    /// A watched folder's path as change reports name what is under it: absolute, without `.`,
    /// `..` or a trailing `/` (links are not resolved).
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    func stop() {
        if case let .success(inotify) = inotify { inotify.stop() }
        poller.stop()
    }
}
