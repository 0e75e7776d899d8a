import Glibc

/// The key a client's connections are counted under for the per-client cap: an IPv4 address
/// (IPv4-mapped IPv6 included), or the /64 prefix of an IPv6 address, since one IPv6 host
/// usually holds a whole /64 and could otherwise take a fresh address per connection.
enum ClientAddress: Hashable, Sendable {
    /// An IPv4 address in network byte order.
    case v4(UInt32)
    /// The first 64 bits of an IPv6 address.
    case v6Prefix(UInt64)

    /// The key of the peer address `accept` filled in.
    init(_ storage: sockaddr_storage) {
        self = withUnsafeBytes(of: storage) { raw -> ClientAddress in
            guard Int32(raw.load(as: sa_family_t.self)) == AF_INET6 else {
                return .v4(raw.load(as: sockaddr_in.self).sin_addr.s_addr)
            }
            let address = raw.load(as: sockaddr_in6.self).sin6_addr
            return withUnsafeBytes(of: address) { bytes -> ClientAddress in
                let isMappedV4 = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
                if isMappedV4 { return .v4(bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self)) }
                return .v6Prefix(bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            }
        }
    }
}
