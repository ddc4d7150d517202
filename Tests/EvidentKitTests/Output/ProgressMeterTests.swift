import Foundation
import Testing
@testable import EvidentPack
@testable import EvidentSite
@testable import EvidentSupport

/// The progress the library reports for long stages: counted from many threads, reported in order
/// and at most once per interval, and ended with `nil` so that a display can clear itself.
@Suite struct ProgressMeterTests {
    /// Every report a meter made, in order.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [ProgressMeter.Status?] = []
        var reports: [ProgressMeter.Status?] { lock.withLock { seen } }
        func record(_ status: ProgressMeter.Status?) { lock.withLock { seen.append(status) } }
    }

    static func meter(interval: UInt64) -> (ProgressMeter, Recorder) {
        let recorder = Recorder()
        return (ProgressMeter({ recorder.record($0) }, interval: interval), recorder)
    }

    @Test func stepsFromManyThreadsAreCountedAndReportedInOrder() {
        let (meter, recorder) = Self.meter(interval: 0)
        meter.begin("Rendering pages", total: 1000)
        DispatchQueue.concurrentPerform(iterations: 1000) { _ in meter.advance() }
        meter.end()
        let reports = recorder.reports
        #expect(reports.count == 1001)
        #expect(reports.last == .some(nil))
        let counts = reports.compactMap { $0?.done }
        #expect(counts == Array(1...1000))
        #expect(reports.compactMap { $0 }.allSatisfy { $0.stage == "Rendering pages" && $0.total == 1000 })
    }

    @Test func afterTheFirstStepReportsWaitForTheInterval() {
        let (meter, recorder) = Self.meter(interval: 60_000_000_000)
        meter.begin("Packing files", total: 3)
        for _ in 0..<3 { meter.advance() }
        meter.end()
        meter.begin("Rendering pages", total: 2)
        meter.advance()
        meter.end()
        #expect(recorder.reports == [ProgressMeter.Status(stage: "Packing files", done: 1, total: 3), nil,
                                     ProgressMeter.Status(stage: "Rendering pages", done: 1, total: 2), nil])
    }

    @Test func aStageWithoutStepsIsNeitherShownNorCleared() {
        let (meter, recorder) = Self.meter(interval: 0)
        meter.begin("Packing files", total: 0)
        meter.end()
        #expect(recorder.reports.isEmpty)
    }

    @Test func theCountStopsAtTheTotal() {
        let (meter, recorder) = Self.meter(interval: 0)
        meter.begin("Packing files", total: 2)
        meter.advance(by: 5)
        meter.advance(by: -3)
        #expect(recorder.reports == [ProgressMeter.Status(stage: "Packing files", done: 2, total: 2),
                                     ProgressMeter.Status(stage: "Packing files", done: 2, total: 2)])
    }

    @Test func theSiteReportsEveryPageAndDataFileItRenders() throws {
        let result = try SiteTestSupport.check(SiteTestSupport.repository.appendingPathComponent("content").path, asOf: "2026-11-29")
        let (meter, recorder) = Self.meter(interval: 0)
        let site = try SiteBuilder.build(result: result, theme: Theme.embedded(), progress: meter)
        let reports = recorder.reports.compactMap { $0 }
        // Every page, plus the three data files the pages are rendered alongside.
        let rendered = site.keys.filter { $0.hasSuffix(".html") }.count + 3
        #expect(reports.last == ProgressMeter.Status(stage: "Rendering pages", done: rendered, total: rendered))
        #expect(reports.count == rendered)
        #expect(recorder.reports.last == .some(nil))
    }

    @Test func theZipReportsEveryFileItPacks() throws {
        let files = PackZipTests.sampleFiles()
        let (meter, recorder) = Self.meter(interval: 0)
        var sink = MemorySink()
        try PackZip.write(files.mapValues(PackZip.Entry.data), asOf: PackZipTests.day, to: &sink, limits: .standard,
                          batching: PackZip.Batching(batchEntries: 2), progress: meter)
        let reports = recorder.reports.compactMap { $0 }
        #expect(reports.last == ProgressMeter.Status(stage: "Packing files", done: files.count, total: files.count))
        #expect(reports.map(\.done) == Array(stride(from: 2, to: files.count, by: 2)) + [files.count])
        #expect(recorder.reports.last == .some(nil))
    }
}
