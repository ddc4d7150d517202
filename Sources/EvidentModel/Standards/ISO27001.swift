extension Standard {
    /// ISO/IEC 27001:2022, clause 6.2: information security objectives and planning to achieve them.
    static let iso27001 = Standard(
        id: "iso27001", name: "ISO/IEC 27001:2022", subject: "information security",
        items: [
            Item(.levels, "6.2"),
            Item(.policy, "6.2 a"),
            Item(.measurable, "6.2 b", ifPracticable: true),
            Item(.requirements, "6.2 c", note: "information security requirements"),
            Item(.risks, "6.2 c", note: "results of risk assessment and risk treatment"),
            Item(.monitored, "6.2 d"),
            Item(.communicated, "6.2 e"),
            Item(.updated, "6.2 f"),
            Item(.documented, "6.2 g", note: "available"),
            Item(.plan, "6.2 h–l"),
        ],
        riskKinds: [.risk])
}
