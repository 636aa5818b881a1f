import ASTopology
import CaseStudies
import CountryAnalysis
import Foundation
import ReferenceData

/// A case's findings as one self-contained HTML page: the comparison, the published figures beside
/// ours, each country's profile and diagram, a what-if for each point of failure, and the sources.
/// Styles and diagrams are inline; the page fetches nothing.
public struct HTMLReport {
    /// One country's part of the report.
    public struct CountrySection: Sendable {
        /// The profile.
        public var profile: CountryProfile
        /// The topology diagram as SVG markup (empty to leave it out).
        public var diagramSVG: String
        /// The impact of removing each point of failure, in the profile's order.
        public var whatIfs: [WhatIfResult]
        /// The single AS failures that would cut the most of the country, largest first.
        public var worstFailures: [WorstFailure]

        /// Creates a section.
        public init(profile: CountryProfile, diagramSVG: String, whatIfs: [WhatIfResult], worstFailures: [WorstFailure] = []) {
            self.profile = profile
            self.diagramSVG = diagramSVG
            self.whatIfs = whatIfs
            self.worstFailures = worstFailures
        }
    }

    /// The case.
    public var study: CaseStudy
    /// The countries, in the case's order.
    public var sections: [CountrySection]
    /// The data sets read.
    public var sources: [DataSource]
    /// What path hygiene did.
    public var hygiene: PathHygiene.Report
    /// AS names for labels.
    public var names: [UInt32: String]
    /// When the report was made, as printed at its foot.
    public var generated: String
    /// The vantage points the figures rest on.
    public var view: VantagePointView
    /// What placed prefixes and ASes, and the reference data's problems.
    public var placement: PlacementSummary?
    /// The world side the cuts were measured from.
    public var core: CoreSummary?
    /// The command that makes this report again, printed at its foot.
    public var rerun: String

    /// Creates a report.
    public init(study: CaseStudy, sections: [CountrySection], sources: [DataSource], hygiene: PathHygiene.Report,
                names: [UInt32: String], generated: String, view: VantagePointView, placement: PlacementSummary? = nil,
                core: CoreSummary? = nil, rerun: String? = nil) {
        self.core = core
        self.rerun = rerun ?? "chokepoint report --case examples/\(study.name)"
        self.study = study
        self.sections = sections
        self.sources = sources
        self.hygiene = hygiene
        self.names = names
        self.generated = generated
        self.view = view
        self.placement = placement
    }

