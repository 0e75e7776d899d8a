import Testing
@testable import Store
import Support

/// The full item views of the embedded archive: references, date objects, claims side by side,
/// reverse references.
@Suite struct ItemViewTests {
    // MARK: - Helpers

    private func view(_ archive: Archive, _ id: String, _ type: ItemType) throws -> JSONObject {
        let found = try archive.pool.read { try ItemView.full(id, type: type, in: $0) }
        guard let found else {
            Issue.record("no \(type.rawValue) \(id)")
            return JSONObject()
        }
        return found
    }

    private func list(_ value: JSONValue?) -> [JSONObject] { (value?.arrayValue ?? []).compactMap(\.objectValue) }

    private func id(_ value: JSONValue?) -> String? { value?.objectValue?["id"]?.stringValue }

    private func isReference(_ value: JSONValue?, _ type: ItemType, _ id: String) -> Bool {
        guard let object = value?.objectValue else { return false }
        return object["type"]?.stringValue == type.rawValue && object["id"]?.stringValue == id
            && object["href"]?.stringValue == "/v1/\(type.collection)/\(id)"
            && !(object[type.displayField]?.stringValue ?? "").isEmpty && object.count == 4
    }

    private func date(_ value: JSONValue?) -> (edtf: String?, earliest: String?, latest: String?) {
        let object = value?.objectValue
        return (object?["edtf"]?.stringValue, object?["earliest"]?.stringValue, object?["latest"]?.stringValue)
    }

    // MARK: - Documents

    @Test func serovInstructions_EmbedIssuerSignatoryCopyClaimsAndRelations() throws {
        try withEmbeddedArchive { archive in
            let document = try view(archive, "serov-instructions", .document)
            #expect(Array(document.keys.prefix(4)) == ["id", "type", "href", "title"])
            #expect(document["type"] == "document")
            #expect(document["href"] == "/v1/documents/serov-instructions")
            #expect(document["source_ids"] == nil)
            #expect(isReference(document["issuer"], .institution, "nkgb"))
            #expect(document["issuer"]?.objectValue?["name"] == "People's Commissariat for State Security of the USSR")

            let accepted = date(document["date"])
            #expect(accepted.edtf == "1941-02-03/1941-06-07" && accepted.earliest == "1941-02-03" && accepted.latest == "1941-06-07")
            #expect(document["date"]?.objectValue?["display"]?.stringValue?.isEmpty == false)
            #expect(document["stated_date"] == .null)
            #expect(document["date_note"]?.stringValue?.contains("Šiauliai") == true)

            let signatory = try #require(list(document["signatories"]).first)
            #expect(isReference(signatory["person"], .person, "ivan-serov"))
            #expect(signatory["role_at_signing"] == "Deputy People's Commissar of State Security of the USSR")
            #expect(isReference(signatory["institution"], .institution, "nkgb"))

            let copy = try #require(list(document["copies"]).first)
            #expect(isReference(copy["place"], .place, "siauliai"))
            let received = date(copy["received"])
            #expect(received.edtf == "1941-06-07" && received.earliest == "1941-06-07" && received.latest == "1941-06-07")
            #expect(isReference(copy["source"], .source, "wp-serov-instructions"))

            let claims = list(document["dating_claims"])
            #expect(claims.count == 6)
            let byDate = Dictionary(claims.map { (date($0["date"]).edtf ?? "", $0) }, uniquingKeysWith: { first, _ in first })
            #expect(byDate["1939-10-11"]?["status"] == "refuted")
            #expect(byDate["1939-10-11"]?["accepted"] == false)
            #expect(byDate["1939-10-11"]?["status_basis"] == "stated")
            #expect(byDate["1939-10-11"]?["reason"]?.stringValue?.contains("3 February 1941") == true)
            #expect(isReference(byDate["1939-10-11"]?["claimed_by"], .source, "wp-serov-instructions"))
            #expect(byDate["1941-06-14"]?["status"] == "refuted")
            #expect(byDate["1941"]?["status"] == "accepted" && byDate["1941"]?["accepted"] == true)
            #expect(byDate["1941-02-03/1941-06-07"]?["status"] == "accepted")
            #expect(claims.filter { $0["status"] == "refuted" }.count == 4)

            let relations = list(document["relations"])
            let confused = relations.first { $0["type"] == "confused_with" }
            #expect(confused?["direction"] == "outgoing" && confused?["label"] == "confused_with")
            #expect(isReference(confused?["item"], .document, "nkvd-order-001223"))
            #expect(isReference(confused?["source"], .source, "wp-serov-instructions"))
            #expect(confused?["note"]?.stringValue?.contains("Myllyniemi") == true)
            #expect(relations.contains { $0["type"] == "published_in" && id($0["item"]) == "kersten-third-interim-report" })

            #expect(list(document["publications"]).count == 7)
            #expect(isReference(list(document["publications"]).first?["document"], .document, "kersten-third-interim-report"))
            #expect(list(document["publications"]).dropFirst().allSatisfy { $0["document"] == .null && $0["source"]?.objectValue != nil })
            #expect(document["published_in"]?.arrayValue?.map { id($0) } == ["kersten-third-interim-report"])
            #expect(document["authorized_events"]?.arrayValue?.contains { id($0) == "june-deportation-1941" } == true)
            #expect(document["sources"]?.arrayValue?.count == 8)
            #expect(isReference(document["sources"]?.arrayValue?.first, .source, "wp-serov-instructions"))
            #expect(document["links"]?.objectValue?["dating"] == "/v1/documents/serov-instructions/dating")
        }
    }

