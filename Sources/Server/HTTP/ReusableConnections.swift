/// The idle connections the loop may close to make room at the connection cap, oldest first,
/// as nginx drains its "reusable" connections: two intrusive lists (links live in
/// ``Connection``), so insert, remove and finding the oldest are O(1) per event.
///
/// Connections that never sent a byte go before those kept alive between requests: a kept-alive
/// client has proved it speaks HTTP, and closing its connection races with a request it may be
/// sending (RFC 9112 §9.3.1), while a silent socket loses nothing. Loop thread only.
struct ReusableConnections {
    private struct List {
        var oldest: Connection?
        var newest: Connection?
    }

    private var neverSent = List()
    private var betweenRequests = List()
    /// How many connections are listed.
    private(set) var count = 0

    /// Lists or unlists `connection` after its state changed: an idle one goes in as the newest of
    /// its kind (staying where it is if it was already there), any other one comes out.
    mutating func update(_ connection: Connection) {
        let idleness = connection.state.idleness
        if connection.reusableKind == idleness { return }
        remove(connection)
        guard let idleness else { return }
        connection.reusableKind = idleness
        withList(idleness) { list in
            connection.olderReusable = list.newest
            list.newest?.newerReusable = connection
            list.newest = connection
            if list.oldest == nil { list.oldest = connection }
        }
        count += 1
    }

    /// Unlists `connection` if it is listed (before it closes or leaves the loop).
    mutating func remove(_ connection: Connection) {
        guard let kind = connection.reusableKind else { return }
        withList(kind) { list in
            if let older = connection.olderReusable { older.newerReusable = connection.newerReusable } else { list.oldest = connection.newerReusable }
            if let newer = connection.newerReusable { newer.olderReusable = connection.olderReusable } else { list.newest = connection.olderReusable }
        }
        connection.olderReusable = nil
        connection.newerReusable = nil
        connection.reusableKind = nil
        count -= 1
    }

    /// The oldest listed connection that `isClosable` accepts, looking at no more than `limit`
    /// (never-sent ones first), so a scan stays bounded.
    func oldest(lookingAtMost limit: Int, where isClosable: (Connection) -> Bool) -> Connection? {
        var looked = 0
        func scan(_ list: List) -> Connection? {
            var candidate = list.oldest
            while let connection = candidate, looked < limit {
                if isClosable(connection) { return connection }
                looked += 1
                candidate = connection.newerReusable
            }
            return nil
        }
        return scan(neverSent) ?? scan(betweenRequests)
    }

    private mutating func withList(_ kind: ConnectionState.Idleness, _ body: (inout List) -> Void) {
        switch kind {
        case .neverSent: body(&neverSent)
        case .betweenRequests: body(&betweenRequests)
        }
    }
}
