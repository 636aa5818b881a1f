// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Chokepoint",
    products: [
        .executable(name: "chokepoint", targets: ["chokepoint"]),
        .library(name: "MRT", targets: ["MRT"]),
        .library(name: "Decompression", targets: ["Decompression"]),
        .library(name: "InternetAddresses", targets: ["InternetAddresses"]),
        .library(name: "PrefixMatching", targets: ["PrefixMatching"]),
        .library(name: "ReferenceData", targets: ["ReferenceData"]),
        .library(name: "Geography", targets: ["Geography"]),
        .library(name: "PublicArchives", targets: ["PublicArchives"]),
        .library(name: "ASTopology", targets: ["ASTopology"]),
        .library(name: "CountryAnalysis", targets: ["CountryAnalysis"]),
        .library(name: "TopologyRendering", targets: ["TopologyRendering"]),
        .library(name: "CaseStudies", targets: ["CaseStudies"]),
        .library(name: "AnalysisPipeline", targets: ["AnalysisPipeline"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // System libraries, each behind a small C shim.
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CPrefetch"),
        .systemLibrary(
            name: "CBzip2",
            providers: [.apt(["libbz2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),

        // Foundations shared by every layer.
        .target(name: "InternetAddresses"),
        .target(
            name: "PrefixMatching",
            dependencies: ["InternetAddresses"]
        ),

        // Ingest: byte streams, then MRT records.
        .target(
            name: "Decompression",
            dependencies: ["CBzip2", "CZlib"]
        ),
        .target(
            name: "MRT",
            dependencies: ["Decompression", "InternetAddresses"]
        ),
        .target(
            name: "ReferenceData",
            dependencies: ["Decompression", "InternetAddresses"]
        ),
        .target(
            name: "PublicArchives",
            dependencies: ["CCurl", "Decompression"]
        ),
        .target(
            name: "CaseStudies",
            dependencies: ["PublicArchives", "Decompression"]
        ),
        .target(
            name: "Geography",
            dependencies: ["ReferenceData", "PrefixMatching", "InternetAddresses"]
        ),

        // Topology: the AS graph and its algorithms.
        .target(
            name: "ASTopology",
            dependencies: ["CPrefetch", "MRT", "ReferenceData", "Decompression", "InternetAddresses"]
        ),

        // Analysis: country metrics.
        .target(
            name: "CountryAnalysis",
            dependencies: ["ASTopology", "CPrefetch", "Geography", "ReferenceData", "PrefixMatching", "InternetAddresses"]
        ),

        // Analysis: from named inputs to a prepared analyzer (with the topology snapshot cache).
        .target(
            name: "AnalysisPipeline",
            dependencies: ["CaseStudies", "PublicArchives", "ASTopology", "Geography", "CountryAnalysis", "ReferenceData"]
        ),

        // Presentation: diagrams through libgraphviz.
        .target(
            name: "TopologyRendering",
            dependencies: ["CGraphviz", "CountryAnalysis", "ReferenceData"]
        ),

        // Presentation: tables and reports.
        .target(
            name: "Reports",
            dependencies: ["CountryAnalysis", "CaseStudies", "ASTopology", "ReferenceData"]
        ),

        // Presentation: the command line.
        .executableTarget(
            name: "chokepoint",
            dependencies: [
                "CMalloc",
                "Decompression",
                "MRT",
                "InternetAddresses",
                "ReferenceData",
                "Geography",
                "PublicArchives",
                "CaseStudies",
                "AnalysisPipeline",
                "ASTopology",
                "CountryAnalysis",
                "TopologyRendering",
                "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildCommit"]
        ),

        // Records the git commit a build comes from, for `chokepoint --version`.
        .plugin(name: "BuildCommit", capability: .buildTool(), path: "Plugins/BuildCommit"),

        .executableTarget(
            name: "ChokepointBenchmarks",
            dependencies: ["InternetAddresses", "PrefixMatching", "MRT", "ReferenceData", "Geography", "ASTopology", "CountryAnalysis",
                           "TopologyRendering", "ChokepointTestSupport"],
            path: "Benchmarks/ChokepointBenchmarks"
        ),

        // Fuzzing: every reader of untrusted input as a function of one byte string (Fuzz/README.md).
        .target(
            name: "FuzzTargets",
            dependencies: ["MRT", "ReferenceData", "CaseStudies", "ASTopology", "InternetAddresses", "Decompression"],
            path: "Fuzz/FuzzTargets"
        ),

        .target(
            name: "ChokepointTestSupport",
            dependencies: ["MRT", "InternetAddresses", "ASTopology"],
            path: "Tests/ChokepointTestSupport"
        ),
        .testTarget(
            name: "AnalysisPipelineTests",
            dependencies: ["AnalysisPipeline", "ASTopology", "InternetAddresses", "CaseStudies", "CountryAnalysis", "Geography", "ReferenceData", "ChokepointTestSupport"]
        ),
        .testTarget(
            name: "DecompressionTests",
            dependencies: ["Decompression", "ChokepointTestSupport"]
        ),
        .testTarget(
            name: "MRTTests",
            dependencies: ["ChokepointTestSupport", "MRT", "Decompression", "InternetAddresses"]
        ),
        .testTarget(
            name: "ReferenceDataTests",
            dependencies: ["ChokepointTestSupport", "ReferenceData", "InternetAddresses", "Decompression"]
        ),
        .testTarget(
            name: "PublicArchivesTests",
            dependencies: ["ChokepointTestSupport", "PublicArchives"],
            exclude: ["archive_server.py"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["ChokepointTestSupport", "Reports", "CountryAnalysis", "ASTopology", "CaseStudies", "Geography", "ReferenceData", "InternetAddresses"]
        ),
        .testTarget(
            name: "TopologyRenderingTests",
            dependencies: ["ChokepointTestSupport", "TopologyRendering", "CountryAnalysis", "ASTopology", "Geography", "ReferenceData", "InternetAddresses"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "CountryAnalysisTests",
            dependencies: ["ChokepointTestSupport", "CountryAnalysis", "ASTopology", "Geography", "ReferenceData", "MRT", "InternetAddresses"]
        ),
        .testTarget(
            name: "ChokepointCLITests",
            dependencies: ["ChokepointTestSupport", "chokepoint"]
        ),
        .testTarget(
            name: "CaseStudiesTests",
            dependencies: ["ChokepointTestSupport", "CaseStudies", "PublicArchives"]
        ),
        .testTarget(
            name: "ASTopologyTests",
            dependencies: ["ChokepointTestSupport", "ASTopology", "InternetAddresses", "MRT"]
        ),
        .testTarget(
            name: "GeographyTests",
            dependencies: ["ChokepointTestSupport", "Geography", "ReferenceData", "InternetAddresses"]
        ),
        .testTarget(
            name: "PrefixMatchingTests",
            dependencies: ["ChokepointTestSupport", "PrefixMatching", "InternetAddresses"]
        ),
        .testTarget(
            name: "FuzzTargetsTests",
            dependencies: ["ChokepointTestSupport", "FuzzTargets"]
        ),
        .testTarget(
            name: "InternetAddressesTests",
            dependencies: ["ChokepointTestSupport", "InternetAddresses"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer executables, one per target, built only for `make fuzz` (CHOKEPOINT_FUZZ=1, with
// -sanitize=fuzzer,address): they call libFuzzer's driver, which an ordinary build does not link.
if Context.environment["CHOKEPOINT_FUZZ"] != nil {
    package.targets += [
        .target(name: "CFuzzerDriver", path: "Fuzz/CFuzzerDriver"),
        .target(name: "FuzzDriver", dependencies: ["CFuzzerDriver", "FuzzTargets"], path: "Fuzz/FuzzDriver"),
    ]
    for target in ["mrt", "maxmind", "delegated", "pfx2as", "as-rel", "tor", "as-names", "as-org", "case-manifest", "snapshot"] {
        package.targets.append(.executableTarget(name: "fuzz-\(target)", dependencies: ["FuzzDriver"], path: "Fuzz/Entry/\(target)"))
    }
}
