/// Decodes values of a MaxMind DB data (or metadata) section, checking every read against the file.
struct MaxMindDecoder {
    let bytes: UnsafeRawBufferPointer
    /// Pointers are relative to this offset.
    let sectionStart: Int
    let file: String
    private var depth = 0
    /// What one top-level decode may still produce. Pointers let a few bytes stand for a value
    /// used many times, so a hostile file can make a 500-byte record decode into gigabytes; past
    /// these budgets the file is rejected.
    private var valuesLeft = 0
    private var bytesLeft = 0
    /// The most values one record (or the metadata) may decode into: GeoLite2 City records hold
    /// about a hundred.
    static let maximumValues = 1 << 16
    /// The most string and byte payload one record may decode into.
    static let maximumBytes = 16 << 20

    init(bytes: UnsafeRawBufferPointer, sectionStart: Int, file: String) {
        self.bytes = bytes
        self.sectionStart = sectionStart
        self.file = file
    }

    private func fail(_ offset: Int, _ message: String) -> ReferenceDataError {
        ReferenceDataError(file: file, offset: offset, message: message)
    }

    private func byte(_ offset: Int) throws(ReferenceDataError) -> Int {
        guard offset >= 0 && offset < bytes.count else { throw fail(offset, "data runs past the end of the file") }
        return Int(bytes[offset])
    }

    private func bigEndian(_ offset: Int, _ count: Int) throws(ReferenceDataError) -> UInt64 {
        guard count <= 8, offset >= 0, offset + count <= bytes.count else { throw fail(offset, "data runs past the end of the file") }
        var value: UInt64 = 0
        for index in 0..<count { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }

    /// A field's type, payload size and where its payload starts; pointers are resolved.
    private func header(at offset: Int) throws(ReferenceDataError) -> (type: Int, size: Int, payload: Int, next: Int?) {
        let control = try byte(offset)
        var type = control >> 5
        var position = offset + 1
        if type == 1 {
            // A pointer: its target is decoded in its place, and the field ends after the pointer.
            let sizeBits = (control >> 3) & 3
            let high = control & 7
            let pointer: Int
            switch sizeBits {
            case 0: pointer = high << 8 | (try byte(position))
            case 1: pointer = (high << 16 | Int(try bigEndian(position, 2))) + 2048
            case 2: pointer = (high << 24 | Int(try bigEndian(position, 3))) + 526_336
            default: pointer = Int(try bigEndian(position, 4))
            }
            let target = sectionStart + pointer
            // The format forbids a pointer to a pointer; checked before following it, so that a
            // pointer to itself cannot recurse.
            guard try byte(target) >> 5 != 1 else { throw fail(offset, "pointer to a pointer") }
            let resolved = try header(at: target)
            return (resolved.type, resolved.size, resolved.payload, position + sizeBits + 1)
        }
        if type == 0 {
            type = 7 + (try byte(position))
            position += 1
        }
        var size = control & 0x1f
        switch size {
        case 29: size = 29 + (try byte(position)); position += 1
        case 30: size = 285 + Int(try bigEndian(position, 2)); position += 2
        case 31: size = 65_821 + Int(try bigEndian(position, 3)); position += 3
        default: break
        }
        return (type, size, position, nil)
    }

    /// Decodes the value at `offset`; returns it and the offset after it.
    mutating func decode(at offset: Int) throws(ReferenceDataError) -> (value: MaxMindValue, next: Int) {
        if depth == 0 { resetBudget() }
        return try decodeValue(at: offset)
    }

    private mutating func resetBudget() {
        valuesLeft = Self.maximumValues
        bytesLeft = Self.maximumBytes
    }

    private mutating func spend(values: Int, bytes: Int, at offset: Int) throws(ReferenceDataError) {
        valuesLeft -= values
        bytesLeft -= bytes
        guard valuesLeft >= 0, bytesLeft >= 0 else {
            throw fail(offset, "one record decodes into more than \(Self.maximumValues) values or \(Self.maximumBytes >> 20) MiB "
                       + "(pointers fan out): the file is damaged or hostile")
        }
    }

    private mutating func decodeValue(at offset: Int) throws(ReferenceDataError) -> (value: MaxMindValue, next: Int) {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { throw fail(offset, "values nested too deeply") }
        let field = try header(at: offset)
        try spend(values: 1, bytes: [2, 4].contains(field.type) ? field.size : 0, at: offset)
        var position = field.payload
        let value: MaxMindValue
        switch field.type {
        case 2:
            guard position + field.size <= bytes.count else { throw fail(position, "string runs past the end of the file") }
            value = .string(String(decoding: bytes[position..<position + field.size], as: UTF8.self))
            position += field.size
        case 3:
            value = .double(Double(bitPattern: try bigEndian(position, 8)))
            position += 8
        case 4:
            guard position + field.size <= bytes.count else { throw fail(position, "bytes run past the end of the file") }
            value = .bytes(Array(bytes[position..<position + field.size]))
            position += field.size
        case 5, 6, 9:
            value = .unsigned(try bigEndian(position, field.size))
            position += field.size
        case 8:
            value = .int32(Int32(truncatingIfNeeded: try bigEndian(position, field.size)))
            position += field.size
        case 10:
            guard field.size <= 16 else { throw fail(offset, "uint128 of \(field.size) bytes") }
            var wide: UInt128 = 0
            for index in 0..<field.size { wide = wide << 8 | UInt128(try byte(position + index)) }
            value = .unsigned128(wide)
            position += field.size
        case 7:
            var map: [String: MaxMindValue] = [:]
            for _ in 0..<field.size {
                let key = try decodeValue(at: position)
                guard case .string(let name) = key.value else { throw fail(position, "map key is not a string") }
                let entry = try decodeValue(at: key.next)
                map[name] = entry.value
                position = entry.next
            }
            value = .map(map)
        case 11:
            var array: [MaxMindValue] = []
            for _ in 0..<field.size {
                let element = try decodeValue(at: position)
                array.append(element.value)
                position = element.next
            }
            value = .array(array)
        case 14:
            value = .boolean(field.size != 0)
        case 15:
            value = .float(Float(bitPattern: UInt32(try bigEndian(position, 4))))
            position += 4
        default:
            throw fail(offset, "unknown data type \(field.type)")
        }
        return (value, field.next ?? position)
    }

    /// Follows `path` through nested maps from `offset` and returns the string found, decoding
    /// nothing else on the way.
    mutating func string(at offset: Int, path: [String]) throws(ReferenceDataError) -> String? {
        resetBudget()
        var current = offset
        for key in path {
            let field = try header(at: current)
            guard field.type == 7 else { return nil }
            var position = field.payload
            var found: Int?
            for _ in 0..<field.size {
                let name = try decodeValue(at: position)
                if case .string(key) = name.value { found = name.next; break }
                position = try skip(at: name.next)
            }
            guard let next = found else { return nil }
            current = next
        }
        guard case .string(let text) = try decodeValue(at: current).value else { return nil }
        return text
    }

    /// The offset after the value at `offset`.
    private mutating func skip(at offset: Int) throws(ReferenceDataError) -> Int {
        let field = try header(at: offset)
        if let next = field.next { return next }
        switch field.type {
        case 7, 11:
            return try decodeValue(at: offset).next
        case 14:
            return field.payload
        case 3:
            return field.payload + 8
        case 15:
            return field.payload + 4
        default:
            return field.payload + field.size
        }
    }
}
