// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "deportation-archive",
    products: [
        .executable(name: "archive-server", targets: ["ArchiveServer"]),
    ],
    targets: [
        // The system libsqlite3 (Debian: libsqlite3-dev), through a shim header.
        .systemLibrary(name: "CSQLite", path: "Sources/Store/CSQLite"),
        .target(
            name: "Store",
            dependencies: ["CSQLite"],
            path: "Sources/Store",
            exclude: ["CSQLite"]
        ),
        // Linux calls outside the Glibc module (epoll, eventfd, accept4), through a shim header.
        .systemLibrary(name: "CSystem", path: "Sources/Server/CSystem"),
        .target(name: "Server", dependencies: ["Store", "CSystem"], path: "Sources/Server", exclude: ["CSystem"]),
        .executableTarget(
            name: "ArchiveServer",
            dependencies: ["Server", "Store"],
            path: "Sources/ArchiveServer"
        ),
        .testTarget(name: "StoreTests", dependencies: ["Store"], path: "Tests/StoreTests"),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Store"], path: "Tests/ServerTests"),
    ],
    swiftLanguageModes: [.v6]
)

// The Docker image builds from Package.swift, schema.sql, Sources and data alone: without the
// Tests folder, the package has no test targets (their paths would not exist).
import Foundation

if !FileManager.default.fileExists(atPath: Context.packageDirectory + "/Tests") {
    package.targets.removeAll { $0.type == .test }
}
