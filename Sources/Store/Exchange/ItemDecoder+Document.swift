extension ItemDecoder {
    static func decodeDocument(_ reader: inout FieldReader, into item: inout DecodedItem) {
        let id = SQLValue.text(item.id)
        let title = reader.string("title", required: true)
        let nativeTitle = reader.string("native_title")
        let alternativeTitles = reader.strings("alternative_titles")
        let number = reader.string("number")
        let kind = reader.string("kind", required: true)
        let classification = reader.string("classification")
        let language = reader.string("language")
        let undated = reader.bool("undated") ?? false
        let statedDate = reader.date("stated_date")?.edtf
        let date = reader.object("date") { date -> (StoredDate?, String?) in
            (date.date("edtf", required: true), date.string("note"))
        }
        let issuer = reader.reference("issuer", to: .institution)
        let issuerName = reader.string("issuer_name")
        let placeOfIssue = reader.reference("place_of_issue", to: .place)
        let summary = reader.string("summary", required: true)
        let notes = reader.string("notes")
        if undated, statedDate != nil {
            reader.problems.add(reader.path("stated_date"), "must be null when the document is undated")
        }

        item.label = title ?? ""
        item.kind = kind
        item.date = date?.0
        item.span = (date?.0?.earliest, date?.0?.latest)
        item.summary = summary
        item.searchNames = alternativeTitles + [nativeTitle, number, issuerName].compactMap { $0 }
        item.searchBody = [summary, notes, date?.1].compactMap { $0 }
        item.rows += nameRows(item.id, role: "alternative", alternativeTitles.map { (nil, $0) })
        item.rows.append(RowInsert(
            "documents",
            ["id", "title", "native_title", "number", "kind", "classification", "language", "undated", "stated_date",
             "date_edtf", "date_earliest", "date_latest", "date_note", "issuer", "issuer_name", "place_of_issue", "summary", "notes"],
            [id, .nullable(title), .nullable(nativeTitle), .nullable(number), .nullable(kind), .nullable(classification),
             .nullable(language), .integer(undated ? 1 : 0), .nullable(statedDate)]
                + (date?.0).columns + [.nullable(date?.1), .nullable(issuer), .nullable(issuerName), .nullable(placeOfIssue),
                                       .nullable(summary), .nullable(notes)]))

        for (ordinal, coIssuer) in reader.references("co_issuers", to: .institution).enumerated() {
            item.rows.append(RowInsert("document_co_issuers", ["document_id", "ordinal", "institution_id"],
                                       [id, .integer(Int64(ordinal)), .text(coIssuer)]))
        }
        reader.objects("issuer_claims") { claim, ordinal in
            let name = claim.string("issuer_name", required: true)
            let source = claim.reference("source_id", to: .source, required: true)
            let note = claim.string("note")
            item.rows.append(RowInsert("document_issuer_claims", ["document_id", "ordinal", "issuer_name", "source_id", "note"],
                                       [id, .integer(Int64(ordinal)), .nullable(name), .nullable(source), .nullable(note)]))
        }
        reader.objects("dating_claims") { claim, ordinal in
            let date = claim.date("edtf", required: true)
            let claimedBy = claim.reference("claimed_by", to: .source, required: true)
            let description = claim.string("claimed_by_description")
            let status = claim.string("status", required: true)
            if let status, !["accepted", "disputed", "refuted"].contains(status) {
                claim.problems.add(claim.path("status"), "must be one of accepted, disputed, refuted")
            }
            let reason = claim.string("reason")
            item.rows.append(RowInsert(
                "document_dating_claims",
                ["document_id", "ordinal", "edtf", "earliest", "latest", "claimed_by", "claimed_by_description", "status", "reason"],
                [id, .integer(Int64(ordinal))] + date.columns + [.nullable(claimedBy), .nullable(description), .nullable(status), .nullable(reason)]))
        }
        reader.objects("signatories") { signatory, ordinal in
            let person = signatory.reference("person", to: .person, required: true)
            let role = signatory.string("role_at_signing", required: true)
            let institution = signatory.reference("institution", to: .institution)
            item.rows.append(RowInsert("document_signatories", ["document_id", "ordinal", "person_id", "role_at_signing", "institution_id"],
                                       [id, .integer(Int64(ordinal)), .nullable(person), .nullable(role), .nullable(institution)]))
        }
        reader.objects("other_signatories") { signatory, ordinal in
            let name = signatory.string("name", required: true)
            let role = signatory.string("role_at_signing")
            let note = signatory.string("note")
            if let name { item.searchNames.append(name) }
            item.rows.append(RowInsert("document_other_signatories", ["document_id", "ordinal", "name", "role_at_signing", "note"],
                                       [id, .integer(Int64(ordinal)), .nullable(name), .nullable(role), .nullable(note)]))
        }
        reader.objects("named_persons") { named, ordinal in
            let person = named.reference("person", to: .person, required: true)
            let role = named.string("role")
            let source = named.reference("source_id", to: .source)
            item.rows.append(RowInsert("document_named_persons", ["document_id", "ordinal", "person_id", "role", "source_id"],
                                       [id, .integer(Int64(ordinal)), .nullable(person), .nullable(role), .nullable(source)]))
        }
        reader.objects("copies") { copy, ordinal in
            let place = copy.reference("place", to: .place)
            let received = copy.date("received")
            let note = copy.string("note")
            let source = copy.reference("source_id", to: .source, required: true)
            if let note { item.searchBody.append(note) }
            item.rows.append(RowInsert(
                "document_copies",
                ["document_id", "ordinal", "place", "received", "received_earliest", "received_latest", "note", "source_id"],
                [id, .integer(Int64(ordinal)), .nullable(place)] + received.columns + [.nullable(note), .nullable(source)]))
        }
        reader.objects("publications") { publication, ordinal in
            let inDocument = publication.reference("document", to: .document)
            let year = publication.string("year")
            let heading = publication.string("heading")
            let note = publication.string("note")
            let source = publication.reference("source_id", to: .source, required: true)
            if let heading { item.searchNames.append(heading) }
            item.rows.append(RowInsert(
                "document_publications", ["document_id", "ordinal", "in_document", "year", "heading", "note", "source_id"],
                [id, .integer(Int64(ordinal)), .nullable(inDocument), .nullable(year), .nullable(heading), .nullable(note), .nullable(source)]))
        }
    }
}
