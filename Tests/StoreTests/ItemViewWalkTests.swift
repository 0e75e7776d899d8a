import Testing
@testable import Store
import Support

/// Walks the full view of every item of the embedded archive: every reference is a well-formed
/// reference object to an existing item, every date a date object, every claim has a status, and
/// references read the same from both ends.
@Suite struct ItemViewWalkTests {
    private struct Views: Sendable {
        var byID: [String: (ItemType, JSONObject)] = [:]
        var relations: [(from: String, to: String, type: String)] = []
        var types: [String: ItemType] = [:]
    }

    private func allViews(_ archive: Archive) throws -> Views {
        try archive.pool.read { db in
            var views = Views()
            let ids = try db.cachedStatement("SELECT id, type FROM items ORDER BY id").rows { ($0.text(0) ?? "", $0.text(1) ?? "") }
            for (id, typeName) in ids {
                guard let type = ItemType(rawValue: typeName), let view = try ItemView.full(id, type: type, in: db) else {
                    Issue.record("no view of \(id)")
                    continue
                }
                views.byID[id] = (type, view)
                views.types[id] = type
            }
            views.relations = try db.cachedStatement("SELECT from_id, to_id, type FROM relations ORDER BY ordinal").rows {
                (from: $0.text(0) ?? "", to: $0.text(1) ?? "", type: $0.text(2) ?? "")
            }
            return views
        }
    }

    private static let referenceMembers: Set<String> = [
        "issuer", "place_of_issue", "person", "institution", "place", "document", "item", "source", "claimed_by",
        "parent", "country", "predecessor", "successor", "event",
    ]
    private static let referenceListMembers: Set<String> = [
        "co_issuers", "countries", "regions", "destinations", "authorizing_documents", "executing_institutions", "sources",
        "authorized_events", "published_in", "children", "predecessor_of", "successor_of", "documents_issued",
        "documents_co_issued", "events_executed",
    ]
    private static let dateMembers: Set<String> = [
        "date", "stated_date", "received", "from", "to", "attested", "start", "end", "founded", "dissolved",
    ]
    private static let claimLists: Set<String> = [
        "dating_claims", "issuer_claims", "claims", "founding_claims", "dissolved_claims", "deported_estimates",
        "death_estimates", "destination_estimates",
    ]

    /// Checks one value found at `path` under member `name`; records every problem.
    private func check(_ value: JSONValue, name: String, path: String, views: Views, references: inout Int) {
        if Self.referenceMembers.contains(name) {
            if name == "place", value == "total" { return }
            if case .object(let object) = value, object["href"] != nil {
                checkReference(object, path: path, views: views)
                references += 1
                return
            }
            if !value.isNull, name != "date" { Issue.record("\(path): expected a reference or null, found \(value.typeName)") }
        }
        if Self.referenceListMembers.contains(name) {
            guard let elements = value.arrayValue else { Issue.record("\(path): expected a list of references"); return }
            for (index, element) in elements.enumerated() {
                guard let object = element.objectValue else { Issue.record("\(path)/\(index): not a reference"); continue }
                checkReference(object, path: "\(path)/\(index)", views: views)
                references += 1
            }
            return
        }
        if Self.dateMembers.contains(name), !value.isNull {
            guard let object = value.objectValue,
                  object.keys == ["edtf", "earliest", "latest", "uncertain", "approximate", "display"]
            else { Issue.record("\(path): expected a date object, found \(value)"); return }
            #expect(object["edtf"]?.stringValue?.isEmpty == false, "\(path)")
            #expect(object["display"]?.stringValue?.isEmpty == false, "\(path)")
            if let earliest = object["earliest"]?.stringValue, let latest = object["latest"]?.stringValue {
                #expect(earliest <= latest, "\(path)")
            }
            return
        }
        if Self.claimLists.contains(name) {
            for (index, claim) in (value.arrayValue ?? []).enumerated() {
                let object = claim.objectValue ?? JSONObject()
                let status = object["status"]?.stringValue ?? ""
                #expect(["accepted", "disputed", "refuted", "not_accepted", "undecided"].contains(status), "\(path)/\(index)")
                let accepted = object["accepted"]
                #expect(accepted == (status == "accepted" ? true : status == "undecided" ? .null : false), "\(path)/\(index)")
                #expect(["stated", "derived"].contains(object["status_basis"]?.stringValue ?? ""), "\(path)/\(index)")
                let sourced = object["source"]?.objectValue ?? object["claimed_by"]?.objectValue
                #expect(sourced?["type"] == "source", "\(path)/\(index): a claim without its source")
            }
        }
        switch value {
        case .object(let object):
            for member in object {
                if member.key.hasSuffix("_id") || member.key.hasSuffix("_ids") {
                    Issue.record("\(path)/\(member.key): an unresolved id member")
                }
                check(member.value, name: member.key, path: "\(path)/\(member.key)", views: views, references: &references)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                check(element, name: "", path: "\(path)/\(index)", views: views, references: &references)
            }
        default: break
        }
    }

    private func checkReference(_ object: JSONObject, path: String, views: Views) {
        guard let type = ItemType(rawValue: object["type"]?.stringValue ?? ""), let id = object["id"]?.stringValue else {
            Issue.record("\(path): a reference without type or id: \(object)")
            return
        }
        #expect(object.keys == ["type", "id", type.displayField, "href"], "\(path)")
        #expect(object["href"]?.stringValue == "/v1/\(type.collection)/\(id)", "\(path)")
        #expect((object[type.displayField]?.stringValue ?? "").isEmpty == false, "\(path): empty \(type.displayField)")
        #expect(views.types[id] == type, "\(path): \(id) is not a \(type.rawValue) of the archive")
    }

