import Foundation
import StoreGenerator

/// What customers ask the order service to do: mostly sensible commands on their open orders,
/// and now and then one the service must reject (paying twice, shipping an unpaid order...).
struct CustomerTraffic {
    private var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    private static let items = OrderDesk.prices.keys.sorted()

    mutating func next(_ desk: OrderDesk) -> OrderDesk.Command {
        let items = Self.items
        if desk.openOrders.count < 20 || random.chance(0.25) {
            let count = 1 + Int(random.next() % 3)
            return .placeOrder(customer: "customer-\(random.next() % 5000)", items: (0..<count).map { _ in items[Int(random.next() % UInt64(items.count))] })
        }
        let stream = desk.openOrders[Int(random.next() % UInt64(desk.openOrders.count))]
        guard let order = desk.orders[stream] else { return .cancel(order: stream, reason: "gone") }
        let roll = random.unit()
        if roll < 0.04 { return .ship(order: stream, tracking: tracking()) }                      // often rejected: not paid
        if roll < 0.06 { return .pay(order: stream, amount: order.total + 10) }                   // rejected: too much
        switch order.status {
        case "CREATED":
            if roll < 0.2 { return .addItem(order: stream, item: items[Int(random.next() % UInt64(items.count))]) }
            if roll < 0.27, let item = order.items.last { return .removeItem(order: stream, item: item) }
            if roll < 0.35 { return .cancel(order: stream, reason: "customer request") }
            return .pay(order: stream, amount: max(0, order.total - order.paid))
        default:
            return roll < 0.9 ? .ship(order: stream, tracking: tracking()) : .cancel(order: stream, reason: "out of stock")
        }
    }

    private mutating func tracking() -> String { "TR\(100_000 + random.next() % 900_000)" }
}
