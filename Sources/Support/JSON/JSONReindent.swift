/// Re-indents compact JSON text (as ``JSONWriter`` writes it) into exactly the text
/// `JSONWriter.bytes(value, pretty: true)` gives for the same value, without parsing it into a
/// tree: stored renderings are served `pretty=true` by this, byte for byte as before.
public enum JSONReindent {
    /// The indented form of `compact`, which must be JSON text without insignificant whitespace.
    public static func pretty(_ compact: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(compact.count * 2)
        var depth = 0
        var position = 0
        let count = compact.count
        while position < count {
            let byte = compact[position]
            switch byte {
            case UInt8(ascii: "\""):
                var end = position + 1
                while end < count, compact[end] != UInt8(ascii: "\"") {
                    end += compact[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                out.append(contentsOf: compact[position...min(end, count - 1)])
                position = end + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if position + 1 < count, compact[position + 1] == close {
                    out.append(byte)
                    out.append(close)
                    position += 2
                    continue
                }
                out.append(byte)
                depth += 1
                newline(&out, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                newline(&out, depth)
                out.append(byte)
            case UInt8(ascii: ","):
                out.append(byte)
                newline(&out, depth)
            case UInt8(ascii: ":"):
                out.append(byte)
                out.append(UInt8(ascii: " "))
            default:
                out.append(byte)
            }
            position += 1
        }
        return out
    }

    private static func newline(_ out: inout [UInt8], _ depth: Int) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(depth, 0) * 2))
    }
}
