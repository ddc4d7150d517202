extension Optional {
    /// Whether there is no value. On an optional of an `Equatable` value (a `Located` field),
    /// `x == nil` is `Equatable`'s `==`, which copies both sides through generic witnesses; this
    /// only looks at the case. Internal, so that each use is specialised where the rules are.
    var isAbsent: Bool {
        if case .none = self { return true }
        return false
    }
}
