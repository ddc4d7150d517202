extension Standard {
    /// ISO 9001:2015, clause 6.2: quality objectives and planning to achieve them.
    static let iso9001 = Standard(
        id: "iso9001", name: "ISO 9001:2015", subject: "quality",
        items: [
            Item(.levels, "6.2.1", note: "functions, levels and processes"),
            Item(.policy, "6.2.1 a"),
            Item(.measurable, "6.2.1 b"),
            Item(.requirements, "6.2.1 c"),
            Item(.customer, "6.2.1 d"),
            Item(.monitored, "6.2.1 e"),
            Item(.communicated, "6.2.1 f"),
            Item(.updated, "6.2.1 g"),
            Item(.documented, "6.2.1", note: "maintained"),
            Item(.plan, "6.2.2 a–e"),
        ])
}
