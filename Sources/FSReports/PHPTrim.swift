/// PHP's `trim` with its default characters: space, tab, line feed, carriage return,
/// NUL and vertical tab, from both ends.
public func phpTrim(_ s: String) -> String {
    let strip: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x00, 0x0B]
    let bytes = Array(s.utf8)
    var lo = 0
    var hi = bytes.count
    while lo < hi, strip.contains(bytes[lo]) { lo += 1 }
    while hi > lo, strip.contains(bytes[hi - 1]) { hi -= 1 }
    if lo == 0, hi == bytes.count { return s }
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
}
