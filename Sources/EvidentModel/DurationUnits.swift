import EvidentSupport

/// The units of time a metric may be measured in (SPEC 2.4 `metric.unit`): a value in one of them is
/// a duration, and no duration is below zero. A unit is free text, so only this closed list is
/// known to be time; it is compared after trimming, without regard to case. Other units that cannot
/// go below zero (`incidents`, `%` of a whole) are not known as such: a percentage may also be a
/// change or exceed 100 (growth, utilisation, budget use), and a count's unit says nothing sure.
package enum DurationUnits {
    package static let names: Set<String> = [
        "ms", "millisecond", "milliseconds",
        "s", "sec", "secs", "second", "seconds",
        "min", "mins", "minute", "minutes",
        "h", "hr", "hrs", "hour", "hours", "business hours", "working hours",
        "d", "day", "days", "business days", "working days", "work days", "calendar days",
        "wk", "wks", "week", "weeks",
    ]

    package static func isDuration(_ unit: String) -> Bool {
        if names.contains(unit) { return true }
        // A unit written as the list writes it (`h`, `%`) is answered above; only one with a
        // capital, a space or a letter outside ASCII can read otherwise trimmed and in lower case.
        guard unit.utf8.contains(where: { $0 <= 0x20 || (0x41...0x5A).contains($0) || $0 >= 0x80 }) else { return false }
        return names.contains(unit.trimmed.lowercased())
    }
}
