// swift-tools-version:6.0
import Foundation
import PackageDescription

// The target graph; each target may import only what it lists, so an upward or sideways import
// is a compile error:
//   Support        leaf: JSON, SHA-256/HMAC, base64url, the clock, calendar arithmetic
//   Store          SQLite (CSQLite), the archive's data, queries and views; no HTTP
//   Server         the HTTP core: sockets (CSystem), parser, connections, limits, router,
//                  middleware, gzip (CZlib), problem+json, access log, metrics; knows no archive
//   API            the archive's routes and middleware, on Server and Store
//   ArchiveServer  the `archive-server` command line: options, subcommands, signals
let package = Package(
    name: "deportation-archive",
    products: [
        .executable(name: "archive-server", targets: ["ArchiveServer"]),
    ],
    targets: [
        .target(name: "Support", path: "Sources/Support"),
        // The system libsqlite3 (Debian: libsqlite3-dev), through a shim header.
        .systemLibrary(name: "CSQLite", path: "Sources/Store/CSQLite"),
        .target(name: "Store", dependencies: ["CSQLite", "Support"], path: "Sources/Store", exclude: ["CSQLite"]),
        // Linux calls outside the Glibc module (epoll, eventfd, accept4), through a shim header.
        .systemLibrary(name: "CSystem", path: "Sources/Server/CSystem"),
        // The system zlib (Debian: zlib1g-dev) for gzip answers, through a shim header.
        .systemLibrary(name: "CZlib", path: "Sources/Server/CZlib"),
        .target(name: "Server", dependencies: ["CSystem", "CZlib", "Support"], path: "Sources/Server", exclude: ["CSystem", "CZlib"]),
        .target(name: "API", dependencies: ["Server", "Store", "Support"], path: "Sources/API"),
        .executableTarget(name: "ArchiveServer", dependencies: ["API", "Server", "Store", "Support"], path: "Sources/ArchiveServer"),
    ] + testTargets,
    swiftLanguageModes: [.v6]
)

/// The test targets, declared only where the `Tests` folder exists: the Docker build copies the
/// sources without it.
var testTargets: [Target] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: Context.packageDirectory + "/Tests", isDirectory: &isDirectory),
          isDirectory.boolValue else { return [] }
    return [
        .testTarget(name: "SupportTests", dependencies: ["Support", "TestSupport"], path: "Tests/SupportTests"),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Support", "TestSupport"], path: "Tests/StoreTests"),
        // Shared by the socket-level suites: a raw client, a live test server, fixtures.
        .target(name: "TestSupport", dependencies: ["Server", "Support"], path: "Tests/TestSupport"),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Support", "TestSupport"], path: "Tests/ServerTests"),
        .testTarget(name: "APITests", dependencies: ["API", "Server", "Store", "Support", "TestSupport"], path: "Tests/APITests"),
        .testTarget(name: "ArchiveServerTests", dependencies: ["ArchiveServer", "Server"], path: "Tests/ArchiveServerTests"),
    ]
}