    @Test func everyReferenceOfEveryView_IsAWellFormedReferenceToAnExistingItem() throws {
        try withEmbeddedArchive { archive in
            let views = try allViews(archive)
            #expect(views.byID.count == 262)
            var references = 0
            for (id, entry) in views.byID {
                let (type, view) = entry
                #expect(Array(view.keys.prefix(4)) == ["id", "type", "href", type.displayField], "\(id)")
                #expect(view["href"]?.stringValue == Reference.href(type, id))
                #expect((view[type.displayField]?.stringValue ?? "").isEmpty == false, "\(id)")
                if type != .source { #expect(view["sources"]?.arrayValue?.isEmpty == false, "\(id) has no sources") }
                for member in view where !["id", "type", "href"].contains(member.key) {
                    check(member.value, name: member.key, path: "\(id)/\(member.key)", views: views, references: &references)
                }
            }
            #expect(references > 1_000)
        }
    }

    @Test func everyRelation_IsOutgoingOnItsSource_AndIncomingOnItsTarget() throws {
        try withEmbeddedArchive { archive in
            let views = try allViews(archive)
            #expect(views.relations.count == 29)
            for relation in views.relations {
                let outgoing = (views.byID[relation.from]?.1["relations"]?.arrayValue ?? []).compactMap(\.objectValue)
                #expect(outgoing.contains {
                    $0["type"]?.stringValue == relation.type && $0["direction"] == "outgoing"
                        && $0["label"]?.stringValue == relation.type && $0["item"]?.objectValue?["id"]?.stringValue == relation.to
                }, "\(relation.from) -\(relation.type)-> \(relation.to) is not outgoing on \(relation.from)")
                let incoming = (views.byID[relation.to]?.1["relations"]?.arrayValue ?? []).compactMap(\.objectValue)
                #expect(incoming.contains {
                    $0["type"]?.stringValue == relation.type && $0["direction"] == "incoming"
                        && $0["label"]?.stringValue == RelationLabels.inverse(of: relation.type)
                        && $0["item"]?.objectValue?["id"]?.stringValue == relation.from
                }, "\(relation.from) -\(relation.type)-> \(relation.to) is not incoming on \(relation.to)")
            }
            // No relation type of the data falls back to the generic inverse label.
            for relation in views.relations {
                #expect(!RelationLabels.inverse(of: relation.type).hasPrefix("inverse_of_"), "\(relation.type)")
            }
            // Nothing else appears in a relations list.
            let listed = views.byID.values.reduce(0) { $0 + ($1.1["relations"]?.arrayValue?.count ?? 0) }
            #expect(listed == 2 * views.relations.count)
        }
    }

    @Test func reverseReferences_MatchTheForwardOnes() throws {
        try withEmbeddedArchive { archive in
            let views = try allViews(archive)
            func ids(_ value: JSONValue?, _ member: String? = nil) -> Set<String> {
                Set((value?.arrayValue ?? []).compactMap { element in
                    let reference = member.map { element.objectValue?[$0] } ?? element
                    return reference?.objectValue?["id"]?.stringValue
                })
            }
            func lists(_ other: String, _ member: String, _ key: String?, _ id: String) -> Bool {
                ids(views.byID[other]?.1[member], key).contains(id)
            }
            for (id, entry) in views.byID {
                let (type, view) = entry
                switch type {
                case .document:
                    for person in ids(view["signatories"], "person") {
                        #expect(lists(person, "documents_signed", "document", id), "\(id) signed by \(person)")
                    }
                    for person in ids(view["named_persons"], "person") {
                        #expect(lists(person, "documents_naming", "document", id), "\(id) names \(person)")
                    }
                    if let issuer = view["issuer"]?.objectValue?["id"]?.stringValue {
                        #expect(lists(issuer, "documents_issued", nil, id), "\(id) issued by \(issuer)")
                    }
                    for host in ids(view["published_in"]) {
                        #expect(lists(host, "publications_contained", "document", id), "\(id) in \(host)")
                    }
                case .person:
                    for institution in ids(view["positions"], "institution") {
                        #expect(lists(institution, "people", "person", id), "\(id) at \(institution)")
                    }
                case .event:
                    for document in ids(view["authorizing_documents"]) {
                        #expect(lists(document, "authorized_events", nil, id), "\(id) authorised by \(document)")
                    }
                    for institution in ids(view["executing_institutions"]) {
                        #expect(lists(institution, "events_executed", nil, id), "\(id) executed by \(institution)")
                    }
                    for member in ["countries", "regions", "destinations"] {
                        for place in ids(view[member]) {
                            #expect(lists(place, "events", "event", id), "\(id) at \(place)")
                        }
                    }
                case .place:
                    if let parent = view["parent"]?.objectValue?["id"]?.stringValue {
                        #expect(lists(parent, "children", nil, id), "\(id) in \(parent)")
                    }
                case .institution:
                    if let parent = view["parent"]?.objectValue?["id"]?.stringValue {
                        #expect(lists(parent, "children", nil, id), "\(id) under \(parent)")
                    }
                    if let predecessor = view["predecessor"]?.objectValue?["id"]?.stringValue {
                        #expect(lists(predecessor, "predecessor_of", nil, id), "\(id) after \(predecessor)")
                    }
                    if let successor = view["successor"]?.objectValue?["id"]?.stringValue {
                        #expect(lists(successor, "successor_of", nil, id), "\(id) before \(successor)")
                    }
                case .source:
                    break
                }
                // Every source an item cites lists the item in cited_by (a source lists only itself).
                for source in ids(view["sources"]) where source != id {
                    #expect(lists(source, "cited_by", "item", id), "\(source) cited by \(id)")
                }
            }
        }
    }
}
