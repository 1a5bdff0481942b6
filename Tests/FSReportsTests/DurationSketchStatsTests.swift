import FSColumnar
import FSReports
import Testing

/// ``DurationStats/init(column:range:sketch:cores:)`` (whole blocks from the sketch, the
/// quantiles' slots scanned out) against ``DurationStats/init(sorted:)`` on the slice
/// sorted: slices starting and ending inside blocks, on block and super-block boundaries,
/// shorter than two blocks, the whole column; heavy ties, negatives, values past 2²⁰ s
/// (the big slots) and the orders that defeat a naive quickselect.
@Suite struct DurationSketchStatsTests {
    static let block = DurationSketch.blockLength
    static let superBlock = DurationSketch.superBlockLength * DurationSketch.blockLength

    /// Slices of a column of `count` values: inside one block, across a few, from block and
    /// super-block boundaries, one value short of them, and the whole column; end blocks
    /// holding more than half of the slice's block (counted as the block less the rest)
    /// and less; a few hundred values (the sketch from 513 on).
    static func slices(count: Int) -> [Range<Int>] {
        let b = block
        let candidates = [
            0..<count, 1..<(count - 1), 0..<min(count, 3 * b), b..<min(count, 5 * b), (b - 1)..<min(count, 9 * b + 1),
            7..<(7 + 4097), 100..<(100 + 4096), superBlock..<count, (superBlock - 5)..<(count - 3),
            (2 * superBlock + 17)..<count, 3..<(2 * superBlock + 3 * b - 1), (b + 1000)..<(2 * b),
            (3 * b)..<(3 * b + 1500), (5 * b + 600)..<(7 * b + 1800), (5 * b + 1100)..<(7 * b + 900),
            700..<1300, (b - 200)..<(b + 400), 10..<400, (b + 5)..<(3 * b - 5),
        ]
        return candidates.filter { $0.lowerBound >= 0 && $0.upperBound <= count && !$0.isEmpty }
    }

    @Test(arguments: 0..<8)
    func slicesEqualTheSortedBlock(kind: Int) {
        let count = 3 * Self.superBlock + 1234
        let v = DurationSelectTests.values(count: count, kind: kind, seed: UInt64(7 + kind))
        let sketch = v.withUnsafeBufferPointer { DurationSketch($0) }
        for range in Self.slices(count: count) {
            let expected = DurationStats(sorted: v[range].map { Int64($0) }.sorted())
            let actual = v.withUnsafeBufferPointer { DurationStats(column: $0, range: range, sketch: sketch) }
            #expect(actual == expected, "kind \(kind), slice \(range)")
            for tenths: Int64 in [5, 9] {
                let q = v.withUnsafeBufferPointer {
                    DurationStats.quantile(column: $0, range: range, sketch: sketch, tenths: tenths)
                }
                #expect(q == (tenths == 5 ? expected.median : expected.p90), "kind \(kind), slice \(range), p \(tenths)")
            }
        }
    }

    /// A column in runs each sorted ascending (as the first resolutions of a day are): the
    /// quantiles' slots cut out of each run by binary search give the sorted block's figures,
    /// for slices of whole runs.
    @Test(arguments: [0, 2, 5])
    func sortedRunsEqualTheSortedBlock(kind: Int) {
        let count = 2 * Self.superBlock + 999
        var v = DurationSelectTests.values(count: count, kind: kind, seed: UInt64(31 + kind))
        // Runs of 1, 700, 1,500, 2,900 and 4,100 values, in turn.
        var starts = [0]
        let lengths = [1, 700, 1500, 2900, 4100]
        while starts.last! < count { starts.append(min(count, starts.last! + lengths[starts.count % lengths.count])) }
        for k in 0..<(starts.count - 1) { v[starts[k]..<starts[k + 1]].sort() }
        let sketch = v.withUnsafeBufferPointer { DurationSketch($0) }
        for (from, to) in [(0, starts.count - 1), (1, 4), (3, 40), (7, starts.count - 2), (2, 3)] {
            let runs = (from..<to).map { starts[$0]..<starts[$0 + 1] }
            let range = starts[from]..<starts[to]
            let expected = DurationStats(sorted: v[range].map { Int64($0) }.sorted())
            let actual = v.withUnsafeBufferPointer {
                DurationStats(column: $0, range: range, sketch: sketch, sortedRuns: runs)
            }
            #expect(actual == expected, "kind \(kind), runs \(from)..<\(to)")
        }
    }

    /// A slice of a million values and more is scanned in two halves at once; the same figures.
    @Test(arguments: [0, 3])
    func twoCoresEqualTheSortedBlock(kind: Int) {
        let v = DurationSelectTests.values(count: (1 << 20) + 3 * Self.block + 5, kind: kind, seed: UInt64(41 + kind))
        let sketch = v.withUnsafeBufferPointer { DurationSketch($0) }
        let range = 11..<(v.count - 2)
        let expected = DurationStats(sorted: v[range].map { Int64($0) }.sorted())
        #expect(v.withUnsafeBufferPointer { DurationStats(column: $0, range: range, sketch: sketch, cores: 2) } == expected)
    }

    /// A sketch of another column (stale, or empty) is not used: the figures are still the slice's.
    @Test func aSketchOfAnotherLengthIsIgnored() {
        let v = DurationSelectTests.values(count: 5 * Self.block, kind: 0, seed: 5)
        let range = 3..<(v.count - 3)
        let expected = DurationStats(sorted: v[range].map { Int64($0) }.sorted())
        for sketch in [DurationSketch(), v.dropLast(Self.block).withUnsafeBufferPointer { DurationSketch($0) }] {
            #expect(v.withUnsafeBufferPointer { DurationStats(column: $0, range: range, sketch: sketch) } == expected)
        }
    }
}
