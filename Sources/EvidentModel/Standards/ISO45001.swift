extension Standard {
    /// ISO 45001:2018, clause 6.2: occupational health and safety objectives and planning to achieve them.
    static let iso45001 = Standard(
        id: "iso45001", name: "ISO 45001:2018", subject: "occupational health and safety",
        items: [
            Item(.levels, "6.2.1"),
            Item(.policy, "6.2.1 a"),
            Item(.measurable, "6.2.1 b", ifPracticable: true, note: "or capable of performance evaluation"),
            Item(.requirements, "6.2.1 c"),
            Item(.risks, "6.2.1 c", note: "assessment of risks and opportunities"),
            Item(.consultation, "6.2.1 c"),
            Item(.monitored, "6.2.1 d"),
            Item(.communicated, "6.2.1 e"),
            Item(.updated, "6.2.1 f"),
            Item(.documented, "6.2.2", note: "maintained and retained"),
            Item(.plan, "6.2.2 a–f", note: "with indicators; f: integrated into business processes"),
        ],
        planNeedsIntegration: true,
        riskKinds: [.hazard, .risk, .opportunity])
}
