extension ItemDecoder {
    static func decodeInstitution(_ reader: inout FieldReader, into item: inout DecodedItem) {
        let id = SQLValue.text(item.id)
        let name = reader.string("name", required: true)
        let abbreviation = reader.string("abbreviation")
        let nativeName = reader.string("native_name")
        let alternativeNames = reader.strings("alternative_names")
        let kind = reader.string("kind", required: true)
        let founded = reader.date("founded")
        let foundedNote = reader.string("founded_note")
        let dissolved = reader.date("dissolved")
        let dissolvedNote = reader.string("dissolved_note")
        let parent = reader.reference("parent", to: .institution)
        let predecessor = reader.reference("predecessor", to: .institution)
        let successor = reader.reference("successor", to: .institution)
        let summary = reader.string("summary", required: true)
        if let foundedEarliest = founded?.earliest, let dissolvedLatest = dissolved?.latest, dissolvedLatest < foundedEarliest {
            reader.problems.add(reader.path("dissolved"), "is before the founding date")
        }

        item.label = name ?? ""
        item.kind = kind
        item.span = (founded?.earliest, dissolved?.latest)
        item.date = StoredDate.span(from: founded, to: dissolved, unknownEndIsOpen: true)
        item.summary = summary
        item.searchNames = alternativeNames + [abbreviation, nativeName].compactMap { $0 }
        item.searchBody = [summary, foundedNote, dissolvedNote].compactMap { $0 }
        item.rows.append(RowInsert(
            "institutions",
            ["id", "name", "abbreviation", "native_name", "kind", "founded", "founded_earliest", "founded_latest", "founded_note",
             "dissolved", "dissolved_earliest", "dissolved_latest", "dissolved_note", "parent", "predecessor", "successor", "summary"],
            [id, .nullable(name), .nullable(abbreviation), .nullable(nativeName), .nullable(kind)] + founded.columns
                + [.nullable(foundedNote)] + dissolved.columns
                + [.nullable(dissolvedNote), .nullable(parent), .nullable(predecessor), .nullable(successor), .nullable(summary)]))
        item.rows += nameRows(item.id, role: "alternative", alternativeNames.map { (nil, $0) })

        reader.objects("active_periods") { period, ordinal in
            let date = period.date("edtf", required: true)
            let note = period.string("note")
            item.rows.append(RowInsert("institution_periods", ["institution_id", "ordinal", "edtf", "earliest", "latest", "note"],
                                       [id, .integer(Int64(ordinal))] + date.columns + [.nullable(note)]))
        }
        for (key, event) in [("founding_claims", "founded"), ("dissolved_claims", "dissolved")] {
            reader.objects(key) { claim, ordinal in
                let date = claim.date("edtf", required: true)
                let source = claim.reference("source_id", to: .source, required: true)
                let status = claim.string("status")
                let note = claim.string("note")
                item.rows.append(RowInsert(
                    "institution_date_claims",
                    ["institution_id", "event", "ordinal", "edtf", "earliest", "latest", "source_id", "status", "note"],
                    [id, .text(event), .integer(Int64(ordinal))] + date.columns + [.nullable(source), .nullable(status), .nullable(note)]))
            }
        }
    }
}
