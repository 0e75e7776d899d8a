extension ItemDecoder {
    static func decodeEvent(_ reader: inout FieldReader, into item: inout DecodedItem) {
        let id = SQLValue.text(item.id)
        let name = reader.string("name", required: true)
        let kind = reader.string("kind", required: true)
        let alternativeNames = reader.strings("alternative_names")
        let codeName = reader.string("operation_code_name")
        let start = reader.date("start")
        let end = reader.date("end")
        let dateNote = reader.string("date_note")
        let summary = reader.string("summary", required: true)
        if let startEarliest = start?.earliest, let endLatest = end?.latest, endLatest < startEarliest {
            reader.problems.add(reader.path("end"), "is before the start")
        }

        item.label = name ?? ""
        item.kind = kind
        item.span = (start?.earliest ?? end?.earliest, end?.latest ?? start?.latest)
        item.date = StoredDate.span(from: start, to: end)
        item.summary = summary
        item.searchNames = alternativeNames + [codeName].compactMap { $0 }
        item.searchBody = [summary, dateNote].compactMap { $0 }
        item.rows.append(RowInsert(
            "events",
            ["id", "name", "kind", "operation_code_name", "start_edtf", "start_earliest", "start_latest",
             "end_edtf", "end_earliest", "end_latest", "date_note", "summary"],
            [id, .nullable(name), .nullable(kind), .nullable(codeName)] + start.columns + end.columns
                + [.nullable(dateNote), .nullable(summary)]))
        item.rows += nameRows(item.id, role: "alternative", alternativeNames.map { (nil, $0) })

        for (key, role) in [("countries", "country"), ("regions", "region"), ("destinations", "destination")] {
            for (ordinal, place) in reader.references(key, to: .place).enumerated() {
                item.rows.append(RowInsert("event_places", ["event_id", "role", "ordinal", "place_id"],
                                           [id, .text(role), .integer(Int64(ordinal)), .text(place)]))
            }
        }
        for (ordinal, document) in reader.references("authorizing_document_ids", to: .document).enumerated() {
            item.rows.append(RowInsert("event_documents", ["event_id", "ordinal", "document_id"], [id, .integer(Int64(ordinal)), .text(document)]))
        }
        for (ordinal, institution) in reader.references("executing_institution_ids", to: .institution).enumerated() {
            item.rows.append(RowInsert("event_institutions", ["event_id", "ordinal", "institution_id"],
                                       [id, .integer(Int64(ordinal)), .text(institution)]))
        }
        for (key, measure) in [("deported_estimates", "deported"), ("death_estimates", "deaths"), ("destination_estimates", "destination")] {
            reader.objects(key) { estimate, ordinal in
                var place: String?
                estimate.allow("place")
                switch estimate.object["place"] {
                case .string("total")?: place = nil
                case .string(let placeID)?:
                    place = estimate.references.check(placeID, as: .place, at: estimate.path("place"), problems: estimate.problems) ? placeID : nil
                default: estimate.problems.add(estimate.path("place"), "must be a place id or \"total\"")
                }
                let count = estimate.number("count")
                let low = estimate.number("low", integerOnly: true)
                let high = estimate.number("high", integerOnly: true)
                let unit = estimate.string("unit", required: true)
                let basis = estimate.string("basis")
                let qualifier = estimate.string("qualifier")
                let note = estimate.string("note")
                let source = estimate.reference("source_id", to: .source, required: true)
                if count == nil, low == nil, high == nil {
                    estimate.problems.add(estimate.path("count"), "an estimate needs count, or low and/or high")
                }
                if case .integer(let lowValue)? = low, case .integer(let highValue)? = high, highValue < lowValue {
                    estimate.problems.add(estimate.path("high"), "is lower than low")
                }
                item.rows.append(RowInsert(
                    "event_estimates",
                    ["event_id", "measure", "ordinal", "place", "count", "low", "high", "unit", "basis", "qualifier", "note", "source_id"],
                    [id, .text(measure), .integer(Int64(ordinal)), .nullable(place), count ?? .null, low ?? .null, high ?? .null,
                     .nullable(unit), .nullable(basis), .nullable(qualifier), .nullable(note), .nullable(source)]))
            }
        }
    }
}

extension StoredDate {
    init(edtf: String, earliest: Int?, latest: Int?) {
        self.edtf = edtf
        self.earliest = earliest
        self.latest = latest
    }

    /// The span from `start` to `end` as one EDTF interval, for an item's list date: an event's
    /// start to end, a person's birth to death, an institution's founding to dissolution. Plain
    /// dates keep their precision (`1941-02/1941-07-20`); a set or interval at either end is
    /// replaced by its first or last day. With `unknownEndIsOpen` (a life, an institution) a
    /// missing end is written as unknown (`1905/`); otherwise the one known end stands alone.
    static func span(from start: StoredDate?, to end: StoredDate?, unknownEndIsOpen: Bool = false) -> StoredDate? {
        func isPlain(_ date: StoredDate) -> Bool { !date.edtf.contains("/") && !date.edtf.hasPrefix("[") && !date.edtf.hasPrefix("{") }
        func startText(_ date: StoredDate) -> String? { isPlain(date) ? date.edtf : date.earliest.map { Day(dayNumber: $0).iso } }
        func endText(_ date: StoredDate) -> String? { isPlain(date) ? date.edtf : date.latest.map { Day(dayNumber: $0).iso } }
        let text: String?
        switch (start, end) {
        case (nil, nil): return nil
        case (let start?, nil): text = isPlain(start) && !unknownEndIsOpen ? start.edtf : startText(start).map { $0 + "/" }
        case (nil, let end?): text = isPlain(end) && !unknownEndIsOpen ? end.edtf : endText(end).map { "/" + $0 }
        case (let start?, let end?):
            if start.edtf == end.edtf { return start }
            text = zip2(startText(start), endText(end)).map { $0 + "/" + $1 }
        }
        guard let text, let parsed = try? EDTFDate.parse(text) else { return nil }
        return StoredDate(edtf: text, earliest: start?.earliest ?? parsed.earliest?.dayNumber, latest: end?.latest ?? parsed.latest?.dayNumber)
    }
}

private func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