    @Test func confusedWith_ShowsOnBothDocuments_AndPublications_AreReversed() throws {
        try withEmbeddedArchive { archive in
            let order = try view(archive, "nkvd-order-001223", .document)
            let confused = list(order["relations"]).first { $0["type"] == "confused_with" }
            #expect(confused?["direction"] == "incoming")
            #expect(confused?["label"] == "confused_with")
            #expect(isReference(confused?["item"], .document, "serov-instructions"))

            let report = try view(archive, "kersten-third-interim-report", .document)
            let contained = try #require(list(report["publications_contained"]).first)
            #expect(isReference(contained["document"], .document, "serov-instructions"))
            #expect(contained["heading"] == "Order No. 001223")
            #expect(isReference(contained["source"], .source, "wp-serov-instructions"))
            let incoming = list(report["relations"]).first { $0["type"] == "published_in" }
            #expect(incoming?["direction"] == "incoming" && incoming?["label"] == "contains_publication_of")
            #expect(list(report["named_persons"]).contains { isReference($0["person"], .person, "charles-j-kersten") })
        }
    }

    @Test func contestedIssuer_KeepsBothClaims_Undecided() throws {
        try withEmbeddedArchive { archive in
            let resolution = try view(archive, "lkpb-resolution-1951-09-29", .document)
            #expect(resolution["issuer"] == .null)
            let claims = list(resolution["issuer_claims"])
            #expect(claims.count == 2)
            #expect(claims.allSatisfy { $0["status"] == "undecided" && $0["accepted"] == .null && $0["source"]?.objectValue != nil })
            let directive = try view(archive, "directive-1299-526ss", .document)
            let disputed = list(directive["dating_claims"]).filter { $0["status"] == "disputed" }.map { date($0["date"]).edtf }
            #expect(disputed == ["1941-05-16", "[1941-05-14,1941-05-16]"])
            #expect(list(directive["named_persons"]).map { id($0["person"]) } == ["vsevolod-merkulov", "ivan-serov", "viktor-abakumov"])
        }
    }

    // MARK: - Persons

