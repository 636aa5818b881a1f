import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads over HTTP(S) with libcurl (through FoundationNetworking), streaming the body to a file.
final class HTTPClient: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // @unchecked Sendable: the mutable transfer state below is touched only on the session's serial
    // delegate queue while a transfer runs, and read by the caller after `done` is signalled.
    private var handle: FileHandle?
    private var received: Int64 = 0
    private var expected: Int64 = -1
    private var status = 0
    private var failure: String?
    private var body = Data()
    private var collectsBody = false
    private let done = DispatchSemaphore(value: 0)
    private var progress: (@Sendable (Int64, Int64?) -> Void)?

    /// Fetches `url` into memory (for directory listings).
    static func text(_ url: String) throws(ArchiveError) -> String {
        let client = HTTPClient()
        client.collectsBody = true
        try client.run(url)
        return String(decoding: client.body, as: UTF8.self)
    }

    /// Downloads `url` into `path`, which must not exist yet; `progress` gets bytes so far and the total.
    static func download(_ url: String, to path: String, progress: (@Sendable (Int64, Int64?) -> Void)?) throws(ArchiveError) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ArchiveError(location: path, reason: .localFile("cannot create the file"))
        }
        let client = HTTPClient()
        client.handle = handle
        client.progress = progress
        defer { try? handle.close() }
        try client.run(url)
    }

    private func run(_ url: String) throws(ArchiveError) {
        guard let target = URL(string: url) else { throw ArchiveError(location: url, reason: .badRequest("not a URL")) }
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: queue)
        session.dataTask(with: target).resume()
        done.wait()
        session.finishTasksAndInvalidate()
        if let failure { throw ArchiveError(location: url, reason: .transfer(failure)) }
        guard status == 200 else { throw ArchiveError(location: url, reason: .httpStatus(status)) }
        if expected >= 0 && received != expected {
            throw ArchiveError(location: url, reason: .incomplete(received: received, expected: expected))
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        status = (response as? HTTPURLResponse)?.statusCode ?? 0
        expected = response.expectedContentLength
        // Cancelling here leaves some FoundationNetworking versions without a completion call, so
        // an error body is received and thrown away instead.
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard status == 200 else { return }
        received += Int64(data.count)
        if collectsBody {
            body.append(data)
        } else {
            do {
                try handle?.write(contentsOf: data)
            } catch {
                failure = "cannot write: \(error)"
                dataTask.cancel()
            }
        }
        progress?(received, expected >= 0 ? expected : nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error, status == 200, failure == nil {
            failure = error.localizedDescription
        }
        done.signal()
    }
}
