import JSON

/// A retail bank: long-lived accounts with deposits, withdrawals, overdrafts within a limit,
/// rejected withdrawals beyond it, and the occasional freeze or closure.
struct BankDomain: SyntheticDomain {
    private struct Account {
        var number: Int
        var owner: String
        var balance: Double = 0
        var overdraftLimit: Double
        var lastEventID: String
        var frozen = false
    }

    private let accountsOpen = 300
    private var nextAccountNumber = 1
    private var active: [Account] = []
    /// A follow-up event owed by the account just changed (an overdraft starting or ending).
    private var followUp: (index: Int, event: DomainEvent)?
    private var lastIndex = 0
    private var closing = false

    let consumers = [
        "ledger": ["statements", "fraud-detection"],
        "alerts": ["notifications"],
        "accounts": ["crm", "statements"],
    ]
    let projections = ["accounts_by_status", "total_deposits", "events_per_type"]
    let rulesYAML = DomainRules.bank

    func snapshotInterval(streamType: String) -> Int? {
        streamType == "Account" ? 10 : nil
    }

    mutating func nextEvent(at time: Int64, random: inout SeededRandom) -> DomainEvent {
        closing = false
        if let pending = followUp {
            followUp = nil
            lastIndex = pending.index
            return pending.event
        }
        if active.count < accountsOpen / 3 || (active.count < accountsOpen && random.chance(0.05)) {
            let number = nextAccountNumber
            nextAccountNumber += 1
            let command = random.uuidV7(milliseconds: time / 1000)
            let account = Account(number: number, owner: "customer-\(random.int(1...20000))",
                                  overdraftLimit: random.pick([0, 0, 100, 250, 500, 1000]), lastEventID: command)
            active.append(account)
            lastIndex = active.count - 1
            return event(account, "AccountOpened",
                         ["owner": .string(account.owner), "overdraft_limit": .money(account.overdraftLimit),
                          "currency": "EUR"], destinations: ["accounts"])
        }
        lastIndex = Int(random.next() % UInt64(active.count))
        var account = active[lastIndex]
        defer { active[lastIndex] = account }
        let roll = random.unit()
        if roll < 0.002, !account.frozen {
            account.frozen = true
            return event(account, "AccountFrozen", ["reason": .string(random.pick(["suspected fraud", "court order"]))],
                         destinations: ["accounts", "alerts"])
        }
        if roll < 0.005 || (account.frozen && roll < 0.05) {
            closing = true
            return event(account, "AccountClosed", ["final_balance": .money(account.balance)], destinations: ["accounts"])
        }
        if account.frozen {
            return event(account, "WithdrawalRejected", ["amount": .money(20), "reason": "account frozen"],
                         destinations: ["alerts"])
        }
        let amount = (random.exponential(mean: 120) * 100).rounded() / 100 + 1
        if roll < 0.5 {
            let before = account.balance
            account.balance += amount
            if before < 0, account.balance >= 0 {
                followUp = (lastIndex, event(account, "OverdraftCleared", ["balance": .money(account.balance)],
                                             destinations: ["alerts"]))
            }
            return event(account, "MoneyDeposited", ["amount": .money(amount), "balance": .money(account.balance)],
                         destinations: ["ledger"])
        }
        if account.balance - amount < -account.overdraftLimit {
            return event(account, "WithdrawalRejected", ["amount": .money(amount), "reason": "insufficient funds"],
                         destinations: ["alerts"])
        }
        let before = account.balance
        account.balance -= amount
        if before >= 0, account.balance < 0 {
            followUp = (lastIndex, event(account, "OverdraftStarted",
                                         ["balance": .money(account.balance), "limit": .money(account.overdraftLimit)],
                                         destinations: ["alerts"]))
        }
        return event(account, "MoneyWithdrawn", ["amount": .money(amount), "balance": .money(account.balance)],
                     destinations: ["ledger"])
    }

    mutating func recorded(eventID: String, for event: DomainEvent) {
        active[lastIndex].lastEventID = eventID
        if let pending = followUp, pending.index == lastIndex {
            followUp?.event.causationID = eventID
        }
        if closing {
            active.remove(at: lastIndex)
            followUp = nil
        }
    }

    private func event(_ account: Account, _ type: String, _ data: JSONValue, destinations: [String]) -> DomainEvent {
        DomainEvent(stream: "account-\(account.number)", streamType: "Account", type: type, data: data,
                    correlationID: account.lastEventID, causationID: account.lastEventID, user: account.owner,
                    destinations: destinations)
    }
}
