import ArgumentParser
import ASTopology
import CaseStudies
import Decompression
import MRT
import PublicArchives

/// An error as the user sees it: one line saying what went wrong and what to do about it.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    /// Runs `body`, turning the libraries' errors into one line with advice.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        // The snapshot a cold run writes meanwhile is finished before the command ends, whatever its outcome.
        defer { AnalysisInputs.finishSnapshots() }
        do {
            return try body()
        } catch let error as CommandFailure {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch let error as DamagedCachedFile {
            throw CommandFailure(description: error.description)
        } catch let error as InputError {
            throw CommandFailure(description: advice(for: error))
        } catch let error as MRTError {
            if case .input(let input) = error.reason { throw CommandFailure(description: advice(for: input)) }
            if case .nothingRead = error.reason {
                throw CommandFailure(description: "\(error); the file is damaged or not MRT: fetch it again (chokepoint fetch)")
            }
            throw CommandFailure(description: "\(error); the file is damaged or not MRT: fetch it again "
                                 + "(chokepoint fetch), or see what can be read with chokepoint mrt stats")
        } catch let error as TopologyLoadError {
            throw CommandFailure(description: "\(error); the file is damaged or not MRT: fetch it again (chokepoint fetch)")
        } catch let error as ArchiveError {
            throw CommandFailure(description: advice(for: error))
        } catch let error as CaseStudyError {
            switch error.kind {
            case .manifest:
                throw CommandFailure(description: "\(error) (examples/north-korea-2014/case.json shows the layout)")
            case .dataSet:
                if let fetchError = error.fetchError { throw CommandFailure(description: advice(for: fetchError)) }
                throw CommandFailure(description: "\(error); check the path or URL, or fetch the data set with chokepoint fetch")
            }
        } catch {
            throw CommandFailure(description: "\(error)")
        }
    }

    private static func advice(for error: ArchiveError) -> String {
        switch error.reason {
        case .noFileNear:
            // Only routing data comes per collector: another collector is no help for a registry's file.
            return "\(error); pick a date the archive covers" + (error.dataset?.isRouting == true ? ", or another --collector" : "")
        case .noFileBefore:
            return "\(error); pick a later --at, or another --collector"
        case .tooFar:
            return "\(error); pick a date nearer the archive's files, or accept this one with --date-tolerance DAYS"
        case .httpStatus, .transfer, .incomplete, .unreachable:
            return "\(error); check the network, or use a mirror with --mirror DIR"
        case .stalled:
            return "\(error); nothing was kept: try again later, or allow longer with --idle-timeout SECONDS"
        case .deadline:
            return "\(error); nothing was kept: try again later, or allow longer with --max-time SECONDS"
        case .tooLarge:
            return "\(error); nothing was kept: raise --max-filesize MIB if the file is really that large"
        case .unexpectedContent:
            return "\(error); nothing was kept: try again later, or check the URL"
        case .localFile, .badRequest:
            return "\(error)"
        }
    }

    private static func advice(for error: InputError) -> String {
        switch error.reason {
        case .cannotOpen:
            return "\(error); check the path, or fetch the data set with chokepoint fetch"
        case .corruptCompressedData, .truncatedCompressedData:
            return "\(error); the file is damaged or cut short: fetch it again with chokepoint fetch"
        default:
            return "\(error)"
        }
    }
}
