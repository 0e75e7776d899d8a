import Testing
@testable import API
import Server

/// The response cache keeps its most read answers when full, and a write drops only what it touched.
@Suite struct ResponseCacheTests {
    private func answer(_ size: Int) -> HTTPResponse { HTTPResponse.json(Array(repeating: 0x20, count: size)) }

    private func store(_ cache: ResponseCache, _ key: String, _ dependency: ResponseCache.Dependency, revision: Int = 1, size: Int = 1000) {
        cache.store(answer(size), key: key, revision: revision, pattern: nil, methods: [.GET], dependency: dependency)
    }

    private func has(_ cache: ResponseCache, _ key: String, revision: Int = 1) -> Bool {
        cache.lookup(key, revision: revision) != nil
    }

    @Test func whenFull_TheEntryReadSinceLastTimeSurvives_AndAnUnreadOneIsEvicted() {
        let cache = ResponseCache(maximumBytes: 3 * 1300)
        store(cache, "a", .item("a"))
        store(cache, "b", .item("b"))
        store(cache, "c", .item("c"))
        #expect(has(cache, "a"))
        store(cache, "d", .item("d"))
        #expect(has(cache, "a"), "read since the hand passed: kept")
        #expect(!has(cache, "b"), "never read: evicted")
        #expect(has(cache, "c") && has(cache, "d"))
        #expect(cache.usage.bytes <= 3 * 1300)
    }

    @Test func aWrite_DropsTheItemsItRendered_AndTheWholeDataAnswers_ButKeepsOtherItems() {
        let cache = ResponseCache()
        store(cache, "/v1/documents/a", .item("a"))
        store(cache, "/v1/persons/b", .item("b"))
        store(cache, "/v1/documents", .data)
        store(cache, "/openapi.json", .none)
        cache.invalidate(after: 2, rendered: ["a"])
        #expect(!has(cache, "/v1/documents/a", revision: 2))
        #expect(!has(cache, "/v1/documents", revision: 2))
        #expect(has(cache, "/v1/persons/b", revision: 2))
        #expect(has(cache, "/openapi.json", revision: 2))
        // An answer made before the write is not kept after it.
        store(cache, "/v1/documents/a", .item("a"), revision: 1)
        #expect(!has(cache, "/v1/documents/a", revision: 2))
    }

    @Test func aRevisionNobodyAnnounced_DropsEverything() {
        let cache = ResponseCache()
        store(cache, "/v1/persons/b", .item("b"))
        store(cache, "/openapi.json", .none)
        #expect(!has(cache, "/v1/persons/b", revision: 5))
        #expect(!has(cache, "/openapi.json", revision: 5))
    }

    @Test func sizeZero_KeepsNothing() {
        let cache = ResponseCache(maximumBytes: 0)
        store(cache, "a", .item("a"), size: 10)
        #expect(!has(cache, "a"))
    }

    @Test func dependencies_FollowTheRoute() {
        #expect(ResponseCache.dependency(path: "/v1/documents/x", pattern: "/v1/:collection/:id") == .item("x"))
        #expect(ResponseCache.dependency(path: "/v1/documents/x/dating", pattern: "/v1/documents/:id/dating") == .item("x"))
        #expect(ResponseCache.dependency(path: "/v1/places/p/revisions", pattern: "/v1/:collection/:id/revisions") == .item("p"))
        #expect(ResponseCache.dependency(path: "/v1/documents", pattern: "/v1/:collection") == .data)
        #expect(ResponseCache.dependency(path: "/v1/search", pattern: "/v1/search") == .data)
        #expect(ResponseCache.dependency(path: "/openapi.json", pattern: "/openapi.json") == .none)
    }
}
