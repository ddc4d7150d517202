import EvidentLoad
import EvidentModel
import EvidentSupport
import Foundation

/// The walk reports each file; with the whole model, this reports a measurements row whose
/// `evidence` names an attachment that is a leftover (`LeftoverFile`): the file is there, so
/// `monitored/evidence` passes the row, but the pack leaves it out, as it is not evidence.
extension SyntaxIgnoredFile: Rule {
    package static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        let folder = model.content.rootPath + "/evidence"
        var findings: [Finding] = []
        for file in model.content.measurementFiles {
            let rows = file.rows
            // By position: only a row that names a leftover is copied.
            for i in rows.indices {
                guard let path = rows[i].evidencePath, let leftover = LeftoverFile(path: path), let evidence = rows[i].evidence else { continue }
                // An absolute path, a `..`, or a file that is not there is `monitored/evidence`'s.
                guard !MonitoredEvidence.isAbsolute(path), !path.split(separator: "/").contains("..") else { continue }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let meant = Suggestion.closest(to: path, in: model.content.evidenceFiles)
                findings.append(leftoverNamed(path, leftover, meant: meant, at: evidence.location, objective: rows[i].objective.value))
            }
        }
        return findings
    }
}
