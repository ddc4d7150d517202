// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "evident",
    products: [
        .executable(name: "evident", targets: ["evident"]),
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
        // Already in the graph through Hummingbird: named for serve's connection guard, a channel handler.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
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
        // The layers, in pipeline order: a target imports only targets declared above it
        // (scripts/check-layers.sh checks it; docs/architecture.md draws it).
        // Buffers, escaping (HTML, terminal, GFM, CSV, JSON), parallel helpers, atomic writes.
        // glibc's constants that Swift's Glibc module leaves out (O_NOATIME, F_SETPIPE_SZ), from the
        // system headers, and the build IDs of the loaded objects.
        .target(
            name: "CEvidentSystem",
            path: "Sources/CEvidentSystem"
        ),
        .target(
            name: "EvidentSupport",
            dependencies: ["CEvidentSystem"],
            path: "Sources/EvidentSupport"
        ),
        // The content model: objectives, reviews, time, findings and where they point.
        .target(
            name: "EvidentModel",
            dependencies: ["EvidentSupport"],
            path: "Sources/EvidentModel"
        ),
        // Reading a content tree (or a revision's files) into the model; Markdown through cmark.
        .target(
            name: "EvidentLoad",
            dependencies: [
                "EvidentSupport",
                "EvidentModel",
                "CCmarkGFM",
                "CEvidentSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/EvidentLoad"
        ),
        // The rules, the checker, the registers and the findings reports.
        .target(
            name: "EvidentCheck",
            dependencies: ["EvidentSupport", "EvidentModel", "EvidentLoad"],
            path: "Sources/EvidentCheck"
        ),
        // The static site: theme, pages, the output folder.
        .target(
            name: "EvidentSite",
            dependencies: [
                "EvidentSupport",
                "EvidentModel",
                "EvidentLoad",
                "EvidentCheck",
                "CEvidentSystem",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/EvidentSite"
        ),
        // The evidence pack: zip, manifest, signature, verification.
        .target(
            name: "EvidentPack",
            dependencies: [
                "EvidentSupport",
                "EvidentModel",
                "EvidentLoad",
                "EvidentCheck",
                "EvidentSite",
                "CZlibDeflate",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/EvidentPack"
        ),
        // `evident diff`: two revisions of the content, read from git, checked and compared.
        .target(
            name: "EvidentDiff",
            dependencies: ["EvidentSupport", "EvidentModel", "EvidentLoad", "EvidentCheck", "CEvidentSystem"],
            path: "Sources/EvidentDiff"
        ),
        // One function per fuzz target, throwing on a broken invariant; uses the layers' `package` API.
        .target(
            name: "EvidentFuzzTargets",
            dependencies: [
                "EvidentSupport",
                "EvidentModel",
                "EvidentLoad",
                "EvidentCheck",
                "EvidentSite",
                "EvidentPack",
                "EvidentDiff",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Sources/EvidentFuzzTargets"
        ),
        // `evident serve`: the HTTP server and the rebuild loop, on Hummingbird.
        .target(
            name: "EvidentServe",
            dependencies: [
                "EvidentSupport",
                "EvidentModel",
                "EvidentLoad",
                "EvidentCheck",
                "EvidentSite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            path: "Sources/EvidentServe"
        ),
        .executableTarget(
            name: "evident",
            dependencies: [
                "EvidentSupport",
                "EvidentModel",
                "EvidentLoad",
                "EvidentCheck",
                "EvidentSite",
                "EvidentPack",
                "EvidentDiff",
                "EvidentServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/evident"
        ),
        .testTarget(
            name: "EvidentKitTests",
            dependencies: [
                "EvidentSupport",
                "EvidentModel",
                "EvidentLoad",
                "EvidentCheck",
                "EvidentSite",
                "EvidentPack",
                "EvidentDiff",
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
            dependencies: ["evident", "EvidentSupport", "EvidentModel", "EvidentCheck", "EvidentSite", "EvidentPack"],
            path: "Tests/EvidentCLITests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
