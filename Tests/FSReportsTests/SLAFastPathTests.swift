import FSColumnar
import FSSnapshot
import Testing

@testable import FSReports

/// The SLA report's calendar-clock fast path (``SLA/calendarCounts``: contiguous slices,
/// one-byte priority codes, two threads on big ranges) against its general path on the
/// generated snapshot of ``SQLOracleTests`` (priorities normal, medium and critical). The
/// general path runs with `--by priority`; its summary counts every sample and open ticket
/// once, as the ungrouped summary must.
@Suite struct SLAFastPathTests {
    typealias Oracle = SQLOracleTests

    static let reports: ReportColumns = {
        let snapshot = try! Snapshot(path: Oracle.fixture.path, mode: .readOnly)
        return try! ReportColumns.load(snapshot, store: Oracle.fixture.store)
    }()

    /// Every kind's target differs by priority, and one priority has none (nor a default)
    /// for first and next responses; the second set has one reply target for all.
    static let targetSets: [SLATargets] = [
        SLATargets(
            clock: .calendar,
            targets: [
                .firstResponse: .init(byPriority: ["critical": 1800, "normal": 4 * 3600]),
                .nextResponse: .init(byPriority: ["critical": 3600, "medium": 6 * 3600]),
                .resolution: .init(byPriority: ["critical": 12 * 3600, "medium": 48 * 3600], defaultSeconds: 96 * 3600),
            ]),
        SLATargets(
            clock: .calendar,
            targets: [
                .firstResponse: .init(byPriority: ["critical": 3600, "medium": 4 * 3600], defaultSeconds: 8 * 3600),
                .nextResponse: .init(defaultSeconds: 8 * 3600),
                .resolution: .init(byPriority: ["critical": 24 * 3600], defaultSeconds: 120 * 3600),
            ]),
    ]

    static let ranges: [(from: Int64, to: Int64)] = [
        (Oracle.today - 29, Oracle.today), (Oracle.today - 3, Oracle.today - 3), (Oracle.today - 399, Oracle.today),
    ]

    static func run(_ targets: SLATargets, _ range: (from: Int64, to: Int64), by: ResponseTimes.Dimension? = nil)
        throws -> SLA.Result
    {
        try SLA.run(
            store: Oracle.fixture.store, reports: reports, targets: targets, business: nil,
            request: .init(from: range.from, to: range.to, by: by, now: Oracle.now))
    }

    @Test(arguments: 0..<2, 0..<3)
    func fastPathEqualsTheGeneralPath(_ set: Int, _ range: Int) throws {
        let targets = Self.targetSets[set]
        let fast = try Self.run(targets, Self.ranges[range])
        let general = try Self.run(targets, Self.ranges[range], by: .priority)
        #expect(fast.groups == nil && general.groups != nil)
        #expect(fast.summary == general.summary)
        #expect(fast.openBreaches == general.openBreaches)
        // The per-priority groups add up to it as well.
        for kind in targets.kinds {
            let groups = general.groups!.compactMap { $0.counts[kind] }
            #expect(groups.reduce(0) { $0 + $1.met } == fast.summary[kind]?.met)
            #expect(groups.reduce(0) { $0 + $1.breached } == fast.summary[kind]?.breached)
            #expect(groups.reduce(0) { $0 + $1.breachedOpen } == fast.summary[kind]?.breachedOpen)
        }
        // Without the loaded SLA columns the fast path lays them out itself: same result.
        let unaligned = try SLA.run(
            store: Oracle.fixture.store, columns: Self.reports.responses, extras: Self.reports.tickets, targets: targets,
            business: nil, request: .init(from: Self.ranges[range].from, to: Self.ranges[range].to, now: Oracle.now))
        #expect(unaligned == fast)
        if range != 1 {
            // Both outcomes of every kind occur, so a comparison flipped either way would show.
            for kind in targets.kinds {
                let c = fast.summary[kind]!
                #expect(c.met > 0 && c.breached > 0, "\(kind)")
            }
        }
    }

    @Test func aPriorityWithoutATargetIsNotJudged() throws {
        // First responses: medium tickets have no target in the first set.
        let targets = Self.targetSets[0]
        let all = try Self.run(targets, Self.ranges[2], by: .priority)
        let medium = all.groups!.first { $0.name == "medium" }!
        #expect(medium.counts[.firstResponse] == SLA.Counts())
        #expect(medium.counts[.resolution].map { $0.met + $0.breached }! > 0)
        let fast = try Self.run(targets, Self.ranges[2])
        let judged = all.groups!.filter { $0.name != "medium" }.reduce(0) {
            $0 + $1.counts[.firstResponse]!.met + $1.counts[.firstResponse]!.breached
        }
        #expect(fast.summary[.firstResponse].map { $0.met + $0.breached } == judged)
    }

    @Test func theTwoHalvesAddUpToOneScan() throws {
        // The split the report uses on big ranges, forced on the fixture's all-time range.
        let store = Oracle.fixture.store
        let columns = Self.reports.responses
        let tables = SLATargets.Kind.allCases.map { kind in
            Self.targetSets[0].table(kind, names: Self.reports.tickets.priorityNames).map { $0 ?? -1 }
        }
        let seconds = ResponseTimes.secondsRange(Self.ranges[2].from...Self.ranges[2].to)
        let closed = store.closedResolvedAt.withUnsafeBufferPointer { r in
            let lo = lowerBound(r, seconds.lowerBound, in: 0..<r.count)
            return lo..<lowerBound(r, seconds.upperBound, in: lo..<r.count)
        }
        let scans = SLA.SampleScans(
            store: store, columns: columns, aligned: Self.reports.sla, priority: Self.reports.tickets.priority,
            tables: tables.map { table in (0..<256).map { SLA.Target($0 < table.count ? table[$0] : -1) } },
            frt: columns.frtRange(seconds), replies: columns.sampleRange(seconds), uniformReply: nil, closed: closed)
        #expect(scans.samples > 1000)
        let whole = scans.run(part: 0, of: 1)
        let halves = zip(scans.run(part: 0, of: 2), scans.run(part: 1, of: 2)).map { $0 + $1 }
        #expect(halves.map(\.judged) == whole.map(\.judged) && halves.map(\.met) == whole.map(\.met))
        // ...and equal the report's summary of the same range.
        let r = try Self.run(Self.targetSets[0], Self.ranges[2])
        for kind in SLATargets.Kind.allCases {
            #expect(r.summary[kind]?.met == whole[kind.rank].met)
            #expect(r.summary[kind].map { $0.met + $0.breached } == whole[kind.rank].judged)
        }
    }
}