    @Test func ivanSerov_BirthClaimsSideBySide_PositionsAndDocumentsSigned() throws {
        try withEmbeddedArchive { archive in
            let serov = try view(archive, "ivan-serov", .person)
            #expect(Array(serov.keys.prefix(4)) == ["id", "type", "href", "name"])
            let born = try #require(serov["born"]?.objectValue)
            let bornDate = date(born["date"])
            #expect(bornDate.edtf == "[1905-08-13,1905-08-25]" && bornDate.earliest == "1905-08-13" && bornDate.latest == "1905-08-25")
            #expect(born["place"] == .null)
            #expect(born["place_name"]?.stringValue?.hasPrefix("Afimskoye") == true)
            let claims = list(born["claims"])
            #expect(claims.map { date($0["date"]).edtf } == ["1905-08-13", "1905-08-25", "1905-08-25"])
            #expect(claims.map { id($0["source"]) } == ["wp-ivan-serov", "ruwp-serov", "biojizn-serov"])
            // The accepted value is a one-of set: the archive does not choose between the two days.
            #expect(claims.allSatisfy { $0["status"] == "undecided" && $0["accepted"] == .null && $0["status_basis"] == "derived" })
            #expect(claims.first?["reason"]?.stringValue?.contains("born.note") == true)
            let died = list(serov["died"]?.objectValue?["claims"])
            #expect(died.count == 2 && died.allSatisfy { $0["status"] == "accepted" && $0["accepted"] == true })

            let positions = list(serov["positions"])
            #expect(positions.count == 5)
            #expect(positions[0]["institution"] == .null && positions[0]["institution_name"] == "NKVD of the Ukrainian SSR")
            #expect(isReference(positions[1]["institution"], .institution, "nkgb"))
            #expect(date(positions[1]["from"]).edtf == "1941-02" && date(positions[1]["from"]).latest == "1941-02-28")
            #expect(date(positions[2]["to"]).edtf == nil && positions[2]["to"] == .null)
            #expect(positions[1]["sources"]?.arrayValue?.count == 4)

            let signed = list(serov["documents_signed"])
            let instructions = signed.first { id($0["document"]) == "serov-instructions" }
            #expect(instructions?["role_at_signing"] == "Deputy People's Commissar of State Security of the USSR")
            #expect(isReference(instructions?["institution"], .institution, "nkgb"))
            #expect(date(instructions?["date"]).edtf == "1941-02-03/1941-06-07")
            #expect(list(serov["documents_naming"]).contains { id($0["document"]) == "directive-1299-526ss" })
        }
    }

    @Test func stalinsBirth_AcceptedAndNotAccepted_ByComparisonWithTheAcceptedValue() throws {
        try withEmbeddedArchive { archive in
            let stalin = try view(archive, "joseph-stalin", .person)
            let claims = list(stalin["born"]?.objectValue?["claims"])
            #expect(claims.map { $0["status"] } == ["accepted", "not_accepted"])
            #expect(claims.map { $0["accepted"] } == [true, false])
            #expect(claims[1]["reason"]?.stringValue?.contains("18 December 1878") == true)
            #expect(isReference(stalin["died"]?.objectValue?["place"], .place, "moscow"))
        }
    }

    // MARK: - Institutions

    @Test func nkgb_TwoActivePeriods_PeopleDocumentsEventsAndNeighbours() throws {
        try withEmbeddedArchive { archive in
            let nkgb = try view(archive, "nkgb", .institution)
            let periods = list(nkgb["active_periods"])
            #expect(periods.map { date($0["date"]).edtf } == ["1941-02-03/1941-07-20", "1943-04-14/1946-03-15"])
            #expect(periods.first?["note"]?.stringValue?.hasPrefix("first existence") == true)
            #expect(date(nkgb["founded"]).edtf == "1941-02-03")
            #expect(date(nkgb["dissolved"]).edtf == "1946-03-15")
            #expect(isReference(nkgb["parent"], .institution, "sovnarkom"))
            #expect(isReference(nkgb["predecessor"], .institution, "nkvd"))
            #expect(isReference(nkgb["successor"], .institution, "mgb"))
            #expect(nkgb["predecessor_of"]?.arrayValue?.contains { id($0) == "mgb" } == true)
            #expect((nkgb["children"]?.arrayValue ?? []).compactMap { id($0) }.sorted() == ["nkgb-estonian-ssr", "nkgb-lithuanian-ssr"])

            let people = list(nkgb["people"])
            let serov = people.first { id($0["person"]) == "ivan-serov" }
            #expect(serov?["title"] == "First Deputy People's Commissar of State Security of the USSR")
            #expect(date(serov?["from"]).edtf == "1941-02" && date(serov?["to"]).edtf == "1941-07-20")
            #expect(people.filter { id($0["person"]) == "vsevolod-merkulov" }.count == 2)
            #expect(nkgb["documents_issued"]?.arrayValue?.contains { id($0) == "serov-instructions" } == true)
            #expect(list(nkgb["signatures"]).contains { id($0["document"]) == "serov-instructions" && id($0["person"]) == "ivan-serov" })
            #expect(nkgb["events_executed"]?.arrayValue?.contains { id($0) == "june-deportation-1941" } == true)
            #expect(list(nkgb["relations"]).contains {
                $0["type"] == "supersedes" && $0["direction"] == "incoming" && $0["label"] == "superseded_by" && id($0["item"]) == "mgb"
            })

