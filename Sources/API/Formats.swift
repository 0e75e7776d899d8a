import Server
import Store
import Support

/// Representations of a collection besides JSON pages: every matching row as CSV (RFC 4180),
/// NDJSON, or GeoJSON (places, and events as their places), streamed with flat memory.
enum Formats {
    enum Format: String { case json, csv, ndjson, geojson }

    static let mediaTypes: [(String, Format)] = [
        ("application/json", .json), ("text/csv", .csv), ("application/x-ndjson", .ndjson),
        ("application/geo+json", .geojson),
    ]

    /// `format=` wins; otherwise the Accept field's most preferred type we can make (JSON when none).
    static func negotiate(_ request: HTTPRequest, parameters: QueryParameters, type: ItemType) throws(Problem) -> Format {
        let geo = type == .place || type == .event
        if let name = parameters["format"] {
            let allowed = geo ? ["json", "csv", "ndjson", "geojson"] : ["json", "csv", "ndjson"]
            guard let format = Format(rawValue: name), allowed.contains(name) else {
                throw Problem.invalidParameter("format", detail: "'format' must be one of \(allowed.joined(separator: ", ")) for \(type.collection); got '\(name)'.\(NearestNames.suggestion(for: name, in: allowed))")
            }
            return format
        }
        guard let accept = request.headers[.accept] else { return .json }
        var best: (Format, Double)?
        for range in accept.split(separator: ",") {
            let pieces = range.split(separator: ";").map { String($0).trimmingSpaces().lowercased() }
            guard let media = pieces.first else { continue }
            var quality = 1.0
            for piece in pieces.dropFirst() where piece.hasPrefix("q=") { quality = Double(piece.dropFirst(2)) ?? 0 }
            guard quality > 0, let format = mediaTypes.first(where: { $0.0 == media })?.1 else { continue }
            if format == .geojson && !geo { continue }
            if best == nil || quality > best!.1 { best = (format, quality) }
        }
        return best?.0 ?? .json
    }

    /// The media type that asks for `format` in `Accept`.
    static func mediaType(of format: Format) -> String {
        mediaTypes.first { $0.1 == format }?.0 ?? "application/json"
    }

    static func stream(_ query: CollectionQuery, format: Format, api: ArchiveAPI) -> HTTPResponse {
        let type = query.type
        let contentType: String
        switch format {
        case .csv: contentType = "text/csv; charset=utf-8; header=present"
        case .ndjson: contentType = "application/x-ndjson"
        case .geojson: contentType = "application/geo+json"
        case .json: contentType = "application/json"
        }
        var response = HTTPResponse.stream(contentType: contentType) { writer in
            switch format {
            case .csv: try writeCSV(query, archive: api.archive, writer: writer)
            case .ndjson: try writeNDJSON(query, archive: api.archive, writer: writer)
            default: try writeGeoJSON(query, archive: api.archive, writer: writer)
            }
        }
        response.headers.set(.contentDisposition, "attachment; filename=\"\(type.collection).\(format.rawValue == "geojson" ? "geojson" : format.rawValue)\"")
        response.headers.set(.vary, HTTPFieldName.accept.rawValue)
        return response
    }

    /// Buffers small writes into pieces of about 16 KiB.
    final class Chunker {
        let writer: BodyWriter
        var buffer: [UInt8] = []
        init(_ writer: BodyWriter) { self.writer = writer; buffer.reserveCapacity(20_000) }
        func append(_ bytes: [UInt8]) throws { buffer += bytes; if buffer.count >= 16_384 { try flush() } }
        func flush() throws { if !buffer.isEmpty { try writer.write(buffer); buffer.removeAll(keepingCapacity: true) } }
    }

    /// CSV columns; the date appears as its EDTF text, first and last day, and readable form.
    static func csvHeader(_ type: ItemType) -> [String] {
        ["id", "type", type.displayField, "kind", "date_edtf", "date_earliest", "date_latest", "date_display", "href", "summary"]
    }

    static func writeCSV(_ query: CollectionQuery, archive: Archive, writer: BodyWriter) throws {
        let out = Chunker(writer)
        try out.append(csvLine(csvHeader(query.type)))
        try archive.forEach(query) { item, summary in
            let date = item["date"]?.objectValue
            try out.append(csvLine([
                item["id"]?.stringValue, item["type"]?.stringValue, item[query.type.displayField]?.stringValue,
                item["kind"]?.stringValue, date?["edtf"]?.stringValue, date?["earliest"]?.stringValue,
                date?["latest"]?.stringValue, date?["display"]?.stringValue, item["href"]?.stringValue, summary,
            ].map { $0 ?? "" }))
        }
        try out.flush()
    }

    /// One RFC 4180 record: fields with a comma, quote, CR or LF quoted, quotes doubled, CRLF end.
    static func csvLine(_ fields: [String]) -> [UInt8] {
        var line: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            let bytes = Array(field.utf8)
            if bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }) {
                line.append(UInt8(ascii: "\""))
                for byte in bytes {
                    if byte == UInt8(ascii: "\"") { line.append(byte) }
                    line.append(byte)
                }
                line.append(UInt8(ascii: "\""))
            } else {
                line += bytes
            }
        }
        line += [0x0D, 0x0A]
        return line
    }

    static func writeNDJSON(_ query: CollectionQuery, archive: Archive, writer: BodyWriter) throws {
        let out = Chunker(writer)
        try archive.forEach(query) { item, _ in
            var line = JSONWriter.bytes(.object(item))
            line.append(0x0A)
            try out.append(line)
        }
        try out.flush()
    }

    static func writeGeoJSON(_ query: CollectionQuery, archive: Archive, writer: BodyWriter) throws {
        let out = Chunker(writer)
        try out.append(Array("{\"type\":\"FeatureCollection\",\"features\":[".utf8))
        var first = true
        try archive.forEachFeature(query) { feature in
            try out.append((first ? [] : [UInt8(ascii: ",")]) + JSONWriter.bytes(feature))
            first = false
        }
        try out.append(Array("]}\n".utf8))
        try out.flush()
    }
}
