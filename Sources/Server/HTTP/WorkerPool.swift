import Dispatch
import Synchronization

/// A fixed set of threads taking jobs from one FIFO queue: the bounded handler pool.
///
/// A slow handler holds one thread; the event loop keeps accepting and doing I/O meanwhile.
final class WorkerPool<Job: Sendable>: Sendable {
    private struct Queue: ~Copyable {
        var items: [Job?] = []
        var head = 0
        var isShutDown = false
    }

    private let queue = Mutex(Queue())
    private let available = DispatchSemaphore(value: 0)
    private let count: Int

    /// Starts `count` threads; each calls `makeWorker` once and then its result for every job.
    init(count: Int, name: String, makeWorker: @escaping @Sendable () -> (Job) -> Void) {
        self.count = max(1, count)
        for index in 0..<self.count {
            OSThread(name: "\(name)-\(index)") { [self] in
                let work = makeWorker()
                while let job = self.take() { work(job) }
            }.detach()
        }
    }

    /// Queues a job for the next free thread.
    func submit(_ job: Job) {
        queue.withLock { queue in
            queue.items.append(job)
        }
        available.signal()
    }

    /// Lets the threads finish the queued jobs and exit (they are not joined: a stuck handler
    /// must not keep the process from exiting).
    func shutdown() {
        queue.withLock { $0.isShutDown = true }
        for _ in 0..<count { available.signal() }
    }

    private func take() -> Job? {
        while true {
            available.wait()
            let next: Job?? = queue.withLock { queue in
                if queue.head < queue.items.count {
                    let job = queue.items[queue.head].take()
                    queue.head += 1
                    if queue.head == queue.items.count || queue.head > 1024 {
                        queue.items.removeFirst(queue.head)
                        queue.head = 0
                    }
                    return .some(job)
                }
                return queue.isShutDown ? .some(nil) : nil
            }
            if let next { return next }
        }
    }
}
