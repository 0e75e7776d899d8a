import Support

extension ItemView {
    /// An event's members (see ``ItemView``): places, estimates with their sources, documents and institutions.
    static func eventMembers(_ stored: JSONObject, into view: inout JSONObject, _ context: ViewContext) throws {
        copy(["kind", "alternative_names", "operation_code_name"], from: stored, into: &view)
        view["start"] = DateObject.make(stored["start"]?.stringValue)
        view["end"] = DateObject.make(stored["end"]?.stringValue)
        copy(["date_note"], from: stored, into: &view)
        for member in ["countries", "regions", "destinations"] {
            view[member] = try context.references(stored[member])
        }
        for member in ["deported_estimates", "death_estimates", "destination_estimates"] {
            view[member] = .array(try objects(stored[member]).map { estimate in
                let place = estimate["place"]?.stringValue
                return .object(JSONObject([
                    ("place", place == nil || place == "total" ? "total" : try context.reference(place)),
                    ("count", estimate["count"] ?? .null), ("low", estimate["low"] ?? .null), ("high", estimate["high"] ?? .null),
                    ("unit", estimate["unit"] ?? .null), ("basis", estimate["basis"] ?? .null),
                    ("qualifier", estimate["qualifier"] ?? .null), ("note", estimate["note"] ?? .null),
                    ("source", try context.reference(estimate["source_id"])),
                ] + ClaimStatus.unranked))
            })
        }
        view["authorizing_documents"] = try context.references(stored["authorizing_document_ids"])
        view["executing_institutions"] = try context.references(stored["executing_institution_ids"])
        copy(["summary"], from: stored, into: &view)
    }
}
