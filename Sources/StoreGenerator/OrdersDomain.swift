import JSON

/// An order service with an inventory that reacts to it. Orders run through realistic lifecycles
/// (created, items changed, paid, shipped or cancelled, some abandoned) with many in flight at
/// once, so their events interleave in the log. `order-42` is always the worked example of the
/// design notes: created with items A and B, B removed, 50 paid, shipped with tracking XY123.
struct OrdersDomain: SyntheticDomain {
    static let catalog: [(sku: String, price: Double)] = [
        ("A", 50), ("B", 30), ("C", 12.5), ("D", 99), ("E", 5), ("F", 20), ("G", 7.25), ("H", 42),
    ]
    static let inventoryStream = "inventory-main"
    static let workedExampleOrder = 42

    private enum Step { case create, addItem, removeItem, pay, ship, cancel }

    private struct Order {
        var number: Int
        var steps: [Step]
        var customer: String
        var correlationID: String
        var lastEventID: String
        var items: [String] = []
        var total: Double = 0
    }

    /// How many orders are in flight at once, on average.
    private let ordersInFlight = 150
    /// Events after which OrderCreated moves to schema version 2 (it gains `currency`).
    private let schemaChangeAt: Int
    private var emitted = 0
    private var nextOrderNumber = 1
    private var active: [Order] = []
    private var levels: [String: Int] = Dictionary(uniqueKeysWithValues: catalog.map { ($0.sku, 500) })
    /// Inventory reactions waiting to be recorded: the order and the event that caused each.
    private var pendingInventory: [(type: String, order: Order, causation: String)] = []
    private var lastInventoryEventID = ""
    /// Which order produced the event just returned (nil: the inventory).
    private var lastOrderIndex: Int?
    private var lastWasFinal = false

    init(totalEvents: Int) {
        schemaChangeAt = totalEvents * 6 / 10
    }

    let consumers = [
        "orders": ["inventory-service", "email-service", "analytics"],
        "billing": ["accounting", "analytics"],
        "shipping": ["email-service"],
    ]
    let projections = ["orders_by_status", "revenue", "events_per_type", "shipping_board"]
    let rulesYAML = DomainRules.orders

    func snapshotInterval(streamType: String) -> Int? {
        streamType == "Inventory" ? 100 : nil
    }

    mutating func nextEvent(at time: Int64, random: inout SeededRandom) -> DomainEvent {
        emitted += 1
        lastOrderIndex = nil
        if !pendingInventory.isEmpty, random.chance(0.8) {
            let reaction = pendingInventory.removeFirst()
            return inventoryEvent(reaction.type, order: reaction.order, causation: reaction.causation)
        }
        if random.chance(0.01) {
            return restock(random: &random)
        }
        if active.count < ordersInFlight / 2 || (active.count < ordersInFlight * 2 && random.chance(0.22)) {
            active.append(newOrder(time: time, random: &random))
        }
        let index = active.count == 1 || random.chance(0.3) ? 0 : Int(random.next() % UInt64(active.count))
        lastOrderIndex = index
        var order = active[index]
        let event = orderEvent(&order, random: &random)
        active[index] = order
        return event
    }

    mutating func recorded(eventID: String, for event: DomainEvent) {
        guard let index = lastOrderIndex else {
            lastInventoryEventID = eventID
            return
        }
        active[index].lastEventID = eventID
        switch event.type {
        case "OrderCreated": pendingInventory.append(("StockReserved", active[index], eventID))
        case "OrderCancelled": pendingInventory.append(("StockReleased", active[index], eventID))
        default: break
        }
        if active[index].steps.isEmpty { active.remove(at: index) }
    }

    // MARK: - Orders

    private mutating func newOrder(time: Int64, random: inout SeededRandom) -> Order {
        let number = nextOrderNumber
        nextOrderNumber += 1
        let correlation = random.uuidV7(milliseconds: time / 1000)
        var order = Order(number: number, steps: [], customer: "customer-\(random.int(1...5000))",
                          correlationID: correlation, lastEventID: correlation)
        if number == Self.workedExampleOrder {
            order.steps = [.create, .removeItem, .pay, .ship]
            return order
        }
        var steps: [Step] = [.create]
        for _ in 0..<2 where random.chance(0.25) { steps.append(.addItem) }
        if random.chance(0.15) { steps.append(.removeItem) }
        if random.chance(0.82) {
            steps.append(.pay)
            steps.append(random.chance(0.92) ? .ship : .cancel)
        } else if random.chance(0.6) {
            steps.append(.cancel)
        }  // otherwise abandoned: the order stays open forever
        order.steps = steps
        return order
    }

