import FSColumnar
import FSReports
import FSSnapshot
import Testing

@Suite struct GrowthTests {
    @Test func ticketsGrowthSplitsAtMidnightAndIncludesBothEnds() throws {
        let s = try Fixture.series(.ticketsGrowth, Fixture.request(from: "2026-11-18", to: "2026-11-20"))
        #expect(s.interval == .day)
        #expect(s.labels == ["2026-11-18", "2026-11-19", "2026-11-20"])
        // T1 at 11-18 23:59:59; T2 at 11-19 00:00:00 and T3; T4 on the last day.
        #expect(s.counts == [1, 2, 1])
    }

    @Test(arguments: [
        // (filter, expected counts for 11-18...11-20)
        (Fixture.request(from: "2026-11-18", to: "2026-11-20", mailbox: 1), [1, 1, 0]),  // T1, T3
        (Fixture.request(from: "2026-11-18", to: "2026-11-20", agent: 1), [1, 1, 0]),  // T1, T2
        (Fixture.request(from: "2026-11-18", to: "2026-11-20", product: 1), [1, 1, 1]),  // T1, T3, T4
        (Fixture.request(from: "2026-11-18", to: "2026-11-20", product: 2, mailbox: 2), [0, 1, 0]),  // T2
    ])
    func ticketsGrowthFilters(request: ReportRequest, expected: [Int]) throws {
        #expect(try Fixture.series(.ticketsGrowth, request).counts == expected)
    }

    @Test func resolveGrowthCountsOnlyTicketsStillClosed() throws {
        let s = try Fixture.series(.resolveGrowth, Fixture.request(from: "2026-11-18", to: "2026-11-20"))
        // T1 resolved 11-19 00:00:00, T2 11-19 23:59:59, T7 11-20 11:00; T3 was resolved 11-19
        // but is re-opened, so it no longer counts.
        #expect(s.counts == [0, 2, 1])
        let bob = try Fixture.series(.myResolveGrowth, Fixture.request(from: "2026-11-18", to: "2026-11-20", agent: 2))
        #expect(bob.counts == [0, 0, 1])  // T7 only
    }

    @Test func responseGrowthCountsAgentsResponsesOnly() throws {
        let s = try Fixture.series(.responseGrowth, Fixture.request(from: "2026-11-17", to: "2026-11-20"))
        // Agents' "response" rows: 10 (11-17), 2, 4, 6, 7 (11-19), 9 (11-20). Customers' 1 and 8,
        // the note 5 and internal_info 3 do not count.
        #expect(s.counts == [1, 0, 4, 1])
        let bob = try Fixture.series(.myResponseGrowth, Fixture.request(from: "2026-11-17", to: "2026-11-20", agent: 2))
        #expect(bob.counts == [1, 0, 1, 1])  // 10, 7, 9
        let bobOnTicketFilter = try Fixture.series(
            .responseGrowth, Fixture.request(from: "2026-11-17", to: "2026-11-20", agent: 2))
        #expect(bobOnTicketFilter.counts == bob.counts)
        // --product 2 keeps responses on T2 only: 4 and 6 on 11-19.
        let product = try Fixture.series(.responseGrowth, Fixture.request(from: "2026-11-17", to: "2026-11-20", product: 2))
        #expect(product.counts == [0, 0, 2, 0])
    }

    @Test func defaultRangeIsTheLast30DaysEndingToday() throws {
        let s = try Fixture.series(.responseGrowth, Fixture.request())
        #expect(s.labels.count == 31)
        #expect(s.labels.first == "2026-10-21")
        #expect(s.labels.last == "2026-11-20")
        #expect(s.total == 6)  // all six agent responses of November; 11 is on 10-05
        let onlyFrom = try Fixture.series(.ticketsGrowth, Fixture.request(from: "2026-11-19"))
        #expect(onlyFrom.labels == ["2026-11-19", "2026-11-20"])
    }

    @Test func singleDayIsHourlyWithAll24Hours() throws {
        let s = try Fixture.series(.ticketsGrowth, Fixture.request(from: "2026-11-19", to: "2026-11-19"))
        #expect(s.interval == .hour)
        #expect(s.labels.count == 24)
        #expect(s.labels[0] == "00:00 - 00:59")
        #expect(s.labels[23] == "23:00 - 23:59")
        var expected = [Int](repeating: 0, count: 24)
        expected[0] = 1  // T2 at 00:00:00
        expected[8] = 1  // T3 at 08:00:00
        #expect(s.counts == expected)
    }

    @Test func weeksStartAtFromAndTheLastIsCut() throws {
        let s = try Fixture.series(.ticketsGrowth, Fixture.request(from: "2026-11-01", to: "2026-11-20", interval: .week))
        // Windows 11-01..07, 11-08..14, 11-15..20 (cut): T7 (11-10); T1, T2, T3, T4.
        #expect(s.labels == ["2026-11-01", "2026-11-08", "2026-11-15"])
        #expect(s.counts == [0, 1, 4])
    }

    @Test func monthsAcrossAYearBoundaryStaySeparate() throws {
        let created = try Fixture.series(.ticketsGrowth, Fixture.request(from: "2025-12-15", to: "2026-01-10", interval: .month))
        #expect(created.labels == ["Dec 2025", "Jan 2026"])
        #expect(created.counts == [1, 1])  // T8 at 12-31 23:59:59, T9 at 01-01 00:00:00
        let resolved = try Fixture.series(.resolveGrowth, Fixture.request(from: "2025-12-15", to: "2026-01-10", interval: .month))
        #expect(resolved.counts == [0, 1])  // T8 resolved 2026-01-01 00:00:00
        // The same month of different years is not merged.
        let long = try Fixture.series(.ticketsGrowth, Fixture.request(from: "2025-11-01", to: "2026-11-30", interval: .month))
        #expect(long.labels.first == "Nov 2025")
        #expect(long.labels.last == "Nov 2026")
        #expect(long.labels.count == 13)
        #expect(long.counts[12] == 5)  // November 2026: T1, T2, T3, T4, T7
        #expect(long.counts[0] == 0)
    }

    @Test(
        arguments: [
            (0, Interval.hour), (1, .day), (62, .day), (63, .week), (181, .week), (182, .month), (800, .month),
        ] as [(Int64, Interval)])
    func autoIntervalThresholds(days: Int64, expected: Interval) {
        #expect(Buckets.autoInterval(days: days) == expected)
        let from = Fixture.d("2026-01-01")
        #expect(Buckets(from: from, to: from + days, interval: .auto).interval == expected)
    }

    @Test func emptyStoreStillListsEveryDate() throws {
        let s = try Fixture.series(
            .ticketsGrowth, Fixture.request(from: "2026-02-27", to: "2026-03-01"), store: ColumnarBuilder().build())
        #expect(s.labels == ["2026-02-27", "2026-02-28", "2026-03-01"])
        #expect(s.counts == [0, 0, 0])
    }
}
