/// The client behind `archive-server healthcheck` (Docker's HEALTHCHECK): one `GET /healthz`
/// (or `/readyz` for `--ready`) over loopback with a short timeout; true when the answer is 200.
public enum HealthCheckClient {
    public static func isHealthy(host: String, port: Int, path: String = "/healthz", timeoutSeconds: Int = 3) -> Bool {
        // A wildcard listener is reached through loopback.
        let target = host == "0.0.0.0" ? "127.0.0.1" : (host == "::" ? "::1" : (host == "localhost" ? "127.0.0.1" : host))
        let endpoint = HTTPClient.Endpoint(host: target, port: port)
        let response = try? HTTPClient.get(endpoint, target: path, timeoutSeconds: timeoutSeconds, numericHost: true)
        return response?.status == 200
    }
}
