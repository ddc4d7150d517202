extension Standard {
    /// ISO 14001:2015, clause 6.2: environmental objectives and planning to achieve them.
    static let iso14001 = Standard(
        id: "iso14001", name: "ISO 14001:2015", subject: "environmental",
        items: [
            Item(.levels, "6.2.1"),
            Item(.policy, "6.2.1 a"),
            Item(.measurable, "6.2.1 b", ifPracticable: true),
            Item(.requirements, "6.2.1", note: "compliance obligations"),
            Item(.risks, "6.2.1", note: "significant environmental aspects, risks and opportunities"),
            Item(.monitored, "6.2.1 c"),
            Item(.communicated, "6.2.1 d"),
            Item(.updated, "6.2.1 e"),
            Item(.documented, "6.2.1", note: "retained"),
            Item(.plan, "6.2.2 a–e", note: "with indicators of progress; integrated into business processes"),
        ],
        planNeedsIntegration: true,
        riskKinds: [.aspect, .risk, .opportunity])
}
