import Foundation
import Testing

/// The locale and the time zone of the process change no byte of what evident makes, and the
/// day it takes without --as-of is the same everywhere.
@Suite struct EnvironmentTests {
    /// The pack and the site of the same content and as-of date are the same bytes in any locale
    /// (the Turkish dotless i, the German decimal comma) and time zone (+14, −11, a half hour, a
    /// change of daylight saving time the day before). Foundation reads LANG, LC_ALL and TZ
    /// whether or not the system has the locale installed.
    @Test func localeAndTimeZoneChangeNoByte() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let places: [[String: String]] = [
            ["LC_ALL": "C", "LANG": "C", "TZ": "UTC"],
            ["LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8", "TZ": "Pacific/Kiritimati"],
            ["LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "TZ": "Pacific/Pago_Pago"],
            ["LC_ALL": "C.UTF-8", "TZ": "America/St_Johns"],
        ]
        var packs: [Data] = [], sites: [[String: Data]] = [], reports: [String] = []
        for (n, environment) in places.enumerated() {
            // 2026-03-29: Europe's clocks went forward that night.
            for day in ["2026-11-29", "2026-03-29"] {
                let pack = try CLI.run(["pack", "--as-of", day, "--output", "dist\(n)"], in: dir, environment: environment)
                #expect(pack.status == 0, "\(pack.stderr)")
                let build = try CLI.run(["build", "--as-of", day, "--output", "site\(n)"], in: dir, environment: environment)
                #expect(build.status == 0, "\(build.stderr)")
                let check = try CLI.run(["check", "--as-of", day, "--format", "json"], in: dir, environment: environment)
                packs.append(try Data(contentsOf: dir.appendingPathComponent("dist\(n)/evident-pack-northwind-services-\(day).zip")))
                sites.append(try CLI.files(of: dir.appendingPathComponent("site\(n)")))
                reports.append(check.stdout + build.stdout.replacingOccurrences(of: "site\(n)/", with: "site/"))
                try FileManager.default.removeItem(at: dir.appendingPathComponent("site\(n)"))
            }
        }
        for n in 2..<packs.count {
            #expect(packs[n] == packs[n % 2], "place \(n / 2)")
            #expect(sites[n] == sites[n % 2], "place \(n / 2)")
            #expect(reports[n] == reports[n % 2], "place \(n / 2)")
        }
    }

    /// Without --as-of, every command takes today in UTC, wherever the machine is: at the same
    /// moment Kiritimati (UTC+14) and Pago Pago (UTC−11) are on different days, evident is not.
    @Test func todayIsTheSameDayInEveryTimeZone() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        func utcToday() -> String {
            let seconds = Int(Date().timeIntervalSince1970)
            var time = time_t(seconds), parts = tm()
            gmtime_r(&time, &parts)
            return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        }
        for zone in ["Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns"] {
            let before = utcToday()
            let run = try CLI.run(["check", "--format", "json", "--quiet"], in: dir, environment: ["TZ": zone])
            let after = utcToday()
            #expect(run.stdout.contains("\"as_of\": \"\(before)\"") || run.stdout.contains("\"as_of\": \"\(after)\""),
                    "\(zone): \(run.stdout.prefix(40))")
        }
    }
}
