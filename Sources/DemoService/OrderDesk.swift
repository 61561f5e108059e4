import Foundation
import JSON

/// The order service's command side: commands are validated against the aggregate's current
/// state and either rejected or turned into events, as a real command handler does.
struct OrderDesk {
    enum Command {
        case placeOrder(customer: String, items: [String])
        case addItem(order: String, item: String)
        case removeItem(order: String, item: String)
        case pay(order: String, amount: Double)
        case ship(order: String, tracking: String)
        case cancel(order: String, reason: String)
    }

    /// An accepted command's event, before the store gives it a position.
    struct NewEvent {
        let stream: String
        let type: String
        let data: JSONValue
        let destination: String
    }

    struct Order {
        var status: String
        var items: [String]
        var total: Double
        var paid: Double
    }

    static let prices: [String: Double] = ["A": 50, "B": 30, "C": 12.5, "D": 99, "E": 5, "F": 20]
    private(set) var orders: [String: Order] = [:]
    /// The orders that still take commands (created or paid), for picking one quickly.
    private(set) var openOrders: [String] = []
    private var nextOrder = 1

    /// The event a command produces, or why it is rejected.
    mutating func handle(_ command: Command) -> Result<NewEvent, Rejection> {
        switch command {
        case .placeOrder(let customer, let items):
            let stream = "order-\(nextOrder)"
            nextOrder += 1
            let total = items.reduce(0) { $0 + (Self.prices[$1] ?? 0) }
            orders[stream] = Order(status: "CREATED", items: items, total: total, paid: 0)
            openOrders.append(stream)
            return .success(NewEvent(stream: stream, type: "OrderCreated", data: [
                "customer": .string(customer), "items": .array(items.map { .string($0) }), "total": .money(total),
            ], destination: "orders"))
        case .addItem(let stream, let item):
            guard var order = orders[stream], order.status == "CREATED" else { return .failure(Rejection("\(stream) is not open")) }
            order.items.append(item)
            order.total += Self.prices[item] ?? 0
            orders[stream] = order
            return .success(NewEvent(stream: stream, type: "ItemAdded", data: ["item": .string(item), "price": .money(Self.prices[item] ?? 0)],
                                     destination: "orders"))
        case .removeItem(let stream, let item):
            guard var order = orders[stream], order.status == "CREATED", let index = order.items.firstIndex(of: item) else {
                return .failure(Rejection("\(stream) has no \(item) to remove"))
            }
            order.items.remove(at: index)
            order.total -= Self.prices[item] ?? 0
            orders[stream] = order
            return .success(NewEvent(stream: stream, type: "ItemRemoved", data: ["item": .string(item), "price": .money(Self.prices[item] ?? 0)],
                                     destination: "orders"))
        case .pay(let stream, let amount):
            guard var order = orders[stream], order.status == "CREATED", order.paid + amount <= order.total + 0.001 else {
                return .failure(Rejection("\(stream) does not accept a payment of \(amount)"))
            }
            order.paid += amount
            if order.paid >= order.total - 0.001 { order.status = "PAID" }
            orders[stream] = order
            return .success(NewEvent(stream: stream, type: "PaymentReceived", data: ["amount": .money(amount)], destination: "billing"))
        case .ship(let stream, let tracking):
            guard var order = orders[stream], order.status == "PAID" else { return .failure(Rejection("\(stream) is not paid")) }
            order.status = "SHIPPED"
            orders[stream] = nil
            close(stream)
            return .success(NewEvent(stream: stream, type: "OrderShipped", data: ["tracking": .string(tracking)], destination: "shipping"))
        case .cancel(let stream, let reason):
            guard var order = orders[stream], order.status == "CREATED" || order.status == "PAID" else {
                return .failure(Rejection("\(stream) cannot be cancelled"))
            }
            order.status = "CANCELLED"
            orders[stream] = nil
            close(stream)
            return .success(NewEvent(stream: stream, type: "OrderCancelled", data: ["reason": .string(reason)], destination: "orders"))
        }
    }

    /// A finished order takes no more commands (and is forgotten, so memory stays flat).
    private mutating func close(_ stream: String) {
        if let index = openOrders.firstIndex(of: stream) { openOrders.swapAt(index, openOrders.count - 1); openOrders.removeLast() }
    }
}

struct Rejection: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
