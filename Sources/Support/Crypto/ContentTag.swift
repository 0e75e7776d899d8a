/// The opaque part of a strong HTTP entity tag for a body: the first 128 bits of the SHA-256 of
/// its bytes alone, quoted. One definition for the tags computed on the way out (Server) and the
/// tags stored beside rendered items (Store), which must be equal.
public enum ContentTag {
    public static func strong(for bytes: [UInt8]) -> String {
        "\"" + hexString(SHA256.hash(bytes).prefix(16)) + "\""
    }
}
