import CFuzzerDriver
import EvidentFuzzTargets
import Foundation

/// The target this process fuzzes, named by `EVIDENT_FUZZ_TARGET` (one binary serves them all:
/// one sanitizer build instead of five).
let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["EVIDENT_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fatalError("Set EVIDENT_FUZZ_TARGET to one of: \(names).")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try target.run(bytes)
    } catch {
        fatalError("\(target.rawValue): \(error.description)")
    }
    return 0
}

/// SwiftPM links an executable on Linux with `--defsym main=<module>_main`, a symbol that
/// `-parse-as-library` never emits; this is it, and it hands over to libFuzzer's driver (what
/// libFuzzer's own `main` does). Were the alias dropped, libFuzzer's `main` would run instead.
@_cdecl("evident_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
