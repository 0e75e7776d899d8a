import Support

/// Writes one access-log line per request once its answer has been sent: the request id the
/// connection gave it (`X-Request-Id`), status, body bytes actually sent, and the time from
/// dispatch to the last byte. The event loop logs its own error answers (400, 408, 503) itself.
public struct AccessLogMiddleware: HTTPMiddleware {
    let log: AccessLog

    /// Logs in `format` (`.none`: this layer does nothing).
    public init(format: ServerConfiguration.LogFormat) {
        log = AccessLog(format: format)
    }

    public func respond(to request: HTTPRequest, context: RequestContext, next: any HTTPResponder) -> HTTPResponse {
        let started = SystemClock.monotonicNanoseconds()
        var response = next.respond(to: request, context: context)
        guard log.format != .none else { return response }
        let log = self.log
        let entry = AccessLog.Entry(requestID: context.requestID, client: context.clientAddress, method: request.method.rawValue,
                                    target: request.target, status: response.status.code, bytes: 0, durationNanoseconds: 0)
        let earlier = response.onSent
        response.onSent = { bytes in
            earlier?(bytes)
            var entry = entry
            entry.bytes = bytes
            entry.durationNanoseconds = SystemClock.monotonicNanoseconds() - started
            log.record(entry)
        }
        return response
    }
}
