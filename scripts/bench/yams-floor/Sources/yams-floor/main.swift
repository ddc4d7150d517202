import Dispatch
import Foundation
import Yams

// Reads every objective's front-matter of a content tree into memory, then composes each with
// Yams exactly as evident does (basic resolver, UTF-8, to a Node tree), on one thread and on
// every core. Nothing else is timed: no file reading, no walker, no model, no rules.
guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: yams-floor CONTENT_DIR\n".utf8))
    exit(2)
}
let root = CommandLine.arguments[1]
var blocks: [String] = []
if let walker = FileManager.default.enumerator(atPath: root + "/objectives") {
    while let path = walker.nextObject() as? String {
        guard path.hasSuffix(".md"), let text = try? String(contentsOfFile: root + "/objectives/" + path, encoding: .utf8),
              text.hasPrefix("---\n"), let end = text.range(of: "\n---\n") else { continue }
        blocks.append(String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound]))
    }
}
let all = blocks
@Sendable func compose(_ index: Int) {
    _ = try? Yams.compose(yaml: all[index], Resolver.basic, Constructor.default, .utf8)
}
func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
print("\(all.count) front-matter blocks")
for run in 1...3 {
    let serial = seconds { for i in all.indices { compose(i) } }
    let parallel = seconds { DispatchQueue.concurrentPerform(iterations: all.count) { compose($0) } }
    print(String(format: "run %d: one thread %.2f s, every core (%d) %.2f s", run, serial,
                 ProcessInfo.processInfo.activeProcessorCount, parallel))
}