            let mgb = try view(archive, "mgb", .institution)
            #expect(mgb["successor_of"]?.arrayValue?.map { id($0) } == ["nkgb"])
            let founding = list(mgb["founding_claims"])
            #expect(founding.map { date($0["date"]).edtf } == ["1946-03-15", "1946-03-19", "1946-03-22"])
            #expect(founding.map { $0["status"] } == ["accepted", "not_accepted", "not_accepted"])
            #expect(founding.allSatisfy { $0["source"]?.objectValue?["type"] == "source" })

            let gulag = try view(archive, "gulag", .institution)
            let dissolved = list(gulag["dissolved_claims"])
            #expect(dissolved.map { $0["status"] } == ["disputed", "accepted"])
            #expect(dissolved.allSatisfy { $0["status_basis"] == "stated" && $0["reason"] == "See dissolved_note." })
        }
    }

    // MARK: - Events

    @Test func juneDeportation_EstimatesWithSources_Places_DocumentsAndInstitutions() throws {
        try withEmbeddedArchive { archive in
            let event = try view(archive, "june-deportation-1941", .event)
            #expect(date(event["start"]).edtf == "1941-06-13" && date(event["end"]).edtf == "1941-06-19")
            #expect(event["countries"]?.arrayValue?.map { id($0) } == ["lithuania", "latvia", "estonia"])
            #expect(isReference(event["countries"]?.arrayValue?.first, .place, "lithuania"))
            #expect(event["destinations"]?.arrayValue?.count == 12)
            #expect(event["regions"] == [])
            let estimates = list(event["deported_estimates"])
            #expect(estimates.count == 18)
            #expect(estimates.allSatisfy { $0["source"]?.objectValue?["type"] == "source" && $0["status"] == "undecided" })
            #expect(estimates.filter { $0["place"] == "total" }.count == 1)
            let latvia = estimates.filter { id($0["place"]) == "latvia" && $0["basis"] == "deported" }
            #expect(Set(latvia.compactMap { $0["count"] }) == [15424, 15400, 15433, 15000, 15443])
            let range = estimates.first { $0["low"] != .null }
            #expect(range?["low"] == 16000 && range?["high"] == 18000 && range?["count"] == .null)
            #expect(list(event["death_estimates"]).contains { $0["unit"] == "percent" })
            #expect(event["authorizing_documents"]?.arrayValue?.map { id($0) } == ["directive-1299-526ss", "serov-instructions", "lssr-nkgb-order-0037"])
            #expect(isReference(event["executing_institutions"]?.arrayValue?.first, .institution, "nkgb"))
            #expect(list(event["relations"]).contains {
                $0["type"] == "procedure_for" && $0["direction"] == "incoming" && id($0["item"]) == "serov-instructions"
            })
        }
    }

    // MARK: - Places and sources

    @Test func latvia_CoordinatesSayWhichPointTheyAre_AndCiteTheirSource() throws {
        try withEmbeddedArchive { archive in
            let coordinates = try view(archive, "latvia", .place)["coordinates"]?.objectValue
            #expect(coordinates?["lat"] == .double(56.95) && coordinates?["lon"] == .double(24.11))
            #expect(coordinates?["point"] == "capital: Riga")
            #expect(isReference(coordinates?["source"], .source, "gaz-latvia"))
            let source = try view(archive, "gaz-latvia", .source)
            #expect(list(source["cited_by"]).contains {
                id($0["item"]) == "latvia" && $0["cited_for"] == ["sources", "coordinates"]
            })
        }
    }

    @Test func siauliai_CoordinatesParentAndTheCopyFoundThere() throws {
        try withEmbeddedArchive { archive in
            let place = try view(archive, "siauliai", .place)
            // Šiauliai's coordinates rest on the place's own sources: no point or source of their own.
            #expect(place["coordinates"] == ["lat": .double(55.93), "lon": .double(23.32), "point": nil, "source": nil])
            #expect(isReference(place["parent"], .place, "lithuania"))
            #expect(isReference(place["country"], .place, "lithuania"))
            #expect(place["native_names"]?.objectValue?["ru"] == "Шяуляй")
            let copy = list(place["documents"]).first
            #expect(id(copy?["document"]) == "serov-instructions" && copy?["role"] == "copy")
            #expect(date(copy?["received"]).edtf == "1941-06-07")

            let lithuania = try view(archive, "lithuania", .place)
            #expect(lithuania["children"]?.arrayValue?.contains { id($0) == "siauliai" } == true)
            #expect(list(lithuania["events"]).contains { id($0["event"]) == "june-deportation-1941" && $0["role"] == "country" })
            let moscow = try view(archive, "moscow", .place)
            #expect(list(moscow["persons"]).contains { id($0["person"]) == "joseph-stalin" && $0["role"] == "died" })
            #expect(list(moscow["documents"]).contains { id($0["document"]) == "mrp-secret-protocol" && $0["role"] == "place_of_issue" })
        }
    }

    @Test func source_BibliographicFields_AndCitedBy() throws {
        try withEmbeddedArchive { archive in
            let source = try view(archive, "wp-serov-instructions", .source)
            #expect(Array(source.keys.prefix(4)) == ["id", "type", "href", "title"])
            #expect(source["kind"]?.stringValue != nil && source["url"]?.stringValue?.hasPrefix("http") == true)
            #expect(list(source["sources"]).compactMap { id(.object($0)) } == ["wp-serov-instructions"])  // a source is its own evidence
            let citedBy = list(source["cited_by"])
            let ids = citedBy.compactMap { id($0["item"]) }
            #expect(Set(ids).count == ids.count)
            let instructions = citedBy.first { id($0["item"]) == "serov-instructions" }
            let members = Set(instructions?["cited_for"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            #expect(members.isSuperset(of: ["sources", "dating_claims", "copies", "publications", "relations"]))
            #expect(ids.contains("nkvd-order-001223") && ids.contains("nkgb") && ids.contains("june-deportation-1941"))

            let britannica = try view(archive, "britannica-stalin-birthdate", .source)
            let stalin = list(britannica["cited_by"]).first { id($0["item"]) == "joseph-stalin" }
            #expect(stalin?["cited_for"] == ["sources", "born.claims"])
        }
    }

    @Test func unknownIDOrWrongType_IsNil_AndTheUntypedLookupFindsTheType() throws {
        try withEmbeddedArchive { archive in
            #expect(try archive.pool.read { try ItemView.full("no-such-item", type: .document, in: $0) } == nil)
            #expect(try archive.pool.read { try ItemView.full("nkgb", type: .document, in: $0) } == nil)
            #expect(try archive.pool.read { try ItemView.full("no-such-item", in: $0) } == nil)
            let found = try archive.pool.read { try ItemView.full("nkgb", in: $0) }
            #expect(found?.0 == .institution && found?.1["id"] == "nkgb")
        }
    }

    @Test func relationLabels_InverseNames() {
        #expect(RelationLabels.inverse(of: "confused_with") == "confused_with")
        #expect(RelationLabels.inverse(of: "published_in") == "contains_publication_of")
        #expect(RelationLabels.inverse(of: "authorizes") == "authorized_by")
        #expect(RelationLabels.inverse(of: "somehow_linked") == "inverse_of_somehow_linked")
    }

    @Test func oneOfSetMembership() {
        #expect(ClaimStatus.listedInOneOfSet("1905-08-13", "[1905-08-13,1905-08-25]"))
        #expect(ClaimStatus.listedInOneOfSet("1905-08-20", "[1905-08-13..1905-08-25]"))
        #expect(!ClaimStatus.listedInOneOfSet("1905-08-14", "[1905-08-13,1905-08-25]"))
        #expect(!ClaimStatus.listedInOneOfSet("1905-08", "[1905-08-13,1905-08-25]"))
        #expect(!ClaimStatus.listedInOneOfSet("1905-08-13", "{1905-08-13,1905-08-25}"))
        #expect(!ClaimStatus.listedInOneOfSet("1905-08-13", "1905-08-13"))
    }
}
