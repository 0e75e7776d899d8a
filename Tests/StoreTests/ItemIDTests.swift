import Store
import Testing

@Suite struct ItemIDTests {
    @Test(arguments: ["a", "0", "serov-instructions-1941", "nkvd-order-001223", "a-b-c", String(repeating: "x", count: 200)])
    func kebabSlugs_AreValid(_ id: String) {
        #expect(ItemID.isValid(id))
    }

    @Test(arguments: ["", "-", "-a", "a-", "a--b", "A", "a_b", "a b", "caf\u{E9}", "a/b", "a.b", String(repeating: "x", count: 201)])
    func everythingElse_IsNot(_ id: String) {
        #expect(!ItemID.isValid(id))
    }
}
