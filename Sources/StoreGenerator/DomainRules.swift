/// The rules file each synthetic domain comes with: `evx generate` writes it beside the store
/// (`orders.sqlite` → `orders.evx.yaml`), and the application's snapshots are folded with it, so
/// they agree with evx's own replay.
enum DomainRules {
    /// The example of the design notes, exactly; the inventory has no rules and is deep-merged.
    static let orders = """
        # Rules for stores made by `evx generate --domain orders` (see docs/rules.md).
        aggregates:
          Order:
            streams: "order-*"              # glob on stream id; stream_type Order also matches
            initial: {status: NEW, items: [], paid: 0}
            on:
              OrderCreated:
                set: {customer: $data.customer, items: $data.items, total: $data.total, status: CREATED}
              ItemAdded:
                append: {items: $data.item}
                add: {total: $data.price}
              ItemRemoved:
                remove: {items: $data.item}   # removes the first equal element
                subtract: {total: $data.price}
              PaymentReceived:
                add: {paid: $data.amount}
              OrderShipped:
                set: {status: SHIPPED, tracking: $data.tracking}
              OrderCancelled:
                set: {status: CANCELLED, reason: $data.reason}
                unset: [tracking]
            otherwise: merge                # events with no rule: merge (default) or ignore
        projections:
          orders_by_status: {count: Order, by: status}          # aggregates of a type, grouped by a state field
          revenue: {sum: $data.amount, where: {type: PaymentReceived}}
          events_per_type: {count: events, by: $type}

        """

    static let bank = """
        # Rules for stores made by `evx generate --domain bank` (see docs/rules.md).
        aggregates:
          Account:
            streams: "account-*"
            initial: {status: OPEN, balance: 0, overdrawn: false, deposits: 0, withdrawals: 0, rejected: 0}
            on:
              AccountOpened:
                set: {owner: $data.owner, overdraft_limit: $data.overdraft_limit, currency: $data.currency}
              MoneyDeposited:
                add: {balance: $data.amount, deposits: 1}
              MoneyWithdrawn:
                subtract: {balance: $data.amount}
                add: {withdrawals: 1}
              WithdrawalRejected:
                add: {rejected: 1}
                set: {last_rejection: $data.reason}
              OverdraftStarted:
                set: {overdrawn: true}
              OverdraftCleared:
                set: {overdrawn: false}
              AccountFrozen:
                set: {status: FROZEN, frozen_because: $data.reason}
              AccountClosed:
                set: {status: CLOSED, balance: $data.final_balance}
        projections:
          accounts_by_status: {count: Account, by: status}
          overdrawn_accounts: {count: Account, by: overdrawn}
          total_deposits: {sum: $data.amount, where: {type: MoneyDeposited}}
          largest_withdrawal: {max: $data.amount, where: {type: MoneyWithdrawn}}
          events_per_type: {count: events, by: $type}

        """
}
