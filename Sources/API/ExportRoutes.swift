import Server
import Store

/// `GET /v1/export`: the whole archive in the import format, streamed.
enum ExportRoutes {
    static func register(on router: inout Router, api: ArchiveAPI) {
        router.add(.GET, "/v1/export") { request, _ in
            _ = try QueryParameters(request, allowed: [])
            var response = HTTPResponse.stream(contentType: "application/json") { writer in
                try api.archive.export { chunk in try writer.write(chunk) }
            }
            response.headers.set(.contentDisposition, "attachment; filename=\"archive-export.json\"")
            return response
        }
    }
}
