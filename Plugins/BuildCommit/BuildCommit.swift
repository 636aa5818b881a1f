import Foundation
import PackagePlugin

/// Writes `BuildCommit.swift` with the git commit the package is built from, before every build of
/// the target that uses it: `chokepoint --version` says which commit it is. Outside a git checkout
/// (a source archive) the commit is "unknown".
@main
struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let package = context.package.directoryURL.path(percentEncoded: false)
        // Short commit, and "+changes" when the working tree differs from it.
        let script = """
            commit=$(git -C '\(package)' rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
            if [ "$commit" != unknown ] && ! git -C '\(package)' diff --quiet HEAD -- Sources Package.swift 2>/dev/null; then
                commit="$commit+changes"
            fi
            mkdir -p '\(output.path(percentEncoded: false))'
            new="let buildCommit = \\"$commit\\"\n"
            file='\(output.appending(path: "BuildCommit.swift").path(percentEncoded: false))'
            # Rewritten only when it changes, so an unchanged commit does not rebuild the target.
            if [ ! -f "$file" ] || [ "$(cat "$file")" != "$(printf "$new")" ]; then printf "$new" > "$file"; fi
            """
        return [.prebuildCommand(displayName: "Recording the git commit", executable: URL(filePath: "/bin/sh"),
                                 arguments: ["-c", script], outputFilesDirectory: output)]
    }
}
