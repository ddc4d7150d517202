import Dispatch
import Foundation

/// How far a long stage has come (pages rendered, files packed), for a display the caller chooses:
/// the library counts, the command line decides whether and how to show it. Any thread may call
/// `advance`; the sink is called under one lock, so one call at a time and in order: for a stage's
/// first step, then at most once per `interval`, and with `nil` when the stage ends, so that the
/// display can clear itself.
package final class ProgressMeter: @unchecked Sendable {
    /// A stage, how many of its steps are done, and how many it has.
    package struct Status: Sendable, Equatable {
        package let stage: String
        package let done: Int
        package let total: Int

        init(stage: String, done: Int, total: Int) {
            self.stage = stage
            self.done = done
            self.total = total
        }
    }

    package typealias Sink = @Sendable (Status?) -> Void

    /// A meter nobody watches: every call returns at once.
    package static let silent = ProgressMeter(nil)

    private let sink: Sink?
    private let interval: UInt64
    private let lock = NSLock()
    // Guarded by `lock`.
    private var stage = ""
    private var done = 0
    private var total = 0
    private var last: UInt64 = 0
    private var reported = false

    /// `interval` is the least time between two reports, in nanoseconds (a tenth of a second).
    package init(_ sink: Sink?, interval: UInt64 = 100_000_000) {
        self.sink = sink
        self.interval = interval
    }

    /// Starts a stage of `total` steps.
    package func begin(_ stage: String, total: Int) {
        guard sink != nil else { return }
        lock.withLock {
            self.stage = stage
            self.done = 0
            self.total = max(total, 0)
            reported = false
        }
    }

    /// Counts `steps` more steps done (never past the total).
    package func advance(by steps: Int = 1) {
        guard let sink else { return }
        lock.withLock {
            done = min(total, done + max(steps, 0))
            let now = DispatchTime.now().uptimeNanoseconds
            guard !reported || now &- last >= interval else { return }
            last = now
            reported = true
            sink(Status(stage: stage, done: done, total: total))
        }
    }

    /// Ends the stage: the sink hears `nil` if it heard anything of it.
    package func end() {
        guard let sink else { return }
        lock.withLock {
            if reported { sink(nil) }
            reported = false
        }
    }
}
