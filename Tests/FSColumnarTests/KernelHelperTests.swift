import FSColumnar
import Testing

/// The counting loops the report kernels use for speed give exactly what plain loops give.
@Suite struct KernelHelperTests {
    @Test(arguments: [0, 1, 7, 8, 100, 65_535, 65_536, 200_001])
    func countingLoopsMatchPlainLoops(count: Int) {
        var rng = SystemRandomNumberGenerator()
        let values = (0..<count).map { _ in Int32.random(in: -1...50, using: &rng) }
        let indexes = (0..<count).map { _ in Int32.random(in: 0..<Int32(max(count, 1)), using: &rng) }
        values.withUnsafeBufferPointer { v in
            indexes.withUnsafeBufferPointer { ix in
                for range in [0..<count, (count / 3)..<count, 0..<(count / 2)] {
                    for x: Int32 in [-1, 0, 7, 50] {
                        #expect(Kernels.countEqual(v, range, x) == range.filter { v[$0] == x }.count)
                        #expect(Kernels.countEqual(v, at: ix, range, x) == range.filter { v[Int(ix[$0])] == x }.count)
                        if x >= 0 { #expect(Kernels.countBelow(v, range, Int(x)) == range.filter { v[$0] < x }.count) }
                    }
                }
                let bytes = values.map { UInt8($0 & 3) }
                bytes.withUnsafeBufferPointer { b in
                    let h = Kernels.histogram4(b)
                    #expect(h == (0..<4).map { k in bytes.filter { $0 == k }.count })
                }
            }
        }
    }
}
