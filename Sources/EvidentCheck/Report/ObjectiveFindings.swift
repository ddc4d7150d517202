import EvidentModel

/// Which findings are about which objective, for every output that counts them per objective (the
/// site's pages and register, `register.csv` and `register.json`), so that they all count alike.
package enum ObjectiveFindings {
    /// Objectives' indices by id (the first declaration of a repeated id, SPEC 4.1, as every rule
    /// uses) and by file.
    package static func indices(_ objectives: [Objective]) -> (byID: [String: Int], byFile: [String: [Int]]) {
        var byID: [String: Int] = [:]
        byID.reserveCapacity(objectives.count)
        var byFile: [String: [Int]] = [:]
        byFile.reserveCapacity(objectives.count)
        for (i, o) in objectives.enumerated() {
            if let id = o.id?.value, byID[id] == nil { byID[id] = i }
            byFile[o.file, default: []].append(i)
        }
        return (byID, byFile)
    }

    /// The findings about each objective, by index: those in its file, and those naming its id
    /// (only the first declaration of a repeated id), each once.
    package static func byObjective(_ all: [Finding], objectives count: Int, byID: [String: Int], byFile: [String: [Int]]) -> [[Finding]] {
        var findingsFor = Array(repeating: [Finding](), count: count)
        for finding in all {
            var targets = byFile[finding.location.file] ?? []
            if let id = finding.objective, let i = byID[id], !targets.contains(i) { targets.append(i) }
            for i in targets { findingsFor[i].append(finding) }
        }
        return findingsFor
    }
}
