import Dispatch
import EventModel
@testable import EventStore
import XCTest

/// The thread that reads a large file or a long compressed read decodes too while what it needs
/// next is not ready (`ChunkHandoff`, `OrderedBatchWork`): results still come in order, each
/// once, whoever decoded them, and a reader left alone does all the work instead of waiting.
final class ReaderHelpsDecodingTests: XCTestCase {
    /// Generous: the work below takes milliseconds; a reader that only waits never returns.
    private let hangBound: DispatchTimeInterval = .seconds(60)

    /// Runs `body` on another thread and fails if it does not return within the bound.
    private func finishes(_ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread {
            body()
            done.signal()
        }.start()
        return done.wait(timeout: .now() + hangBound) == .success
    }

    func testAChunkReaderWithoutWorkersDecodesEveryChunkInOrder() {
        let collected = Locked<[Int]>([])
        XCTAssertTrue(finishes {
            let handoff = ChunkHandoff<Int>(count: 50, window: 4)
            while let chunk = handoff.collect(decodingMeanwhile: { $0 * 10 }) { collected.update { $0.append(chunk) } }
        })
        XCTAssertEqual(collected.get(), (0..<50).map { $0 * 10 })
    }

    func testAChunkReaderAndItsWorkerShareTheChunksAndTheOrderHolds() {
        let byReader = Locked(0), byWorker = Locked(0)
        let collected = Locked<[Int]>([])
        XCTAssertTrue(finishes {
            let handoff = ChunkHandoff<Int>(count: 400, window: 6)
            let worker = HelperThreads.start(1, name: "test worker") {
                while let index = handoff.take() {
                    byWorker.update { $0 += 1 }
                    handoff.deliver(index, index * 10)
                }
            }
            while let chunk = handoff.collect(decodingMeanwhile: { index in
                byReader.update { $0 += 1 }
                return index * 10
            }) {
                collected.update { $0.append(chunk) }
            }
            handoff.stop()
            worker.wait()
        })
        XCTAssertEqual(collected.get(), (0..<400).map { $0 * 10 })
        XCTAssertEqual(byReader.get() + byWorker.get(), 400, "each chunk decoded once")
    }

    func testABatchConsumerWithoutWorkersWorksOnEveryBatchInOrder() throws {
        let collected = Locked<[String]>([])
        XCTAssertTrue(finishes {
            let work = OrderedBatchWork<Int, String>(window: 3)
            let producer = HelperThreads.start(1, name: "test producer") {
                for batch in 0..<40 where !work.submit(batch) { return }
                work.close()
            }
            while let output = try? work.collect(workingMeanwhile: { "batch \($0)" }) { collected.update { $0.append(output) } }
            producer.wait()
        })
        XCTAssertEqual(collected.get(), (0..<40).map { "batch \($0)" })
    }

    func testABatchConsumerStillGetsTheProducersFailureAfterItsBatches() {
        struct Broken: Error {}
        let outcome = Locked<(outputs: [Int], failed: Bool)>(([], false))
        XCTAssertTrue(finishes {
            let work = OrderedBatchWork<Int, Int>(window: 2)
            let producer = HelperThreads.start(1, name: "test producer") {
                for batch in 0..<5 where !work.submit(batch) { return }
                work.close(failure: Broken())
            }
            do {
                while let output = try work.collect(workingMeanwhile: { $0 + 100 }) { outcome.update { $0.outputs.append(output) } }
            } catch {
                outcome.update { $0.failed = error is Broken }
            }
            producer.wait()
        })
        XCTAssertEqual(outcome.get().outputs, [100, 101, 102, 103, 104])
        XCTAssertTrue(outcome.get().failed)
    }
}
