import Testing
@testable import Server

/// The connection lifecycle over a manual clock: no sockets, no sleeping.
@Suite struct ConnectionStateTests {
    private var limits: HTTPLimits {
        var limits = HTTPLimits.testing
        limits.bodyProgressTimeout = 200  // distinct from the header deadline, so each is seen to apply
        limits.idleTimeout = 500
        limits.sendTimeout = 400
        limits.lingerTimeout = 100
        return limits
    }

    @Test func freshConnection_WithNoBytes_IsClosedQuietly_AtTheFirstByteDeadline() {
        var clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        clock.advance(milliseconds: 99)
        #expect(state.checkDeadlines(now: clock.now) == .none)
        clock.advance(milliseconds: 1)
        #expect(state.checkDeadlines(now: clock.now) == .close)
    }

    @Test func firstByte_JustInTime_KeepsTheHeaderDeadline_CountedFromTheAccept() {
        var clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        clock.advance(milliseconds: 99)
        state.received(now: clock.now, hasPartialRequest: true, isReadingBody: false)
        clock.advance(milliseconds: 200)
        #expect(state.checkDeadlines(now: clock.now) == .none)
        clock.advance(milliseconds: 1)
        #expect(state.checkDeadlines(now: clock.now) == .sendRequestTimeout)
    }

    @Test func firstByteTimeout_LongerThanTheHeaderTimeout_IsCappedByIt() {
        var longFirstByte = limits
        longFirstByte.firstByteTimeout = 5_000
        var clock = ManualClock()
        var state = ConnectionState(limits: longFirstByte, now: clock.now)
        clock.advance(milliseconds: 299)
        #expect(state.checkDeadlines(now: clock.now) == .none)
        clock.advance(milliseconds: 1)
        #expect(state.checkDeadlines(now: clock.now) == .close)
    }

    @Test func keptAliveConnection_WaitsTheIdleTimeout_NotTheFirstByteTimeout() {
        var clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        state.requestDispatched()
        _ = state.responseComplete(now: clock.now, keepAlive: true)
        clock.advance(milliseconds: 100)
        #expect(state.checkDeadlines(now: clock.now) == .none)
    }

    @Test func idleness_IsNeverSent_ThenNone_ThenBetweenRequests() {
        let clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        #expect(state.idleness == .neverSent)
        state.received(now: clock.now, hasPartialRequest: true, isReadingBody: false)
        #expect(state.idleness == nil)
        state.requestDispatched()
        #expect(state.idleness == nil)
        _ = state.responseComplete(now: clock.now, keepAlive: true)
        #expect(state.idleness == .betweenRequests)
        _ = state.startDraining()
        #expect(state.idleness == nil)
    }

    // Timeline: accept at 0 → bytes trickle at 100, 200, 290 → 408 at 300 (from the accept).
    @Test func slowloris_Gets408_AtTheHeaderDeadline_EvenWhileBytesTrickle() {
        var clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        for step in [100, 100, 90] {
            clock.advance(milliseconds: step)
            state.received(now: clock.now, hasPartialRequest: true, isReadingBody: false)
            #expect(state.checkDeadlines(now: clock.now) == .none)
        }
        clock.advance(milliseconds: 10)
        #expect(state.checkDeadlines(now: clock.now) == .sendRequestTimeout)
        #expect(state.errorResponseSent(now: clock.now) == .linger)
        clock.advance(milliseconds: 100)
        #expect(state.checkDeadlines(now: clock.now) == .close)
    }

    @Test func keptAliveConnection_HeaderDeadline_StartsAtItsFirstByte() {
        var clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        state.requestDispatched()
        #expect(state.responseComplete(now: clock.now, keepAlive: true) == .readNextRequest)
        clock.advance(milliseconds: 400)
        state.received(now: clock.now, hasPartialRequest: true, isReadingBody: false)
        clock.advance(milliseconds: 299)
        #expect(state.checkDeadlines(now: clock.now) == .none)
        clock.advance(milliseconds: 1)
        #expect(state.checkDeadlines(now: clock.now) == .sendRequestTimeout)
    }

    @Test func idleKeepAlive_IsClosedQuietly_AtTheIdleTimeout() {
        var clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        state.requestDispatched()
        _ = state.responseComplete(now: clock.now, keepAlive: true)
        clock.advance(milliseconds: 499)
        #expect(state.checkDeadlines(now: clock.now) == .none)
        clock.advance(milliseconds: 1)
        #expect(state.checkDeadlines(now: clock.now) == .close)
    }

    @Test func body_MustKeepProgressing() {
        var clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        state.received(now: clock.now, hasPartialRequest: true, isReadingBody: true)
        clock.advance(milliseconds: 150)
        state.received(now: clock.now, hasPartialRequest: true, isReadingBody: true)
        clock.advance(milliseconds: 199)
        #expect(state.checkDeadlines(now: clock.now) == .none)
        clock.advance(milliseconds: 1)
        #expect(state.checkDeadlines(now: clock.now) == .sendRequestTimeout)
    }

    @Test func processing_HasNoDeadline() {
        var clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        state.requestDispatched()
        clock.advance(milliseconds: 60_000)
        #expect(state.checkDeadlines(now: clock.now) == .none)
    }

    @Test func slowReader_IsDropped_AtTheSendTimeout_CountedFromLastProgress() {
        var clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        state.requestDispatched()
        state.writeBlocked(now: clock.now)
        clock.advance(milliseconds: 300)
        state.wroteSome(now: clock.now)
        clock.advance(milliseconds: 399)
        #expect(state.checkDeadlines(now: clock.now) == .none)
        clock.advance(milliseconds: 1)
        #expect(state.checkDeadlines(now: clock.now) == .close)
    }

    @Test func connectionClose_LingersThenCloses() {
        var clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        state.requestDispatched()
        #expect(state.responseComplete(now: clock.now, keepAlive: false) == .linger)
        clock.advance(milliseconds: 100)
        #expect(state.checkDeadlines(now: clock.now) == .close)
    }

    @Test func draining_ClosesIdleConnections_AndEndsKeepAliveForBusyOnes() {
        let clock = ManualClock()
        var idle = ConnectionState(limits: limits, now: clock.now)
        #expect(idle.startDraining() == .close)
        var busy = ConnectionState(limits: limits, now: clock.now)
        busy.requestDispatched()
        #expect(busy.startDraining() == .none)
        #expect(busy.responseComplete(now: clock.now, keepAlive: true) == .linger)
    }

    @Test func draining_KeepsAnIdleConnection_WhoseRequestIsWaitingInTheSocket() {
        let clock = ManualClock()
        var state = ConnectionState(limits: limits, now: clock.now)
        #expect(state.startDraining(hasPendingInput: true) == .none)
        state.received(now: clock.now, hasPartialRequest: true, isReadingBody: false)
        state.requestDispatched()
        #expect(state.responseComplete(now: clock.now, keepAlive: true) == .linger)
    }
}
