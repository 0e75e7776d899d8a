extension Search {
    /// The best `capacity` hits seen so far, kept sorted best first (capacity is small: limit + 1).
    struct TopK {
        let capacity: Int
        private(set) var sorted: [Scored] = []
        var isFull: Bool { sorted.count == capacity }
        var worst: Scored? { sorted.last }

        init(capacity: Int) {
            self.capacity = capacity
            sorted.reserveCapacity(min(capacity, 1024))
        }

        mutating func insert(_ hit: Scored) {
            if sorted.count == capacity {
                guard let worst = sorted.last, hit.precedes(worst) else { return }
                sorted.removeLast()
            }
            // Binary search for the first element that `hit` precedes.
            var low = 0
            var high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid].precedes(hit) { low = mid + 1 } else { high = mid }
            }
            sorted.insert(hit, at: low)
        }
    }
}
