import EvidentSupport

/// What `evident verify` found. Paths are relative to the pack folder, as in the manifest, except
/// entries outside it, which keep their full name.
package struct VerificationReport: Sendable, Equatable {
    package enum Signature: Sendable, Equatable {
        /// No key was given; `present` says whether the pack carries a signature.
        case notChecked(present: Bool)
        /// Checked with the key of this fingerprint.
        case valid(String)
        case invalid
        /// A key was given but the pack has no signature.
        case missing
    }

    var pack: String
    var folder: String?
    /// Files whose hash was compared with the manifest.
    var checked = 0
    /// Listed in the manifest with another hash, or damaged in the zip.
    package var mismatched: [String] = []
    /// Listed in the manifest, absent from the zip.
    package var missing: [String] = []
    /// In the zip, not listed in the manifest.
    package var extra: [String] = []
    /// Entry names that are absolute, climb out with `..`, are links, or folders that carry data: never extracted.
    package var unsafe: [String] = []
    /// Entry names that occur more than once.
    package var duplicates: [String] = []
    /// Entries whose records add up to more than the zip holds: they share bytes (overlapping
    /// entries, as zip bombs are made) or lie about their sizes. Nothing else was read.
    package var overlapping = false
    /// Ways the zip's records let tools read other files than the ones hashed (`PackZipLayout`):
    /// a stub or a second zip around it, headers that disagree, encryption, links, odd modes.
    package var layout: [String] = []
    /// Lines of the manifest that are not `<sha256>  <path>`, or no manifest at all.
    package var manifestProblems: [String] = []
    package var signature: Signature = .notChecked(present: false)

    init(pack: String) {
        self.pack = pack
    }

    /// True when every hash matches, nothing is missing or extra, and the signature, if asked for, holds.
    package var holds: Bool {
        guard !overlapping, layout.isEmpty, mismatched.isEmpty, missing.isEmpty, extra.isEmpty, unsafe.isEmpty, duplicates.isEmpty,
              manifestProblems.isEmpty else { return false }
        switch signature {
        case .notChecked, .valid: return true
        case .invalid, .missing: return false
        }
    }

    /// Names from the zip and its manifest are escaped: a pack from others can hold any bytes.
    package var text: String {
        let escape = TerminalText.escape as (String) -> String
        // A name that begins or ends with a space would read as another (`register.csv `): it is
        // quoted, so that where it starts and ends shows.
        func name(_ path: String) -> String {
            let shown = escape(path)
            return shown.first == " " || shown.last == " " ? "\"\(shown)\"" : shown
        }
        var out = ""
        if overlapping {
            out += "zip: its entries claim more bytes than the file holds: they overlap, as zip bombs are made, or their sizes lie; nothing was hashed, and unzip refuses such a zip\n"
        }
        for line in layout { out += "zip: \(escape(line))\n" }
        for line in manifestProblems { out += "manifest: \(escape(line))\n" }
        for path in unsafe { out += "unsafe entry: \(name(path)) (absolute, with `..`, a link, or a folder with data; never extract this zip blindly)\n" }
        for path in duplicates { out += "duplicate entry: \(name(path))\n" }
        for path in mismatched { out += "mismatch: \(name(path))\n" }
        for path in missing { out += "missing: \(name(path))\n" }
        for path in extra { out += "extra: \(name(path))\n" }
        switch signature {
        case .notChecked(present: true): out += "signature: present, not checked; pass --key PUBLIC.pem to check it\n"
        case .notChecked(present: false): out += "signature: none\n"
        case let .valid(fingerprint): out += "signature: valid, key \(fingerprint)\n"
        case .invalid: out += "signature: INVALID for this manifest and key\n"
        case .missing: out += "signature: missing; the pack has no MANIFEST.sha256.sig\n"
        }
        let problems = layout.count + mismatched.count + missing.count + extra.count + unsafe.count + duplicates.count + manifestProblems.count
            + problemsInSignature + (overlapping ? 1 : 0)
        if holds {
            out += "\(escape(pack)): OK, \(checked) file\(checked == 1 ? "" : "s") match MANIFEST.sha256\n"
        } else {
            out += "\(escape(pack)): FAILED, \(problems) problem\(problems == 1 ? "" : "s")\n"
        }
        return out
    }

    private var problemsInSignature: Int {
        switch signature {
        case .invalid, .missing: 1
        default: 0
        }
    }
}
