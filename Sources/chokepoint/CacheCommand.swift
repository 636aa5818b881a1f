import AnalysisPipeline
import ArgumentParser
import Foundation
import PublicArchives

/// `chokepoint cache`: what the cache directory holds, and pruning what Chokepoint derived.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "List the files Chokepoint keeps under its cache directory, or prune those it derived.",
        discussion: """
            The cache directory is $XDG_CACHE_HOME/chokepoint (default ~/.cache/chokepoint). Chokepoint \
            derives three kinds of file there: topology snapshots (snapshots/), parsed reference data \
            (reference/) and remembered fingerprints of input files (fingerprints/). Each is rebuilt from \
            the inputs when missing, so pruning costs time, never a result. A file's last use is when it \
            was last written or served. Downloaded archive files are only counted, never pruned.

            Examples:
              chokepoint cache
              chokepoint cache prune --unused-for 30 --dry-run
              chokepoint cache prune --max-size 2G
            """,
        subcommands: [CacheListCommand.self, CachePruneCommand.self],
        defaultSubcommand: CacheListCommand.self
    )
}

/// `chokepoint cache list`: each kind of derived file, how many, how large, when last used.
struct CacheListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Count the derived files by kind, with their size and their oldest and latest use."
    )

    func run() throws {
        try CommandFailure.reporting {
            let cache = DerivedCache(root: ArchiveCatalog.defaultCacheDirectory)
            let entries = cache.entries()
            var output = StandardOutput()
            try output.write("cache: \(cache.root)\n")
            for kind in DerivedCache.Kind.allCases {
                let files = entries.filter { $0.kind == kind && !$0.isPartial }
                let span = files.first.flatMap { first in files.last.map { "last used \(Self.day(first.lastUsed)) to \(Self.day($0.lastUsed))" } }
                try output.write(Self.row(kind.rawValue, files: files.count, bytes: files.reduce(0) { $0 + $1.bytes }, note: span))
            }
            let partial = entries.filter(\.isPartial)
            if !partial.isEmpty {
                try output.write(Self.row("half-written", files: partial.count, bytes: partial.reduce(0) { $0 + $1.bytes },
                                          note: "(being written, or left by a run that stopped)"))
            }
            let downloads = cache.downloads()
            try output.write(Self.row("downloads", files: downloads.files, bytes: downloads.bytes, note: "(archive files: counted, never pruned)"))
            try output.flush()
        }
    }

    /// One line of the listing: a label, a count and a size in aligned columns, then a note.
    static func row(_ label: String, files: Int, bytes: Int64, note: String?) -> String {
        let count = String(files), size = ByteCount.text(bytes)
        return label.padding(toLength: 13, withPad: " ", startingAt: 0) + " " + String(repeating: " ", count: max(0, 6 - count.count))
            + count + " files " + String(repeating: " ", count: max(0, 9 - size.count)) + size + (note.map { "  " + $0 } ?? "") + "\n"
    }

    static func day(_ date: Date) -> String {
        String(ISO8601DateFormatter().string(from: date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}

/// `chokepoint cache prune`: removes derived files unused for a while, or the least recently used
/// beyond a size.
struct CachePruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove derived files unused for some days, or the least recently used beyond a size.",
        discussion: """
            Half-written files left by runs that stopped are removed too; a file a running process is \
            writing is kept. Give --unused-for, --max-size or both.
            """
    )

    @Option(help: "Remove derived files not used for this many days.")
    var unusedFor: Double?

    @Option(help: "Then remove the least recently used until the derived files hold at most this much (bytes, or with K, M or G).")
    var maxSize: ByteCount?

    @Flag(help: "Say what would be removed, and remove nothing.")
    var dryRun = false

    func validate() throws {
        guard unusedFor != nil || maxSize != nil else { throw ValidationError("give --unused-for DAYS, --max-size SIZE or both") }
        if let unusedFor, !(unusedFor >= 0) || !unusedFor.isFinite { throw ValidationError("--unused-for must be a number of days, 0 or more") }
    }

    func run() throws {
        try CommandFailure.reporting {
            let cache = DerivedCache(root: ArchiveCatalog.defaultCacheDirectory)
            let now = Date()
            let plan = DerivedCache.plan(cache.entries(), unusedSince: unusedFor.map { now.addingTimeInterval(-$0 * 86_400) },
                                         maximumBytes: maxSize?.bytes, now: now)
            let failures = dryRun ? [] : cache.remove(plan.removals)
            let failed = Set(failures.map(\.entry.path))
            var output = StandardOutput()
            let verb = dryRun ? "would remove" : "removed"
            let removed = plan.removals.filter { !failed.contains($0.path) }
            // Snapshots one by one (each can be hundreds of megabytes); fingerprints (a few hundred
            // bytes each, one per input file) and half-written files counted.
            for entry in removed where entry.kind != .fingerprints && !entry.isPartial {
                let relative = String(entry.path.dropFirst(cache.root.count).drop { $0 == "/" })
                try output.write("\(verb) \(relative) (\(ByteCount.text(entry.bytes)), last used \(CacheListCommand.day(entry.lastUsed)))\n")
            }
            for (label, group) in [("remembered fingerprints", removed.filter { $0.kind == .fingerprints && !$0.isPartial }),
                                   ("half-written files", removed.filter(\.isPartial))] where !group.isEmpty {
                try output.write("\(verb) \(group.count) \(label) (\(ByteCount.text(group.reduce(0) { $0 + $1.bytes })))\n")
            }
            try output.write("\(verb) \(removed.count) files, \(ByteCount.text(removed.reduce(0) { $0 + $1.bytes })); "
                             + "the derived files \(dryRun ? "would" : "now") hold \(ByteCount.text(plan.keptBytes + failures.reduce(0) { $0 + $1.entry.bytes }))\n")
            try output.flush()
            if let first = failures.first {
                throw CommandFailure(description: "\(first.entry.path): cannot remove: \(first.reason)"
                                     + (failures.count > 1 ? " (and \(failures.count - 1) more)" : ""))
            }
        }
    }
}

/// A size given on the command line: bytes, or a number with K, M or G (powers of 1024).
struct ByteCount: ExpressibleByArgument {
    var bytes: Int64

    init?(argument: String) {
        let text = argument.uppercased().replacingOccurrences(of: "B", with: "").replacingOccurrences(of: "I", with: "")
        let units: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
        var number = Substring(text)
        var scale = 1.0
        if let last = text.last, let unit = units[last] {
            scale = unit
            number = text.dropLast()
        }
        guard let value = Double(number), value >= 0, value.isFinite, value * scale < Double(Int64.max) else { return nil }
        bytes = Int64(value * scale)
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// `bytes` for people: 1.2 GB, 340 MB, 12 KB (powers of 1024).
    static func text(_ bytes: Int64) -> String {
        let value = Double(bytes)
        if value >= 0x1p30 { return String(format: "%.1f GB", value / 0x1p30) }
        if value >= 0x1p20 { return String(format: "%.0f MB", value / 0x1p20) }
        if value >= 0x1p10 { return String(format: "%.0f KB", value / 0x1p10) }
        return "\(bytes) B"
    }
}
