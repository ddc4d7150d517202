extension Standard {
    /// ISO/IEC 20000-1:2018, clause 6.2: service management objectives and planning to achieve them.
    package static let iso20000_1 = Standard(
        id: "iso20000-1", name: "ISO/IEC 20000-1:2018", subject: "service management",
        items: [
            Item(.levels, "6.2.1"),
            Item(.policy, "6.2.1 a"),
            Item(.measurable, "6.2.1 b"),
            Item(.requirements, "6.2.1 c"),
            Item(.monitored, "6.2.1 d"),
            Item(.communicated, "6.2.1 e"),
            Item(.updated, "6.2.1 f"),
            Item(.documented, "6.2.1", note: "retained"),
            Item(.plan, "6.2.2 a–e"),
        ])
}
