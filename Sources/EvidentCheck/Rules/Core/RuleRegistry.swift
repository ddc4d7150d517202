import EvidentLoad

/// Every rule, in alphabetical order of id. Tests fail when a rule of the SPEC is missing from it,
/// when it is out of order, or when a rule has no example.
package enum RuleRegistry {
    package static let all: [any Rule.Type] = [
        CommunicatedMissing.self,
        EstablishedApproval.self,
        EstablishedRequired.self,
        EstablishedStatement.self,
        LevelsCoverage.self,
        LevelsExclusion.self,
        LevelsForum.self,
        LevelsOwner.self,
        LevelsSprawl.self,
        LevelsUnknownFunction.self,
        MeasurableDataSource.self,
        MeasurableMetric.self,
        MeasurableScope.self,
        MeasurableTarget.self,
        MeasurableTolerance.self,
        MeasurableUnit.self,
        MonitoredActionOverdue.self,
        MonitoredEvidence.self,
        MonitoredFutureValue.self,
        MonitoredNoData.self,
        MonitoredOffTarget.self,
        MonitoredPersistentOffTarget.self,
        MonitoredReviewOverdue.self,
        MonitoredUnknownObjective.self,
        PolicyTrace.self,
        PolicyUncovered.self,
        PolicyUnknownStatement.self,
        RequirementsLinked.self,
        RequirementsUnaddressed.self,
        RequirementsUnknownClause.self,
        SyntaxConfig.self,
        SyntaxCSV.self,
        SyntaxDuplicateID.self,
        SyntaxFrontMatter.self,
        SyntaxIgnoredFile.self,
        SyntaxMarkdown.self,
        SyntaxType.self,
        SyntaxUnknownField.self,
        SyntaxYAML.self,
        UpdatedDecisionNotApplied.self,
        UpdatedHistory.self,
        UpdatedStale.self,
        UpdatedTrigger.self,
        UpdatedUnrecordedChange.self,
    ]

    package static func rule(id: String) -> (any Rule.Type)? {
        all.first { $0.description.id == id }
    }
}