    private mutating func orderEvent(_ order: inout Order, random: inout SeededRandom) -> DomainEvent {
        let step = order.steps.removeFirst()
        let isExample = order.number == Self.workedExampleOrder
        var event = DomainEvent(stream: "order-\(order.number)", streamType: "Order", type: "", data: .emptyObject,
                                correlationID: order.correlationID, causationID: order.lastEventID,
                                user: "user-\(order.number % 300 + 1)")
        switch step {
        case .create:
            order.items = isExample ? ["A", "B"] : distinctSKUs(random.int(1...3), random: &random)
            order.total = order.items.reduce(0) { $0 + Self.price($1) }
            event.type = "OrderCreated"
            var data: JSONValue = ["customer": .string(order.customer), "items": .array(order.items.map { .string($0) }),
                                   "total": .money(order.total)]
            if emitted > schemaChangeAt {
                event.schemaVersion = 2
                data = data.deepMerged(with: ["currency": "EUR"])
            }
            event.data = data
            event.destinations = ["orders"]
        case .addItem:
            let sku = random.pick(Self.catalog).sku
            order.items.append(sku)
            order.total += Self.price(sku)
            event.type = "ItemAdded"
            event.data = ["item": .string(sku), "price": .money(Self.price(sku))]
        case .removeItem:
            let sku = isExample ? "B" : order.items.last ?? "A"
            if let at = order.items.lastIndex(of: sku) { order.items.remove(at: at) }
            order.total -= Self.price(sku)
            event.type = "ItemRemoved"
            event.data = ["item": .string(sku), "price": .money(Self.price(sku))]
        case .pay:
            event.type = "PaymentReceived"
            event.data = ["amount": .money(order.total), "method": .string(random.pick(["card", "card", "paypal", "transfer"]))]
            event.destinations = ["billing"]
        case .ship:
            event.type = "OrderShipped"
            let tracking = isExample ? "XY123" : "TR\(100_000 + random.int(0...899_999))"
            event.data = ["tracking": .string(tracking), "carrier": .string(random.pick(["DHL", "UPS", "PostNL"]))]
            event.destinations = ["orders", "shipping"]
        case .cancel:
            event.type = "OrderCancelled"
            event.data = ["reason": .string(random.pick(["customer request", "payment timeout", "out of stock"]))]
            event.destinations = ["orders"]
        }
        return event
    }

    private func distinctSKUs(_ count: Int, random: inout SeededRandom) -> [String] {
        var chosen: [String] = []
        while chosen.count < count {
            let sku = random.pick(Self.catalog).sku
            if !chosen.contains(sku) { chosen.append(sku) }
        }
        return chosen
    }

    // MARK: - Inventory

    private mutating func inventoryEvent(_ type: String, order: Order, causation: String) -> DomainEvent {
        let sign = type == "StockReserved" ? -1 : 1
        for sku in order.items { levels[sku, default: 0] += sign }
        return DomainEvent(stream: Self.inventoryStream, streamType: "Inventory", type: type,
                           data: ["order": .string("order-\(order.number)"), "levels": levelsObject(order.items)],
                           correlationID: order.correlationID, causationID: causation, user: "inventory-service")
    }

    private mutating func restock(random: inout SeededRandom) -> DomainEvent {
        let sku = random.pick(Self.catalog).sku
        levels[sku, default: 0] += random.int(50...300)
        let batch = "batch-\(random.int(1000...9999))"
        return DomainEvent(stream: Self.inventoryStream, streamType: "Inventory", type: "StockReceived",
                           data: ["batch": .string(batch), "levels": levelsObject([sku])],
                           correlationID: batch, causationID: lastInventoryEventID.isEmpty ? batch : lastInventoryEventID,
                           user: "warehouse")
    }

    /// The new absolute stock levels of some SKUs: inventory events carry state, not deltas.
    private func levelsObject(_ skus: [String]) -> JSONValue {
        var object: JSONValue = .emptyObject
        for sku in Set(skus).sorted() { object = object.deepMerged(with: [sku: .int(Int64(levels[sku] ?? 0))]) }
        return object
    }

    private static func price(_ sku: String) -> Double {
        catalog.first { $0.sku == sku }?.price ?? 0
    }
}