    /// The page.
    public var html: String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(study.title)) · Chokepoint</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <main>
            <header>
            <p class="kicker">Chokepoint case study · \(escape(study.name))</p>
            <h1>\(escape(study.title))</h1>
            \(study.summary.map { "<p class=\"lede\">\(escape($0))</p>" } ?? "")
            </header>

            """
        page += warningsBox()
        page += summaryCards()
        page += caveatsSection()
        page += comparisonSection()
        page += publishedSection()
        for section in sections { page += countrySection(section) }
        page += viewSection()
        page += methodSection()
        page += sourcesSection()
        page += "<footer>Made by Chokepoint on \(escape(generated)) from \(sources.count) data set\(sources.count == 1 ? "" : "s") "
            + "(listed under Data sources). Every figure above can be rerun with <code>\(escape(rerun))</code>.</footer>\n"
            + "</main>\n</body>\n</html>\n"
        return page
    }

    private func label(_ asn: UInt32) -> String {
        guard let name = names[asn], name != "AS\(asn)" else { return "AS\(asn)" }
        return "AS\(asn) <span class=\"name\">\(escape(name))</span>"
    }

    private func countryName(_ code: CountryCode) -> String {
        code.englishName ?? code.description
    }

    private func countryName(_ code: String) -> String {
        CountryCode(code).map(countryName) ?? code
    }

    private func warningsBox() -> String {
        guard !view.warnings.isEmpty else { return "" }
        return "<aside class=\"warnings\"><h2>Read these figures with care</h2>\n<ul>\n"
            + view.warnings.map { "<li>\(escape($0))</li>\n" }.joined()
            + "</ul>\n<p>See <a href=\"#view\">the view</a> for the vantage points behind every figure.</p></aside>\n"
    }

    private func viewSection() -> String {
        var html = "<section id=\"view\">\n<h2>The view: whose routes these figures rest on</h2>\n"
        if sections.contains(where: { $0.profile.routes == .simulated }) {
            html += "<p><strong>Simulated.</strong> No routing data was read. The vantage points below are no BGP sessions: each is an AS "
                + "of CAIDA's clique holding, for every prefix, the one best route CAIDA's relationships imply under the usual business "
                + "policy. They stand for one data set, so every figure has low confidence.</p>\n"
        }
        html += "<p>\(view.vantagePoints.count) vantage point\(view.vantagePoints.count == 1 ? "" : "s") (BGP sessions) at "
            + "\(view.collectors.count) collector\(view.collectors.count == 1 ? "" : "s") (\(escape(view.collectors.joined(separator: ", ")))); "
            + "\(view.fullFeedIPv4) full-feed for IPv4 (at least \(Int(view.fullFeedShare * 100))% of the largest one's prefixes). "
            + "\(view.included) count in the path metrics, in \(view.includedASes) distinct AS\(view.includedASes == 1 ? "" : "es"): "
            + "each AS is one witness, and witnesses are combined by a mean that drops the top and bottom "
            + "\(Int(view.trimmedFraction * 100))%.</p>\n"
        html += "<div class=\"table-wrap\"><table class=\"sources\">\n<thead><tr><th>collector</th><th>peer</th><th>address</th><th>IPv4 prefixes</th>"
            + "<th>IPv6 prefixes</th><th>routes read</th><th>feed</th><th>counts</th></tr></thead>\n<tbody>\n"
        for entry in view.vantagePoints {
            html += "<tr><td>\(escape(entry.collector))</td><td>\(label(entry.peerAS))\(entry.peerCountry.map { " (\($0))" } ?? "")</td>"
                + "<td>\(escape(entry.peerAddress))</td><td>\(entry.ipv4Prefixes)</td><td>\(entry.ipv6Prefixes)</td><td>\(entry.routes)</td>"
                + "<td>\(entry.fullFeedIPv4 ? "full" : "partial")</td><td>\(entry.included ? "yes" : "no")</td></tr>\n"
        }
        return html + "</tbody>\n</table></div>\n</section>\n"
    }

    /// What the data lets these figures say and what it does not: the view, what could not be
    /// placed, the dates, and the limits of the model.
    private func caveatsSection() -> String {
        var items: [String] = []
        let witnesses = view.includedASes
        if sections.contains(where: { $0.profile.routes == .simulated }) {
            items.append("<strong>Whose view.</strong> No routing data was read: every path metric rests on routes simulated over "
                + "CAIDA's inferred relationships, as \(witnesses) vantage points at the top of the hierarchy would hold them under the "
                + "usual business policy (a customer's route to everyone, a peer's or provider's only to customers; customer routes "
                + "preferred, then the shortest). They are one data set's inferences, not \(witnesses) independent views, so every "
                + "figure has low confidence; links the relationships miss are missing here, and a wrong relationship misroutes.")
        } else {
        items.append("<strong>Whose view.</strong> Every path metric rests on \(view.included) vantage point\(view.included == 1 ? "" : "s") "
            + "in \(witnesses) AS\(witnesses == 1 ? "" : "es") (\(witnesses) witness\(witnesses == 1 ? "" : "es")) of the "
            + "\(view.vantagePoints.count) at \(escape(view.collectors.joined(separator: ", "))). A path no witness saw is not here: "
            + "backup links, private interconnections and routes exported only to customers are invisible, so upstream counts and "
            + "cuts can only be as large as what was seen."
            + (witnesses < 3 ? " With fewer than three witnesses no odd view can be outvoted: read every share as one network's view." : ""))
        }
        if let placement {
            let unplaced = placement.ipv4Prefixes["unplaced"] ?? 0
            let total = placement.ipv4Prefixes.values.reduce(0, +)
            let filled = placement.ipv4Prefixes["rir-fill"] ?? 0
            var text = "<strong>Where things are.</strong> \(unplaced) of \(total) routed IPv4 prefixes ("
                + String(format: "%.1f%%", total > 0 ? Double(unplaced) / Double(total) * 100 : 0)
                + ") could not be placed in any country and count nowhere; \(placement.ases["unknown"] ?? 0) ASes are placed nowhere."
            if filled > 0 {
                text += " \(filled) prefixes were placed from a later file of a registry whose own file is cut short (see Data sources)."
            }
            text += " Places follow the registries' records (and any geolocation database given), not where cables land."
            items.append(text)
        }
        let dates = sources.compactMap { source in source.date.map { (role: source.role, date: $0) } }
        if let routing = dates.first(where: { $0.role == .rib })?.date {
            // Per kind of data set, how far its files are from the routing data; names only label.
            var far: [String] = []
            for role in DataSource.Role.allCases where ![.rib, .updates, .asNames].contains(role) {
                let days = dates.filter { $0.role == role }.map { Int(abs($0.date.secondsSinceEpoch - routing.secondsSinceEpoch) / 86_400) }
                guard let low = days.min(), let high = days.max(), high > 31 else { continue }
                far.append("\(escape(role.title)) \(low == high ? "\(low)" : "\(low) to \(high)") days")
            }
            if !far.isEmpty {
                items.append("<strong>Dates.</strong> The routing data is of \(escape(String(routing.description.prefix(10)))); "
                    + "other data sets are further from it: " + far.joined(separator: "; ")
                    + ". Networks, relationships and holders change in between; each file's date is under Data sources.")
            }
        }
        items.append("<strong>What the numbers say.</strong> A point of failure or a cut is a statement about BGP paths between "
            + "autonomous systems: which networks would have no route left if those ASes stopped carrying traffic. It says nothing "
            + "of physical cables, of a government's switch, or of traffic volumes. A transit cut counts ASes (and, for the score, "
            + "companies) short of the core of the Internet's largest networks"
            + (core.map { ", here \($0.asns.count) ASes" } ?? "")
            + "; the core itself is assumed not to fail. Cut sizes in companies are the companies of the AS cut found: fewer may do.")
        return "<section id=\"caveats\">\n<h2>What these figures can and cannot say</h2>\n<ul class=\"caveats\">\n"
            + items.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n</section>\n"
    }

    private func summaryCards() -> String {
        var html = "<section class=\"cards\">\n"
        for section in sections {
            let profile = section.profile
            let line: String
            if let first = profile.transitPointsOfFailure.first {
                line = "Every path crosses \(label(first.asn))"
            } else if profile.singleOrigin, let origin = profile.originASes.first {
                line = "One origin, \(label(origin)), holds all its networks"
            } else if let first = profile.pointsOfFailure.first {
                line = "Every path ends through \(label(first.asn))"
            } else {
                line = "No single AS cuts it off"
            }
            html += """
                <div class="card tier-\(profile.tier.rawValue)">
                <div class="cc">\(profile.country)</div>
                <div class="country">\(escape(countryName(profile.country)))</div>
                <div class="score">\(profile.score.map { String(format: "%.1f", $0) } ?? "n/a")<span>/100</span></div>
                <div class="confidence">\(profile.confidence.rawValue) confidence · \(profile.witnessASes)\(profile.routes == .simulated ? " simulated" : "") witness\(profile.witnessASes == 1 ? "" : "es")</div>
                <div class="tier">\(profile.tier.rawValue) risk tier</div>
                <div class="facts">\(profile.networks) networks · \(profile.upstreamCount) upstream\(profile.upstreamCount == 1 ? "" : "s") · transit cut \(escape(ComparisonTable.format(profile.transitCuts.kappa)))</div>
                <div class="verdict">\(line)</div>
                </div>

                """
        }
        return html + "</section>\n"
    }

    private func comparisonSection() -> String {
        let table = ComparisonTable(profiles: sections.map(\.profile)).table
        var html = "<section>\n<h2>Side by side</h2>\n<div class=\"table-wrap\"><table class=\"compare\">\n<thead><tr><th></th>"
        for code in table.header.dropFirst() { html += "<th>\(escape(code))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr><th>\(escape(row[0]))</th>" + row.dropFirst().map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table></div>\n<p class=\"note\">The transit cut is the fewest ASes, short of the core of large "
            + "transit networks, whose loss disconnects every network of the country, its own origins not counted; \"core (N ways)\" "
            + "means only the core's failure cuts it off, by N disjoint ways in; ≥ marks a search stopped at its limit; \"none\" that "
            + "no such cut exists. Score: 0 is one cut away from isolation, 100 is many independent paths.</p>\n</section>\n"
    }

    private func publishedSection() -> String {
        guard !study.published.isEmpty else { return "" }
        var html = "<section>\n<h2>Beside the published figures</h2>\n"
        for figures in study.published {
            html += "<p>" + escape(figures.source)
            if let title = figures.title {
                html += ", " + link(figures.url, text: title, plain: "<cite>\(escape(title))</cite>")
            } else if let url = figures.url {
                html += ", " + link(url, text: url, plain: escape(url))
            }
            if let date = figures.date { html += " (\(escape(date)))" }
            html += ".</p>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>country</th><th>networks published</th><th>networks here</th>"
                + "<th>difference</th><th>upstreams published</th><th>upstreams here</th></tr></thead>\n<tbody>\n"
            for section in sections {
                let profile = section.profile
                let code = profile.country.description
                let published = figures.networks[code]
                let difference = published.map { value -> String in
                    let delta = profile.networks - value
                    let percent = value == 0 ? "" : String(format: " (%+.0f%%)", Double(delta) / Double(value) * 100)
                    return (delta > 0 ? "+" : "") + "\(delta)" + percent
                } ?? "–"
                let publishedUpstreams = figures.upstreams[code].map { $0.map { label($0) }.joined(separator: ", ") } ?? "–"
                let ours = profile.upstreams.prefix(4).map { label($0.asn) }.joined(separator: ", ")
                    + (profile.upstreams.count > 4 ? " and \(profile.upstreams.count - 4) more" : "")
                let agrees = figures.upstreams[code].map { Set($0) == Set(profile.upstreams.map(\.asn)) }
                html += "<tr><th>\(code) \(escape(countryName(profile.country)))</th>"
                    + "<td>\(published.map(String.init) ?? "–")</td><td>\(profile.networks)</td><td>\(difference)</td>"
                    + "<td>\(publishedUpstreams)</td><td\(agrees == true ? " class=\"agree\"" : "")>\(ours.isEmpty ? "–" : ours)</td></tr>\n"
            }
            html += "</tbody>\n</table></div>\n"
            if let notes = figures.notes { html += "<p class=\"note\">\(escape(notes))</p>\n" }
        }
        html += "<p class=\"note\">Networks here are the distinct routed IPv4 prefixes located in each country on the case's "
            + "dates; a published count made from other collectors over another period counts other more-specific prefixes.</p>\n"
        return html + "</section>\n"
    }

    private func countrySection(_ section: CountrySection) -> String {
        let profile = section.profile
        let detail = ProfileDetail(profile: profile, names: [:])
        var html = "<section class=\"country-section\" id=\"\(profile.country)\">\n"
        html += "<h2>\(escape(countryName(profile.country))) <span class=\"code\">\(profile.country)</span></h2>\n"
        html += "<p class=\"facts\">\(profile.networks) routed networks (\(String(format: "%.1f", profile.addressSpace24)) /24s) "
            + "from \(profile.originASes.count) origin AS\(profile.originASes.count == 1 ? "" : "es"); "
            + "\(profile.borderASes.count) border AS\(profile.borderASes.count == 1 ? "" : "es"), "
            + "\(profile.upstreamCount) international upstream\(profile.upstreamCount == 1 ? "" : "s") "
            + "(effective \(String(format: "%.2f", profile.effectiveUpstreams))), as \(profile.witnessASes) "
            + (profile.routes == .simulated ? "simulated " : "") + "witness\(profile.witnessASes == 1 ? "" : "es") saw them (\(profile.confidence.rawValue) confidence); " + scoreSentence(profile) + "</p>\n"
        if !section.diagramSVG.isEmpty {
            html += "<figure class=\"diagram\">\(inlineSVG(section.diagramSVG, prefix: profile.country.description))"
                + "<figcaption>Red: a point of failure (its loss cuts off at least 99% of the country's space); orange: "
                + "critical (at least half). \"Carries\" and edge width: the share of the country's space with an observed path "
                + "through the AS or along the edge. The legend is in the picture.</figcaption></figure>\n"
        }
        html += "<div class=\"columns\">\n<div>\n<h3>International upstreams seen on paths</h3>\n" + htmlTable(detail.upstreams)
        if !profile.possibleUpstreams.isEmpty {
            html += "<h3>Possible upstreams not seen on paths</h3>\n<p class=\"note\">Foreign providers of the country's ASes "
                + "by CAIDA's AS relationships that no witness saw carry its routes; they get no share.</p>\n" + htmlTable(detail.possibleUpstreams)
        }
        html += "<h3>Upstream organisations</h3>\n<p class=\"note\">Sibling ASes of one holder are one company here.</p>\n"
            + htmlTable(detail.upstreamOrganisations)
        html += "<h3>Hegemony</h3>\n<p class=\"note\">The share of the country's space whose paths cross each AS, as a typical "
            + "witness sees it (trimmed mean).</p>\n" + htmlTable(detail.hegemony(limit: 8))
        html += "</div>\n<div>\n<h3>Critical ASes</h3>\n"
            + (profile.criticalASes.isEmpty ? "<p>None: no AS alone carries half the country.</p>\n" : htmlTable(detail.criticalASes))
        html += "<h3>Companies at the frontier</h3>\n" + htmlTable(detail.borderOrganisations)
        if profile.servedFromAbroad > 0 {
            html += "<p class=\"note\">" + String(format: "%.1f%%", profile.servedFromAbroad * 100)
                + " of the country's space is originated by foreign ASes (served from abroad): they are its upstreams for that space.</p>\n"
        }
        if !profile.unknownASes.isEmpty {
            html += "<p class=\"note\">ASes placed nowhere on the paths, skipped by the border walk: "
                + profile.unknownASes.map { label($0) }.joined(separator: ", ") + ".</p>\n"
        }
        html += "<h3>Minimum cuts</h3>\n" + htmlTable(detail.cuts) + "</div>\n</div>\n"
        for result in section.whatIfs {
            let removed = result.removed.map { label($0) }.joined(separator: ", ")
            html += "<h3>What if \(removed) failed?</h3>\n"
            let affected = result.countries  // largest share first, as the analyzer orders them
            let own = affected.first { $0.country == profile.country.description }
            html += "<p>\(profile.country) would lose \(own.map { "\($0.networksCut) of its \($0.networks) networks with a known origin (" + $0.shareCutText + " of its space)" } ?? "no network"); "
                + CountryCode.count(affected.map(\.country)) + " in all would lose networks.</p>\n"
            var shown = result
            shown.countries = Array(affected.prefix(8))
            var table = WhatIfTable(result: shown).table
            table.rows = zip(shown.countries, table.rows).map { impact, row in
                [CountryCode.label(impact.country) + " " + countryName(impact.country)] + row.dropFirst()
            }
            html += htmlTable(table)
            if affected.count > 8 {
                html += "<p class=\"note\">and \(CountryCode.count(affected.dropFirst(8).map(\.country))) more, each losing less.</p>\n"
            }
            html += "<p class=\"note\">" + (result.routing == .policy
                ? "Under routing policy: a network is cut when no valley-free route joins the core to any of its origins. "
                : "Any path of the graph counts. ")
                + "Own: networks every origin of which failed; collateral: other ASes' networks left with no route.</p>\n"
        }
        if !section.worstFailures.isEmpty {
            let count = section.worstFailures.count
            html += "<h3>The \(count == 1 ? "single failure" : "\(count) single failures") that would cut the most</h3>\n"
            var table = WorstFailuresTable(country: profile.country.description, failures: section.worstFailures, routing: .policy).table
            // The AS cell gets its name from the report's own labels.
            table.rows = table.rows.map { row in [row[0]] + row.dropFirst(2) }
            table.header = [table.header[0]] + table.header.dropFirst(2)
            html += htmlTable(table)
            html += "<p class=\"note\">Each AS failing alone, under routing policy; only the ASes on the country's best routes from "
                + "the core can cut anything, and every one of those was tried.</p>\n"
        }
        return html + "</section>\n"
    }

    /// What the reference data could not place, its defects, and where organisations came from.
    private func dataNotes() -> String {
        var html = ""
        let organisationDates = sources.filter { $0.role == .organisations }.compactMap(\.date)
        let routingDates = sources.filter { $0.role == .rib || $0.role == .updates }.compactMap(\.date)
        if let organisation = organisationDates.first, let routing = routingDates.first {
            let years = abs(organisation.components.year - routing.components.year)
            html += "<p class=\"note\">Organisations (which ASes one company holds) come from the files dated "
                + "\(escape(String(organisation.description.prefix(10))))"
                + (years > 0 ? ", \(years) year\(years == 1 ? "" : "s") from the routing data: the nearest that cover all five registries. " : ". ")
                + "An AS's country is where most of the space it originates lies, else its organisation's, else its registration's.</p>\n"
        }
        guard let placement else { return html }
        let placed = placement.ipv4Prefixes.filter { $0.key != "unplaced" }.values.reduce(0, +)
        let unplaced = placement.ipv4Prefixes["unplaced"] ?? 0
        html += "<p class=\"note\">Placed: \(placed) of \(placed + unplaced) routed IPv4 prefixes ("
            + placement.ipv4Prefixes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "); ASes by "
            + placement.ases.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ".</p>\n"
        if !placement.warnings.isEmpty {
            html += "<ul class=\"data-warnings\">\n" + placement.warnings.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        return html
    }

    private func scoreSentence(_ profile: CountryProfile) -> String {
        guard let score = profile.score else { return "no score: \(escape(profile.scoreReason ?? "nothing to measure"))." }
        return "score \(String(format: "%.1f", score)) = cut \(String(format: "%.1f", profile.scoreParts.cut)) + diversity "
            + "\(String(format: "%.1f", profile.scoreParts.diversity)) + dominance \(String(format: "%.1f", profile.scoreParts.dominance))."
    }

    /// A table whose cells of the form `AS123` get the AS's name; it scrolls sideways rather than
    /// being cut when the page is narrower than it.
    private func htmlTable(_ table: TextTable) -> String {
        var html = "<div class=\"table-wrap\"><table>\n<thead><tr>" + table.header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.map { cell in
                if cell.hasPrefix("AS"), let asn = UInt32(cell.dropFirst(2)) { return "<td>\(label(asn))</td>" }
                return "<td>\(escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }

    private func methodSection() -> String {
        """
        <section>
        <h2>How it is measured</h2>
        <dl class="method">
        <dt>Networks</dt><dd>Distinct routed prefixes whose address space the delegation files place in the country.</dd>
        <dt>Border AS</dt><dd>A domestic AS with a foreign neighbour toward the rest of the world, by observed paths or CAIDA relationships. ASes placed nowhere are skipped, never taken for the frontier.</dd>
        <dt>Where an AS is</dt><dd>The country holding most of the address space it originates (at least a /24, more than half); else its organisation's country; else its registration. Networks whose origins are all foreign are served from abroad: their origin is their upstream.</dd>
        <dt>Organisation</dt><dd>The company holding an AS, from CAIDA's AS Organizations or the registries' holder ids; sibling ASes count once in shares, the effective number of upstream organisations, the frontier (tier) and the cut that enters the score.</dd>
        <dt>Witness</dt><dd>A vantage point (a BGP session of a collector) that sees the whole table; several in one AS are one witness. A vantage point's own AS is dropped from its paths: it is never an upstream merely because it exports the routes.</dd>
        <dt>Upstream share</dt><dd>For each witness, each network's address space split equally over the international upstreams its paths show, as a share of the space the witness saw cross the border; witnesses combined by a trimmed mean (the top and bottom 10% dropped), then scaled to sum to 1. Providers known only from CAIDA's relationships are listed apart and get no share.</dd>
        <dt>Under routing policy</dt><dd>Routes simulated over the AS relationships: a customer's route is passed to everyone, a peer's or a provider's only to customers; customer routes are preferred to peer routes to provider routes, then the shortest, every equally good one kept. What-ifs count a network as cut when no such route joins the core to any of its origins.</dd>
        <dt>Hegemony</dt><dd>For each witness, the share of the country's space whose paths cross an AS (the network's own origin left out); trimmed mean over witnesses, as IHR's AS hegemony.</dd>
        <dt>Effective upstreams E</dt><dd>1 / HHI, where HHI = Σ share²: the number of equal upstreams with the same concentration.</dd>
        <dt>Core</dt><dd>The inferred clique and every AS whose customer cone holds more than 1,000 ASes: the rest of the world's side of every cut, never removable.</dd>
        <dt>Transit cut</dt><dd>The fewest ASes, short of the core, whose removal leaves no path to any of the country's origins, the origins themselves not removable (a minimum vertex cut); international allows only foreign ASes to fail, domestic only domestic ones. When no such cut exists the country is cut off only if the core fails: the cut "reaches the core", counted in the disjoint ways in.</dd>
        <dt>Point of failure</dt><dd>An AS that dominates (lies on every path to) origins holding at least 99% of the country's space; critical: at least 50%. Transit points of failure leave the country's own origins out; a single origin is named apart.</dd>
        <dt>Score</dt><dd>40 × min(1, log₂(1+κ)/log₂ 41) + 30 × min(1, log₂(1+E)/log₂ 21) + 30 × (1 − the largest share any one AS dominates), κ the transit cut and E counted in organisations; a cut that reaches the core counts its ways in, a country nothing can cut earns the full 40, and an origin that dominates the country's space takes the dominance points.</dd>
        <dt>Risk tier</dt><dd>From the number of companies at the frontier (border organisations), as Renesys counted: 1–2 severe, 3–9 significant, 10–40 low, more than 40 resistant.</dd>
        </dl>
        <p class="note">Paths read: \(hygiene.paths), kept \(hygiene.kept) after hygiene (prepending collapsed in \(hygiene.prependingCollapsed), \(hygiene.loopsDropped) with loops and \(hygiene.reservedDropped) with reserved AS numbers dropped, \(hygiene.setsTruncated) cut at an AS_SET).</p>
        </section>

        """
    }

    private func sourcesSection() -> String {
        var html = "<section>\n<h2>Data sources</h2>\n<div class=\"table-wrap\"><table class=\"sources\">\n<thead><tr><th>data set</th><th>date</th><th>file</th></tr></thead>\n<tbody>\n"
        for source in sources {
            let name = source.location.split(separator: "/").last.map(String.init) ?? source.location
            let link = link(source.location, text: name, plain: escape(source.location))
            let date = source.date.map { String($0.description.prefix(source.role == .rib || source.role == .updates ? 16 : 10)) } ?? "–"
            html += "<tr><td>\(escape(source.role.title))</td><td>\(escape(date))</td><td>\(link)</td></tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        html += dataNotes()
        html += "<p class=\"note\">RouteViews (University of Oregon), RIPE RIS, CAIDA's RouteViews "
            + "prefix-to-AS and AS relationship data sets, and the five Regional Internet Registries' delegation statistics.</p>\n"
        return html + "</section>\n"
    }

    /// Strips the XML prologue, prefixes ids so several diagrams can share the page, and lets the
    /// picture shrink to the column.
    private func inlineSVG(_ svg: String, prefix: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        var body = String(svg[start.lowerBound...])
        body = body.replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)-")
            .replacingOccurrences(of: "url(#", with: "url(#\(prefix)-")
            .replacingOccurrences(of: "href=\"#", with: "href=\"#\(prefix)-")
        return body
    }

    /// A link to `url` when it is an `http:` or `https:` URL; anything else (`javascript:`, `data:`,
    /// a local path) is shown as `plain` text, never made clickable.
    private func link(_ url: String?, text: String, plain: String) -> String {
        guard let url, Self.isWebURL(url) else { return plain }
        return "<a href=\"\(escape(url))\">\(escape(text))</a>"
    }

    /// Whether `url` is an absolute http(s) URL with a host.
    static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
        let rest = lower.drop(while: { $0 != "/" }).dropFirst(2)
        return !rest.isEmpty && !rest.hasPrefix("/") && !url.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F }
    }

    private func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    static let style = """
        :root{--ink:#1d2330;--muted:#5b6475;--rule:#d9dde5;--bg:#fbfbfd;--severe:#c62828;--significant:#ef6c00;--low:#2e7d32;--resistant:#1565c0}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
        main{max-width:1180px;margin:0 auto;padding:32px 28px 48px}
        h1{font-size:2.1rem;line-height:1.2;margin:.2rem 0 .8rem}
        h2{font-size:1.45rem;margin:2.4rem 0 .8rem;padding-top:1rem;border-top:1px solid var(--rule)}
        h3{font-size:1.05rem;margin:1.4rem 0 .5rem}
        .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:.78rem;color:var(--muted);margin:0}
        .lede{font-size:1.1rem;max-width:60rem;color:#2c3342}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:16px;margin:1.6rem 0}
        .card{background:#fff;border:1px solid var(--rule);border-top:6px solid var(--muted);border-radius:8px;padding:14px 16px}
        .card.tier-severe{border-top-color:var(--severe)}.card.tier-significant{border-top-color:var(--significant)}
        .card.tier-low{border-top-color:var(--low)}.card.tier-resistant{border-top-color:var(--resistant)}
        .card .cc{font-weight:700;font-size:.85rem;color:var(--muted)}.card .country{font-size:1.2rem;font-weight:600}
        .card .score{font-size:2.2rem;font-weight:700;line-height:1.1;margin-top:.3rem}.card .score span{font-size:1rem;color:var(--muted);font-weight:400}
        .card .confidence{font-size:.85rem;color:var(--muted)}
        aside.warnings{background:#fff8e1;border:1px solid #f0c36d;border-left:6px solid #e0a800;border-radius:8px;padding:10px 16px;margin:1.2rem 0}
        aside.warnings h2{font-size:1.05rem;margin:.2rem 0 .4rem;padding:0;border:0}aside.warnings ul{margin:.2rem 0 .4rem;padding-left:1.2rem}
        aside.warnings p{margin:.2rem 0;font-size:.9rem}
        .card .tier{font-size:.9rem;color:var(--muted)}.card .facts{margin-top:.4rem;font-size:.92rem}.card .verdict{margin-top:.3rem;font-size:.92rem;font-weight:600}
        table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;background:#fff;font-size:.93rem}
        th,td{border-bottom:1px solid var(--rule);padding:6px 10px;text-align:left;vertical-align:top}
        thead th{background:#eef1f6;font-weight:600}
        table.compare td{font-variant-numeric:tabular-nums}table.compare tbody th{font-weight:500;color:#2c3342;white-space:nowrap}
        td.agree{background:#e8f5e9}
        .name{color:var(--muted)}
        .code{color:var(--muted);font-weight:400}
        .facts{max-width:64rem}
        .note{color:var(--muted);font-size:.9rem;max-width:64rem}
        figure.diagram{margin:1rem 0;background:#fff;border:1px solid var(--rule);border-radius:8px;padding:12px;overflow-x:auto}
        figure.diagram svg{display:block;max-width:100%;height:auto;margin:0 auto}
        figcaption{color:var(--muted);font-size:.85rem;margin-top:.5rem}
        .columns{display:grid;grid-template-columns:1fr 1fr;gap:24px}
        @media (max-width:900px){.columns{grid-template-columns:1fr}}
        dl.method{display:grid;grid-template-columns:12rem 1fr;gap:.4rem 1rem}dl.method dt{font-weight:600}dl.method dd{margin:0}
        table.sources td:last-child{word-break:break-all}
        code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em}
        footer{margin-top:3rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--rule);padding-top:1rem}
        a{color:#1f5fbf}
        .table-wrap{overflow-x:auto;max-width:100%}
        .table-wrap table{width:auto;min-width:100%}
        ul.caveats{max-width:64rem;padding-left:1.2rem}ul.caveats li{margin:.3rem 0}
        @media print{
        @page{margin:14mm}
        body{background:#fff;font-size:10.5pt}
        main{max-width:none;padding:0}
        h2{break-after:avoid;page-break-after:avoid}
        h3{break-after:avoid;page-break-after:avoid}
        .cards{grid-template-columns:repeat(2,1fr)}
        .card,aside.warnings,figure.diagram,tr{break-inside:avoid;page-break-inside:avoid}
        .country-section{break-before:page;page-break-before:always}
        .table-wrap{overflow:visible}
        table{font-size:8.5pt}th,td{padding:3px 6px}
        table.compare tbody th{white-space:normal}
        figure.diagram{border:0;padding:0}
        figure.diagram svg{max-width:100%;max-height:230mm;width:auto}
        .columns{grid-template-columns:1fr}
        a{color:inherit;text-decoration:none}
        }
        """
}
