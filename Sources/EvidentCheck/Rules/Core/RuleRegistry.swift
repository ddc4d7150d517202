import EvidentLoad
import EvidentModel

/// Every rule, in alphabetical order of id. Tests fail when a rule of the SPEC is missing from it,
/// when it is out of order, or when a rule has no example.
package enum RuleRegistry {
    package static let all: [any Rule.Type] = [
        CommunicatedFutureDate.self,
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
        MonitoredConflictingValues.self,
        MonitoredEvidence.self,
        MonitoredFutureReview.self,
        MonitoredFutureValue.self,
        MonitoredNoData.self,
        MonitoredOffTarget.self,
        MonitoredPersistentOffTarget.self,
        MonitoredReviewOverdue.self,
        MonitoredUnknownObjective.self,
        PlannedOverdue.self,
        PlannedPlan.self,
        PolicyApproval.self,
        PolicyTrace.self,
        PolicyUncovered.self,
        PolicyUnknownStatement.self,
        RequirementsConsultation.self,
        RequirementsCustomer.self,
        RequirementsLinked.self,
        RequirementsRisks.self,
        RequirementsUnaddressed.self,
        RequirementsUnknownClause.self,
        RequirementsUnknownRisk.self,
        SyntaxConfig.self,
        SyntaxCSV.self,
        SyntaxDuplicateID.self,
        SyntaxFormula.self,
        SyntaxFrontMatter.self,
        SyntaxIgnoredFile.self,
        SyntaxLink.self,
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

    /// The rules whose severity `configuration` sets to other than their default, as in force (the
    /// last setting of a rule wins; nil: off), in the order first named. A rule turned off finds
    /// nothing, so the reports an auditor reads name these beside any pass.
    package static func changed(by configuration: Configuration) -> [(rule: RuleDescription, severity: Severity?)] {
        var named: [String] = []
        for o in configuration.ruleOverrides where !named.contains(o.rule) { named.append(o.rule) }
        return named.compactMap { id in
            guard let rule = rule(id: id)?.description else { return nil }
            let severity = severity(of: rule, in: configuration)
            return severity == rule.defaultSeverity ? nil : (rule, severity)
        }
    }

    /// `rule`'s severity as `configuration` leaves it (nil: off): its last setting in `rules:`,
    /// else its default.
    package static func severity(of rule: RuleDescription, in configuration: Configuration) -> Severity? {
        guard let override = configuration.ruleOverrides.last(where: { $0.rule == rule.id }) else { return rule.defaultSeverity }
        return override.severity
    }
}
