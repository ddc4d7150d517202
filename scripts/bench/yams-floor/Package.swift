// swift-tools-version:6.1
// How long Yams alone takes to compose the front-matter of a content tree: the floor under
// `evident check`'s load stage with the decided stack. Not part of evident's build; see README.md.
import PackageDescription

let package = Package(
    name: "yams-floor",
    dependencies: [.package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2")],
    targets: [.executableTarget(name: "yams-floor", dependencies: [.product(name: "Yams", package: "Yams")])]
)
