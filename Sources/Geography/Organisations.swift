import ReferenceData

/// Which organisation holds each AS: from CAIDA's AS Organizations data where it is given, and
/// from the opaque holder ids of the RIRs' extended delegation files (one id, one holder) for the
/// ASes it lacks. An AS no source knows stands for itself.
public struct Organisations: Sendable {
    /// One organisation.
    public struct Organisation: Hashable, Sendable {
        /// A stable id: CAIDA's org id, or `<registry>:<opaque id>`.
        public var id: String
        /// Its name, when a source gives one (the RIR files give none).
        public var name: String?
        /// Its country: CAIDA's, or the country most of the holder's delegations name.
        public var country: CountryCode?
        /// Where it comes from: `caida` or the registry's name.
        public var source: String
        /// Its ASes, in order.
        public var asns: [UInt32]

        /// An organisation from its parts.
        public init(id: String, name: String?, country: CountryCode?, source: String, asns: [UInt32]) {
            self.id = id
            self.name = name
            self.country = country
            self.source = source
            self.asns = asns
        }
    }

    /// Every organisation.
    public private(set) var all: [Organisation] = []
    private var byAS: [UInt32: Int] = [:]
    private var byID: [String: Int] = [:]
    /// AS names from the CAIDA data (handles such as `CHINA169-BACKBONE`).
    public private(set) var asNames: [UInt32: String] = [:]

    /// No organisations: every AS stands for itself.
    public init() {}

    /// Organisations from CAIDA's data set, then the delegation files' holder ids for ASes CAIDA lacks.
    public init(caida: [ASOrganizationsFile.Contents] = [], delegations: [DelegationFile.Contents] = []) {
        for contents in caida {
            var index: [String: Int] = [:]
            for system in contents.systems.values.sorted(by: { $0.asn < $1.asn }) where byAS[system.asn] == nil {
                if !system.name.isEmpty { asNames[system.asn] = system.name }
                let slot: Int
                if let known = index[system.organizationID] {
                    slot = known
                } else {
                    let organization = contents.organizations[system.organizationID]
                    slot = all.count
                    index[system.organizationID] = slot
                    all.append(Organisation(id: system.organizationID, name: organization.flatMap { $0.name.isEmpty ? nil : $0.name },
                                            country: organization?.country, source: "caida", asns: []))
                }
                all[slot].asns.append(system.asn)
                byAS[system.asn] = slot
            }
        }
        // One holder's records share an opaque id within its registry's file. Half a million records
        // name a holder: each finds its holder's slot in one lookup (three before, with the holder's
        // lists held in the dictionary), and the holders are kept in the order first met.
        var slotOfID: [String: Int] = [:]
        var holderIDs: [String] = []
        var holderASNs: [[UInt32]] = []
        var holderCountries: [[CountryCode: Int]] = []
        for file in delegations {
            for record in file.records where record.isDelegated {
                guard let opaque = record.opaqueID, !opaque.isEmpty else { continue }
                let id = "\(record.registry):\(opaque)"
                let slot = slotOfID[id] ?? holderIDs.count
                if slot == holderIDs.count {
                    slotOfID[id] = slot
                    holderIDs.append(id)
                    holderASNs.append([])
                    holderCountries.append([:])
                }
                if let country = record.country { holderCountries[slot][country, default: 0] += 1 }
                if case .asns(let first, let count) = record.resource {
                    for asn in UInt64(first)..<min(UInt64(first) + UInt64(count), UInt64(first) + 65_536) {
                        holderASNs[slot].append(UInt32(asn))
                    }
                }
            }
        }
        for (slot, organisation) in all.enumerated() { byID[organisation.id] = slot }
        for (holder, id) in holderIDs.enumerated() {
            let members = holderASNs[holder].filter { byAS[$0] == nil }
            guard !members.isEmpty else { continue }
            let country = holderCountries[holder].max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
            let slot = all.count
            all.append(Organisation(id: id, name: nil, country: country, source: String(id.prefix { $0 != ":" }),
                                    asns: members.sorted()))
            for asn in members { byAS[asn] = slot }
            byID[id] = slot
        }
    }

    /// Organisations made before (`all` and `asNames`), stored and read back: each AS in the
    /// organisation listing it, each id naming the last organisation with it, as when made.
    public init(all: [Organisation], asNames: [UInt32: String]) {
        self.all = all
        self.asNames = asNames
        // Sized once: growing them step by step took most of the time of reading the cache.
        byID.reserveCapacity(all.count)
        byAS.reserveCapacity(all.reduce(0) { $0 + $1.asns.count })
        for (slot, organisation) in all.enumerated() {
            byID[organisation.id] = slot
            for asn in organisation.asns where byAS[asn] == nil { byAS[asn] = slot }
        }
    }

    /// The organisation with `id`, when there is one.
    public func organisation(withID id: String) -> Organisation? {
        byID[id].map { all[$0] }
    }

    /// The organisation holding `asn`, when a source knows it.
    public func organisation(of asn: UInt32) -> Organisation? {
        byAS[asn].map { all[$0] }
    }

    /// The position in `all` of the organisation holding `asn`, when a source knows it.
    public func index(of asn: UInt32) -> Int? {
        byAS[asn]
    }

    /// The id of the organisation holding `asn`, or `AS<asn>` for an AS no source knows.
    public func id(of asn: UInt32) -> String {
        byAS[asn].map { all[$0].id } ?? "AS\(asn)"
    }

    /// How many ASes the sources place in an organisation.
    public var assignedASes: Int { byAS.count }
}
