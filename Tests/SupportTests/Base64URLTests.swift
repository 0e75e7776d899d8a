import Testing
import Support
import TestSupport

/// Base64url without padding (RFC 4648 §5), the alphabet of pagination cursors.
@Suite struct Base64URLTests {
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors_EncodeUnpadded(text: String, encoded: String) {
        #expect(Base64URL.encode(Array(text.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(text.utf8))
    }

    @Test func theURLSafeAlphabet_StandsFor62And63() {
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
    }

    @Test(arguments: ["Zg==", "Zm8=", "+/8", "/w", "Zm9v!", "a", "Zm9vY", "Zh", "Zm9", " Zg", "Zg\n"])
    func anythingButTheOneCanonicalEncoding_IsRefused(text: String) {
        // Padding, the standard alphabet, other characters, impossible lengths, non-zero leftover bits.
        #expect(Base64URL.decode(text) == nil, "\(text)")
    }

    @Test func randomBytes_RoundTrip() {
        var random = SplitMix(seed: 4648)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(text) == bytes)
        }
    }
}
