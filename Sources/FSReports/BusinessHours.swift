import FSColumnar
import FSSnapshot

#if canImport(Glibc)
    import Glibc
#endif

/// The configured business hours: one schedule, and optionally other schedules for some
/// mailboxes (by mailbox id). A ticket's business time follows its mailbox's schedule,
/// else the default one.
public struct BusinessHours: Sendable, Equatable {
    public var schedule: BusinessSchedule
    public var mailboxes: [Int64: BusinessSchedule]

    public init(schedule: BusinessSchedule, mailboxes: [Int64: BusinessSchedule] = [:]) {
        self.schedule = schedule
        self.mailboxes = mailboxes
    }
}

/// ``BusinessHours`` ready for one store: a ``BusinessClock`` per schedule, tabulated over
/// the store's days, and the clock of each mailbox.
public struct BusinessTime: Sendable {
    public let hours: BusinessHours
    let clocks: [BusinessClock]
    /// `clocks[0]`, held apart so the common single-schedule call borrows it instead of copying.
    let primary: BusinessClock
    /// Clock index per mailbox code (the default clock, 0, for the rest).
    let mailboxClock: [UInt8]

    /// - Parameters:
    ///   - site: the site's timezone (stored times are its wall clock).
    ///   - now: site-local now; the days from the first ticket to a day after `now` are tabulated.
    /// - Throws: an unknown timezone or a mailbox the store does not know.
    public init(_ hours: BusinessHours, store: ColumnarStore, site: ZoneOffsets, now: Int64) throws(BusinessTimeError) {
        self.hours = hours
        let first = LocalTime.day(store.ticketCreatedAt.first ?? now) - 1
        let last = max(first, LocalTime.day(now) + 2)
        let days = max(first, last - 40 * 366)...last
        func clock(_ s: BusinessSchedule) throws(BusinessTimeError) -> BusinessClock {
            var zone: ZoneOffsets?
            if let name = s.timeZone {
                guard let z = ZoneOffsets(identifier: name) else { throw .unknownTimeZone(name) }
                zone = z
            }
            return BusinessClock(schedule: s, site: site, zone: zone, days: days)
        }
        var clocks = [try clock(hours.schedule)]
        var mailboxClock = [UInt8](repeating: 0, count: store.mailboxIDs.count)
        for (id, schedule) in hours.mailboxes.sorted(by: { $0.key < $1.key }) {
            guard let code = store.mailboxIndex(id: id) else { throw .unknownMailbox(id) }
            guard clocks.count < 255 else { break }
            clocks.append(try clock(schedule))
            mailboxClock[Int(code)] = UInt8(clocks.count - 1)
        }
        self.clocks = clocks
        self.primary = clocks[0]
        self.mailboxClock = mailboxClock
    }

    /// `bh(a, b)` of ticket `row`'s schedule.
    @inline(__always)
    public func seconds(_ store: ColumnarStore, row: Int, from a: Int64, to b: Int64) -> Int64 {
        if clocks.count == 1 { return primary.seconds(from: a, to: b) }
        let m = store.ticketMailbox[row]
        let k = m >= 0 ? Int(mailboxClock[Int(m)]) : 0
        return k == 0 ? primary.seconds(from: a, to: b) : clocks[k].seconds(from: a, to: b)
    }
}

public enum BusinessTimeError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownTimeZone(String)
    case unknownMailbox(Int64)

    public var description: String {
        switch self {
        case .unknownTimeZone(let name): return "\"\(name)\" is not an IANA timezone (e.g. \"America/New_York\")"
        case .unknownMailbox(let id): return "mailbox \(id) is not a mailbox in this snapshot"
        }
    }
}

extension BusinessTime {
    /// `bh(from[i], to[i])` of ticket `rows[i]`'s schedule for every `i`: the batch form,
    /// one call for many samples.
    /// - Complexity: O(n); above 100,000 samples on two threads.
    public func seconds(_ store: ColumnarStore, rows: [Int32], from: [Int64], to: [Int64]) -> [Int64] {
        precondition(rows.count == from.count && from.count == to.count)
        // Every element is written by the batch below, so the array is not zeroed first.
        return [Int64](unsafeUninitializedCapacity: from.count) { out, count in
            Self.adviseHugePages(UnsafeMutableRawBufferPointer(out))
            rows.withUnsafeBufferPointer { r in
                from.withUnsafeBufferPointer { a in
                    to.withUnsafeBufferPointer { b in seconds(store, rows: r, from: a, to: b, into: out) }
                }
            }
            count = from.count
        }
    }

    /// Asks Linux to back the 2 MiB-aligned middle of a fresh buffer of many megabytes with
    /// huge pages: its first writes then fault a few dozen times instead of once per 4 KiB
    /// (12,000 faults for 6 million samples, which cost as much as the batch itself). Only
    /// advice: nothing changes where it is not taken.
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
            let huge = 2 << 20
            guard let base = buffer.baseAddress, buffer.count >= 4 * huge else { return }
            let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
            guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// ``seconds(_:rows:from:to:)`` into a buffer the caller owns (every element is written).
    public func seconds(
        _ store: ColumnarStore, rows: UnsafeBufferPointer<Int32>, from a: UnsafeBufferPointer<Int64>,
        to b: UnsafeBufferPointer<Int64>, into out: UnsafeMutableBufferPointer<Int64>
    ) {
        precondition(rows.count == a.count && a.count == b.count && b.count == out.count)
        // One schedule: the clock's batch form.
        if clocks.count == 1 { return primary.seconds(from: a, to: b, into: out) }
        // One schedule per mailbox: the tables of every clock taken once, the clock chosen per sample.
        func withTables(_ i: Int, _ tables: inout [DayTable], _ body: ([DayTable]) -> Void) {
            guard i < clocks.count else { return body(tables) }
            clocks[i].withDayTable { table in
                tables.append(table)
                withTables(i + 1, &tables, body)
            }
        }
        var tables: [DayTable] = []
        tables.reserveCapacity(clocks.count)
        let bounds = clocks.map { ($0.firstSecond, $0.tableSeconds) }
        store.ticketMailbox.withUnsafeBufferPointer { mailbox in
            mailboxClock.withUnsafeBufferPointer { mailboxClock in
                withTables(0, &tables) { tables in
                    tables.withUnsafeBufferPointer { tables in
                        bounds.withUnsafeBufferPointer { bounds in
                            let work = UncheckedSendable((rows, a, b, out, mailbox, mailboxClock, tables, bounds))
                            BusinessClock.split(a.count) { range in
                                let (rows, a, b, out, mailbox, mailboxClock, tables, bounds) = work.value
                                for k in range {
                                    let m = mailbox[Int(rows[k])]
                                    let c = m >= 0 ? Int(mailboxClock[Int(m)]) : 0
                                    let (x, y) = (a[k], b[k])
                                    let v = tables[c].seconds(x, y, first: bounds[c].0, length: bounds[c].1)
                                    out[k] = v >= 0 ? v : clocks[c].generalSeconds(from: x, to: y)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
