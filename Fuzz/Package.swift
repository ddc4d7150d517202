// swift-tools-version:6.1
import PackageDescription

// libFuzzer binary for evident's fuzz targets. Built apart from the main package, with the
// sanitizers on: `scripts/fuzz.sh TARGET SECONDS` builds and runs it (see docs/fuzzing.md).
let package = Package(
    name: "evident-fuzz",
    dependencies: [.package(name: "evident", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver", path: "Sources/CFuzzerDriver"),
        .executableTarget(
            name: "evident-fuzz",
            dependencies: ["CFuzzerDriver", .product(name: "EvidentFuzzTargets", package: "evident")],
            path: "Sources/EvidentFuzz"
        ),
    ],
    swiftLanguageModes: [.v6]
)
