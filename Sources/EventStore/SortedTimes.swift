/// Times in microseconds kept in ascending order, for counting "how many by T" with a binary search.
/// Times read are gathered in a tail and sorted in at once (`settle`): appended when they come
/// after every time held, the usual case for a store being written, else merged in one pass.
struct SortedTimes: Sendable {
    private(set) var values: [Int64] = []
    private var tail: [Int64] = []

    var count: Int { values.count }

    /// How many times are at or before `time`.
    func count(atOrBefore time: Int64) -> Int {
        values.upperBound(of: time) { $0 }
    }

    /// The latest time at or before `time`.
    func last(atOrBefore time: Int64) -> Int64? {
        let index = count(atOrBefore: time)
        return index == 0 ? nil : values[index - 1]
    }

    mutating func add(_ time: Int64) {
        tail.append(time)
    }

    mutating func settle() {
        tail.sort()
        values.mergeSorted(tail) { $0 }
        tail = []
    }
}

extension Array {
    /// The index of the first element whose key is greater than `bound` (the array is ascending by key).
    func upperBound(of bound: Int64, key: (Element) -> Int64) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if key(self[middle]) <= bound { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Merges `added` (ascending by key) into this ascending array; returns the index of the first
    /// element that moved or was added, so a caller can update what it derives from there on.
    @discardableResult
    mutating func mergeSorted(_ added: [Element], key: (Element) -> Int64) -> Int {
        guard let first = added.first else { return count }
        if isEmpty {
            self = added
            return 0
        }
        if let last = self.last, key(last) > key(first) {
            let start = upperBound(of: key(first), key: key)
            var merged = Array(self[..<start])
            merged.reserveCapacity(count + added.count)
            var old = start, new = 0
            while old < count || new < added.count {
                if new == added.count || (old < count && key(self[old]) <= key(added[new])) {
                    merged.append(self[old]); old += 1
                } else {
                    merged.append(added[new]); new += 1
                }
            }
            self = merged
            return start
        }
        let start = count
        append(contentsOf: added)
        return start
    }
}
