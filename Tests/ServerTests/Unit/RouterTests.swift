import Testing
@testable import Server

/// Route matching, 404/405, HEAD via GET, parameters and error rendering.
@Suite struct RouterTests {
    private func router() -> Router {
        var router = Router()
        router.add(.GET, "/v1/:collection/:id") { _, context in
            .text("item \(context.parameters["collection"]!)/\(context.parameters["id"]!)")
        }
        router.add(.GET, "/v1/documents/search") { _, _ in .text("literal") }
        router.add(.PUT, "/v1/:collection/:id") { _, _ in HTTPResponse(status: 204) }
        router.add(.GET, "/") { _, _ in .text("root") }
        router.add(.GET, "/problem") { _, _ in throw Problem.invalidParameter("limit", detail: "limit must be 1…500") }
        router.add(.GET, "/crash") { _, _ in throw CancellationError() }
        return router
    }

    private func send(_ method: HTTPMethod, _ target: String) -> HTTPResponse {
        router().respond(to: HTTPRequest(method: method, target: target), context: RequestContext(requestID: "t"))
    }

    private func text(_ response: HTTPResponse) -> String {
        guard case .bytes(let bytes) = response.body else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func parameters_ArePercentDecoded() {
        #expect(text(send(.GET, "/v1/people/J%C4%81nis%20B")) == "item people/Jānis B")
    }

    @Test func literalSegment_WinsOverParameter() {
        #expect(text(send(.GET, "/v1/documents/search")) == "literal")
        #expect(text(send(.GET, "/v1/documents/other")) == "item documents/other")
    }

    @Test func root_AndUnknownPath() {
        #expect(text(send(.GET, "/")) == "root")
        let missing = send(.GET, "/v2/x")
        #expect(missing.status == 404 && missing.headers["content-type"] == "application/problem+json")
        #expect(send(.GET, "/v1/documents").status == 404)
        #expect(send(.GET, "/v1/documents/x/").status == 404)  // trailing slash is another path
        #expect(send(.GET, "/v1//x").status == 404)  // an empty segment is not a parameter
    }

    @Test func otherMethod_Is405_WithAllow_IncludingHEAD() {
        let response = send(.DELETE, "/v1/people/1")
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, HEAD, PUT")
        #expect(text(response).contains("\"status\":405"))
    }

    @Test func head_IsServedByTheGETHandler() {
        #expect(text(send(.HEAD, "/v1/people/1")) == "item people/1")
    }

    @Test func thrownProblem_RendersItself_AndOtherErrorsAreABare500() {
        let problem = send(.GET, "/problem")
        #expect(problem.status == 400 && text(problem).contains("\"parameter\":\"limit\""))
        let crash = send(.GET, "/crash")
        #expect(crash.status == 500)
        #expect(text(crash) == #"{"type":"about:blank","title":"Internal Server Error","status":500}"#)
    }

    @Test func badPercentEncoding_Is400() {
        #expect(send(.GET, "/v1/people/%00").status == 400)
        #expect(send(.GET, "/v1/people/%zz").status == 400)
        #expect(send(.GET, "/v1/people/%C3").status == 400)
    }

    @Test func asterisk_ListsAllowedMethods() {
        let response = send(.OPTIONS, "*")
        #expect(response.status == 204 && response.headers["Allow"] == "GET, HEAD, PUT")
    }
}
