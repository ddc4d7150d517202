// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "evident",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "evident", targets: ["evident"]),
        .library(name: "EvidentKit", targets: ["EvidentKit"]),
        // The fuzz targets' checks, for the libFuzzer package in Fuzz/ (and the corpus replay tests).
        .library(name: "EvidentFuzzTargets", targets: ["EvidentFuzzTargets"]),
        .library(name: "EvidentServe", targets: ["EvidentServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // No default traits: serve needs neither swift-configuration nor the URL-encoded form coders.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
    ],
    targets: [
        // libcmark-gfm and its extensions from Debian, through pkg-config.
        .systemLibrary(
            name: "CCmarkGFM",
            path: "Sources/CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // zlib, for the pack's zip writer (deflate and CRC-32). Not named CZlib: ZIPFoundation has
        // a module of that name on Linux.
        .systemLibrary(
            name: "CZlibDeflate",
            path: "Sources/CZlibDeflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "EvidentKit",
            dependencies: [
                "CCmarkGFM",
                "CZlibDeflate",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/EvidentKit"
        ),
        // One function per fuzz target, throwing on a broken invariant; uses EvidentKit's `package` API.
        .target(
            name: "EvidentFuzzTargets",
            dependencies: ["EvidentKit", .product(name: "Yams", package: "Yams")],
            path: "Sources/EvidentFuzzTargets"
        ),
        // `evident serve`: the HTTP server and the rebuild loop, on Hummingbird.
        .target(
            name: "EvidentServe",
            dependencies: [
                "EvidentKit",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Sources/EvidentServe"
        ),
        .executableTarget(
            name: "evident",
            dependencies: [
                "EvidentKit",
                "EvidentServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/evident"
        ),
        .testTarget(
            name: "EvidentKitTests",
            dependencies: [
                "EvidentKit",
                "EvidentFuzzTargets",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/EvidentKitTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "EvidentServeTests",
            dependencies: [
                "EvidentServe",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Tests/EvidentServeTests"
        ),
        // Runs the built `evident` binary: output, files and exit codes, as a user sees them.
        .testTarget(
            name: "EvidentCLITests",
            dependencies: ["evident", "EvidentKit"],
            path: "Tests/EvidentCLITests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
