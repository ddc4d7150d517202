extension Standard {
    /// ISO 22301:2019, clause 6.2: business continuity objectives and planning to achieve them.
    static let iso22301 = Standard(
        id: "iso22301", name: "ISO 22301:2019", subject: "business continuity",
        items: [
            Item(.levels, "6.2.1"),
            Item(.policy, "6.2.1 a"),
            Item(.measurable, "6.2.1 b", ifPracticable: true),
            Item(.requirements, "6.2.1 c"),
            Item(.monitored, "6.2.1 d"),
            Item(.communicated, "6.2.1 e"),
            Item(.updated, "6.2.1 f"),
            Item(.documented, "6.2.1", note: "retained"),
            Item(.plan, "6.2.2 a–e"),
        ])
}
