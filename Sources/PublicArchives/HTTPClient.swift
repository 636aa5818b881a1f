import CCurl
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Downloads over HTTP(S) with libcurl's easy interface, streaming the body straight to a file
/// descriptor: memory stays constant whatever the file's size, and the limits of `DownloadLimits`
/// bound size and time.
enum HTTPClient {
    /// The largest directory listing read into memory.
    static let maximumListingBytes: Int64 = 32 << 20

    /// Fetches `url` into memory (for directory listings).
    static func text(_ url: String, limits: DownloadLimits) throws(ArchiveError) -> String {
        let transfer = Transfer(url: url, destination: .memory, limits: limits, maximumBytes: maximumListingBytes, progress: nil)
        try transfer.run()
        return String(decoding: transfer.body, as: UTF8.self)
    }

    /// Downloads `url` into `path`, which must not exist yet; `progress` gets bytes so far and the total.
    static func download(_ url: String, to path: String, limits: DownloadLimits,
                         progress: (@Sendable (Int64, Int64?) -> Void)?) throws(ArchiveError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ArchiveError(location: path, reason: .localFile("cannot create the file: \(String(cString: strerror(errno)))"))
        }
        let transfer = Transfer(url: url, destination: .file(descriptor, path), limits: limits, maximumBytes: limits.maximumBytes,
                                progress: progress)
        do {
            try transfer.run()
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else {
            throw ArchiveError(location: path, reason: .localFile("cannot write the file: \(String(cString: strerror(errno)))"))
        }
    }
}

/// libcurl keeps process-wide state that must be set up once, before any transfer, from one thread.
private let curlReady: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

/// One transfer's state, reached from libcurl's C callbacks through an opaque pointer.
private final class Transfer {
    enum Destination {
        case memory
        case file(Int32, String)
    }

    let url: String
    let destination: Destination
    let limits: DownloadLimits
    let maximumBytes: Int64
    let progress: (@Sendable (Int64, Int64?) -> Void)?
    private(set) var body = Data()
    private var received: Int64 = 0
    private var discarded = 0
    private var status = 0
    /// Why a callback stopped the transfer, when one did.
    private var failure: ArchiveError.Reason?
    private var handle: UnsafeMutableRawPointer?

    init(url: String, destination: Destination, limits: DownloadLimits, maximumBytes: Int64,
         progress: (@Sendable (Int64, Int64?) -> Void)?) {
        self.url = url
        self.destination = destination
        self.limits = limits
        self.maximumBytes = maximumBytes
        self.progress = progress
    }

    func run() throws(ArchiveError) {
        guard curlReady, let easy = curl_easy_init() else {
            throw ArchiveError(location: url, reason: .transfer("cannot start libcurl"))
        }
        handle = easy
        defer {
            curl_easy_cleanup(easy)
            handle = nil
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = chokepoint_curl_set_string(easy, CURLOPT_URL, url)
        // Only the web: no file://, ftp:// or other schemes, even through a redirect.
        _ = chokepoint_curl_set_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = chokepoint_curl_set_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = chokepoint_curl_set_long(easy, CURLOPT_FOLLOWLOCATION, 1)
        _ = chokepoint_curl_set_long(easy, CURLOPT_MAXREDIRS, 5)
        _ = chokepoint_curl_set_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = chokepoint_curl_set_long(easy, CURLOPT_CONNECTTIMEOUT, limits.connectSeconds)
        _ = chokepoint_curl_set_long(easy, CURLOPT_TIMEOUT, limits.totalSeconds)
        _ = chokepoint_curl_set_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1)
        _ = chokepoint_curl_set_long(easy, CURLOPT_LOW_SPEED_TIME, limits.idleSeconds)
        // Refused before a byte is written when the server announces the size; enforced in the write
        // callback when it does not.
        _ = chokepoint_curl_set_offset(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maximumBytes))
        _ = chokepoint_curl_set_string(easy, CURLOPT_USERAGENT, "chokepoint (https://github.com/chokepoint)")
        _ = chokepoint_curl_set_pointer(easy, CURLOPT_WRITEDATA, context)
        _ = chokepoint_curl_set_write_function(easy) { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue().receive(data, size * count)
        }
        _ = chokepoint_curl_set_pointer(easy, CURLOPT_XFERINFODATA, context)
        _ = chokepoint_curl_set_long(easy, CURLOPT_NOPROGRESS, 0)
        _ = chokepoint_curl_set_progress_function(easy) { context, total, now, _, _ in
            guard let context else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            if now > 0, transfer.status == 200 { transfer.progress?(Int64(now), total > 0 ? Int64(total) : nil) }
            return 0
        }
        let started = Date()
        let code = curl_easy_perform(easy)
        var responseCode = 0
        _ = chokepoint_curl_get_long(easy, CURLINFO_RESPONSE_CODE, &responseCode)
        status = responseCode
        if let failure { throw ArchiveError(location: url, reason: failure) }
        switch code {
        case CURLE_OK:
            guard status == 200 else { throw ArchiveError(location: url, reason: .httpStatus(status)) }
        case CURLE_FILESIZE_EXCEEDED:
            throw ArchiveError(location: url, reason: .tooLarge(limit: maximumBytes))
        case CURLE_OPERATION_TIMEDOUT:
            if Date().timeIntervalSince(started) >= Double(limits.totalSeconds) - 1 {
                throw ArchiveError(location: url, reason: .deadline(seconds: limits.totalSeconds))
            }
            if status == 0 {
                throw ArchiveError(location: url, reason: .unreachable("no connection within \(limits.connectSeconds) s: the network or the server is unreachable"))
            }
            throw ArchiveError(location: url, reason: .stalled(seconds: limits.idleSeconds))
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            throw ArchiveError(location: url, reason: .unreachable("the host name could not be resolved: the network is unreachable or the host does not exist"))
        case CURLE_COULDNT_CONNECT:
            throw ArchiveError(location: url, reason: .unreachable("cannot connect: the network or the server is unreachable"))
        case CURLE_PARTIAL_FILE:
            var expected: curl_off_t = -1
            _ = chokepoint_curl_get_offset(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected)
            throw ArchiveError(location: url, reason: .incomplete(received: received, expected: Int64(expected)))
        default:
            throw ArchiveError(location: url, reason: .transfer(String(cString: curl_easy_strerror(code))))
        }
    }

    /// Takes a block of the body; returning less than `count` makes libcurl stop with a write error.
    func receive(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        if status == 0, let handle {
            var code = 0
            _ = chokepoint_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &code)
            status = code
        }
        // An error page is read and dropped (the status is the error); a long one is cut off.
        guard status == 200 else {
            discarded += count
            return discarded < 1 << 20 ? count : 0
        }
        guard received + Int64(count) <= maximumBytes else {
            failure = .tooLarge(limit: maximumBytes)
            return 0
        }
        received += Int64(count)
        switch destination {
        case .memory:
            body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count)
        case .file(let descriptor, let path):
            var offset = 0
            while offset < count {
                let written = write(descriptor, data + offset, count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = .localFile("cannot write \(path): \(String(cString: strerror(errno)))")
                    return 0
                }
                offset += written
            }
        }
        return count
    }
}
