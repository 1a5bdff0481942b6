import FSSnapshot

/// When tickets arrive: an exact number of tickets spread over hourly slots of
/// `[start, now]` in proportion to weekday × hour-of-day × growth × noise weights.
struct ArrivalSchedule: Sendable {
    /// Relative volume per weekday, 0 = Sunday: Monday and Tuesday busiest, weekends ~30%.
    static let weekdayWeight: [Double] = [0.30, 1.00, 0.96, 0.88, 0.84, 0.74, 0.30]
    /// Relative volume per site-local hour: business hours peak, nights low.
    static let hourWeight: [Double] = [
        0.14, 0.10, 0.08, 0.07, 0.08, 0.14, 0.30, 0.55, 0.85, 1.00, 1.00, 0.95,
        0.80, 0.90, 0.95, 0.90, 0.78, 0.60, 0.46, 0.40, 0.37, 0.32, 0.26, 0.19,
    ]

    let start: Int64
    let now: Int64
    /// Hour number (`t / 3600`) of the first slot.
    let firstHour: Int64
    /// Tickets created in each slot; they sum to the configured ticket count.
    let counts: [Int32]

    init(config: GeneratorConfig) {
        start = config.start
        now = config.now
        let first = ArrivalSchedule.floorDiv(start, 3600)
        let last = ArrivalSchedule.floorDiv(now, 3600)
        firstHour = first
        let days = max(config.days, 1)

        // Day factors: noise, one incident day (an outage) and the day after it.
        var rng = SplitMix64(seed: config.seed, stream: 1, index: 0)
        let firstDay = LocalTime.day(start)
        let dayCount = Int(LocalTime.day(now) - firstDay) + 1
        var dayFactor = (0..<dayCount).map { _ in 0.82 + 0.36 * rng.unit() }
        if dayCount > 14 {
            let incident = rng.below(dayCount - 10) + 1
            dayFactor[incident] *= 2.3
            dayFactor[incident + 1] *= 1.4
        }

        var weights: [Double] = []
        weights.reserveCapacity(Int(last - first + 1))
        for hour in first...last {
            let slotStart = hour * 3600
            let lo = max(slotStart, start)
            let hi = min(slotStart + 3600, now + 1)
            guard hi > lo else {
                weights.append(0)
                continue
            }
            let day = LocalTime.day(slotStart)
            let progress = Double(slotStart - start) / Double(Int64(days) * LocalTime.secondsPerDay)
            let trend = 1 + 0.35 * max(0, progress)
            let w =
                ArrivalSchedule.weekdayWeight[Staff.weekday(day)]
                * ArrivalSchedule.hourWeight[Int(hour - day * 24)] * trend * dayFactor[Int(day - firstDay)]
                * (0.75 + 0.5 * rng.unit()) * Double(hi - lo) / 3600
            weights.append(w)
        }
        let total = weights.reduce(0, +)
        let n = Double(max(config.tickets, 0))
        var counts: [Int32] = []
        counts.reserveCapacity(weights.count)
        var cumulative = 0.0
        var assigned: Int64 = 0
        for w in weights {
            cumulative += w
            let upTo = total > 0 ? Int64((n * cumulative / total).rounded()) : 0
            let c = min(upTo, Int64(config.tickets)) - assigned
            counts.append(Int32(max(c, 0)))
            assigned += max(c, 0)
        }
        if assigned < config.tickets, !counts.isEmpty {
            counts[counts.count - 1] += Int32(Int64(config.tickets) - assigned)
        }
        self.counts = counts
    }

    /// The creation times of slot `index`, ascending, drawn within `[start, now]`.
    func times(slot index: Int, seed: UInt64, into buffer: inout [Int64]) {
        buffer.removeAll(keepingCapacity: true)
        let count = Int(counts[index])
        guard count > 0 else { return }
        let slotStart = (firstHour + Int64(index)) * 3600
        let lo = max(slotStart, start)
        let hi = min(slotStart + 3599, now)
        var rng = SplitMix64(seed: seed, stream: 2, index: UInt64(index))
        for _ in 0..<count { buffer.append(rng.int64(in: lo, hi)) }
        buffer.sort()
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - (b - 1)) / b
    }
}
