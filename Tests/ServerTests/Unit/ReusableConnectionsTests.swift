import Testing
@testable import Server

/// The order in which idle connections are closed at the cap: never-sent first, oldest first.
@Suite struct ReusableConnectionsTests {
    private func connection(_ fd: Int32, keptAlive: Bool = false) -> Connection {
        let connection = Connection(fd: fd, peer: "-", client: .v4(UInt32(fd)), limits: HTTPLimits(), now: 0)
        if keptAlive {
            connection.state.requestDispatched()
            _ = connection.state.responseComplete(now: 1, keepAlive: true)
        }
        return connection
    }

    private func order(_ list: ReusableConnections, _ count: Int = 10) -> [Int32] {
        var seen: [Int32] = []
        while seen.count < count, let next = list.oldest(lookingAtMost: 100, where: { !seen.contains($0.fd) }) {
            seen.append(next.fd)
        }
        return seen
    }

    @Test func neverSentGoFirst_OldestFirst_ThenKeptAlive_OldestFirst() {
        var list = ReusableConnections()
        let all = [connection(1, keptAlive: true), connection(2), connection(3, keptAlive: true), connection(4)]
        for each in all { list.update(each) }
        #expect(list.count == 4)
        #expect(order(list) == [2, 4, 1, 3])
    }

    @Test func update_KeepsThePlace_AndABusyConnectionLeaves() {
        var list = ReusableConnections()
        let first = connection(1), second = connection(2)
        list.update(first)
        list.update(second)
        list.update(first)
        #expect(order(list) == [1, 2])
        first.state.received(now: 1, hasPartialRequest: true, isReadingBody: false)
        list.update(first)
        #expect(order(list) == [2])
        list.remove(second)
        list.remove(second)
        #expect(list.count == 0 && order(list).isEmpty)
    }

    @Test func aKeptAliveConnection_GoesBackAsTheNewest() {
        var list = ReusableConnections()
        let first = connection(1, keptAlive: true), second = connection(2, keptAlive: true)
        list.update(first)
        list.update(second)
        first.state.requestDispatched()
        list.update(first)
        _ = first.state.responseComplete(now: 2, keepAlive: true)
        list.update(first)
        #expect(order(list) == [2, 1])
    }

    @Test func theScan_StopsAfterItsLimit() {
        var list = ReusableConnections()
        let all = (1...5).map { connection(Int32($0)) }
        for each in all { list.update(each) }
        #expect(list.oldest(lookingAtMost: 3, where: { $0.fd == 4 }) == nil)
        #expect(list.oldest(lookingAtMost: 4, where: { $0.fd == 4 })?.fd == 4)
    }
}
