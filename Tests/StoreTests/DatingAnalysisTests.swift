import Testing
@testable import Store
import Support

@Suite struct DatingAnalysisTests {
    private func analyse(_ id: String, _ db: Connection) throws -> JSONObject {
        try #require(try DatingAnalysis.analyse(documentID: id, in: db)?.objectValue)
    }

    private func claims(_ analysis: JSONObject) -> [String: JSONObject] {
        var result: [String: JSONObject] = [:]
        for claim in analysis["claims"]?.arrayValue ?? [] {
            guard let object = claim.objectValue, let edtf = object["date"]?.objectValue?["edtf"]?.stringValue else { continue }
            result[edtf] = object
        }
        return result
    }

    @Test func serovInstructions_DerivedFromNKGBFoundingAndSiauliaiStamp() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db in
                let analysis = try analyse("serov-instructions", db)
                let derived = try #require(analysis["derived"]?.objectValue)
                #expect(derived["edtf"] == "1941-02-03/1941-06-07")
                #expect(derived["earliest"] == "1941-02-03")
                #expect(derived["latest"] == "1941-06-07")
                let explanation = analysis["explanation"]?.stringValue ?? ""
                #expect(explanation.contains("NKGB") && explanation.contains("Šiauliai"))

                let claims = claims(analysis)
                for early in ["1939-10-11", "1939-10-10", "1941-01-21"] {
                    #expect(claims[early]?["status"] == "contradicted", "\(early)")
                    #expect(claims[early]?["sentence"] == "contradicted: the NKGB, which issued it, was founded on 3 February 1941")
                }
                #expect(claims["1941-06-14"]?["status"] == "contradicted")
                #expect(claims["1941-06-14"]?["sentence"] == "contradicted: a copy of it was received in Šiauliai on 7 June 1941")
                #expect(claims["1941"]?["status"] == "consistent")
                #expect(claims["1941-02-03/1941-06-07"]?["status"] == "consistent")
                #expect(claims.count == 6)
            }
        }
    }

    @Test func serovInstructions_Constraints_IssuerPeriod_Tenure_Stamp_WithSources() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db in
                let constraints = try analyse("serov-instructions", db)["constraints"]?.arrayValue?.compactMap(\.objectValue) ?? []
                func find(_ kind: String, _ bound: String) -> JSONObject? {
                    constraints.first { $0["kind"]?.stringValue == kind && $0["bound"]?.stringValue == bound }
                }
                let founded = try #require(find("issuer-existence", "not_before"))
                #expect(founded["date"]?.objectValue?["edtf"] == "1941-02-03")
                #expect(founded["subject"]?.objectValue?["id"] == "nkgb")
                #expect(founded["note"]?.stringValue?.contains("first (1941-02-03/1941-07-20)") == true)
                #expect(founded["source"]?.objectValue?["type"] == "source")
                // The second NKGB (1943-1946) is not used.
                #expect(!constraints.contains { $0["date"]?.objectValue?["edtf"] == "1943-04-14" })

                let tenure = try #require(find("signatory-tenure", "not_before"))
                #expect(tenure["subject"]?.objectValue?["id"] == "ivan-serov")
                #expect(tenure["date"]?.objectValue?["edtf"] == "1941-02")
                let note = tenure["note"]?.stringValue ?? ""
                #expect(note.contains("not before 1 February 1941") && note.contains("weaker") && note.contains("3 February 1941"))

                let stamp = try #require(find("copy-received", "not_after"))
                #expect(stamp["date"]?.objectValue?["edtf"] == "1941-06-07")
                #expect(stamp["subject"]?.objectValue?["id"] == "siauliai")
                for constraint in constraints {
                    #expect(constraint["sentence"]?.stringValue?.isEmpty == false)
                    #expect(constraint["source"]?.objectValue != nil)
                }
            }
        }
    }

    @Test func everyDocument_IsAnalysed_AndItsAcceptedClaimsAreNotContradicted() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db in
                let ids = try db.prepare("SELECT id FROM documents ORDER BY id").rows { $0.text(0) ?? "" }
                #expect(ids.count >= 17)
                for id in ids {
                    let analysis = try analyse(id, db)
                    #expect(analysis["explanation"]?.stringValue?.isEmpty == false)
                    #expect(analysis["derived"] != nil)
                    for claim in analysis["claims"]?.arrayValue?.compactMap(\.objectValue) ?? [] {
                        let status = claim["status"]?.stringValue
                        #expect(status == "consistent" || status == "contradicted")
                        if claim["archive_status"] == "accepted" { #expect(status == "consistent", "\(id): \(claim)") }
                    }
                }
                #expect(try DatingAnalysis.analyse(documentID: "no-such-document", in: db) == nil)
                #expect(try DatingAnalysis.analyse(documentID: "ivan-serov", in: db) == nil)
            }
        }
    }

    @Test func statedDate_RelationsAndTenureChoice() throws {
        try withEmbeddedArchive { archive in
            try archive.pool.read { db in
                // Kruglov was minister twice: the first tenure fits the stated date.
                let kruglov = try analyse("kruglov-report-1949-05-18", db)
                #expect(kruglov["derived"]?.objectValue?["edtf"] == "1949-05-18")
                let tenures = kruglov["constraints"]?.arrayValue?.compactMap(\.objectValue).filter { $0["kind"] == "signatory-tenure" } ?? []
                #expect(tenures.map { $0["date"]?.objectValue?["edtf"]?.stringValue ?? "" }.sorted() == ["1946-03-15", "1953-03-05"])
                // A document that follows another dated one is bounded by it.
                let order = try analyse("lssr-nkgb-order-0037", db)
                #expect(order["constraints"]?.arrayValue?.contains {
                    $0.objectValue?["kind"] == "relation" && $0.objectValue?["subject"]?.objectValue?["id"] == "directive-1299-526ss"
                        && $0.objectValue?["bound"] == "not_before"
                } == true)
                // The Kersten report: after the hearings that precede it, within the committee's life.
                let report = try analyse("kersten-third-interim-report", db)
                #expect(report["derived"]?.objectValue?["edtf"] == "1953-11-30/1954-12-31")
            }
        }
    }

    @Test func curatorDocuments_WithoutConstraints_AndWithAContradictedClaim() throws {
        let undated: JSONValue = [
            "id": "doc-undated", "title": "An undated note", "kind": "note", "undated": true, "stated_date": nil,
            "issuer": nil, "issuer_name": "An office not in the archive", "summary": "A note.", "source_ids": ["src-one"],
            "dating_claims": [["edtf": "1950", "claimed_by": "src-one", "status": "disputed"]],
        ]
        let early: JSONValue = [
            "id": "doc-early", "title": "An undated order", "kind": "order", "undated": true, "stated_date": nil,
            "issuer": "inst-one", "summary": "An order.", "source_ids": ["src-one"],
            "dating_claims": [["edtf": "1940-05", "claimed_by": "src-one", "status": "disputed"],
                              ["edtf": "1941-01/1941-03", "claimed_by": "src-one", "status": "disputed"]],
        ]
        var base = minimalArchive(extraDocument: undated).objectValue!
        base["documents"] = .array((base["documents"]?.arrayValue ?? []) + [early])
        try withTemporaryDirectory { directory in
            let archive = try Archive.open(path: directory + "/a.sqlite", readerCount: 1, seedWithEmbeddedArchive: false)
            defer { archive.close() }
            try archive.importArchive(JSONWriter.bytes(.object(base)))
            try archive.pool.read { db in
                let none = try analyse("doc-undated", db)
                #expect(none["derived"] == .null)
                #expect(none["constraints"]?.arrayValue?.isEmpty == true)
                #expect(none["explanation"]?.stringValue?.hasPrefix("No constraint") == true)
                #expect(claims(none)["1950"]?["status"] == "consistent")
                #expect(none["notes"]?.arrayValue?.isEmpty == false)

                let earlyAnalysis = try analyse("doc-early", db)
                #expect(earlyAnalysis["derived"]?.objectValue?["edtf"] == "1941-02-03/..")
                #expect(claims(earlyAnalysis)["1940-05"]?["status"] == "contradicted")
                #expect(claims(earlyAnalysis)["1940-05"]?["sentence"]?.stringValue?.contains("founded on 3 February 1941") == true)
                #expect(claims(earlyAnalysis)["1941-01/1941-03"]?["status"] == "consistent")

                let stated = try analyse("doc-one", db)
                #expect(stated["derived"]?.objectValue?["edtf"] == "1941-05-14")
            }
        }
    }
}
