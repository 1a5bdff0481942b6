/// Service-level targets (SEMANTICS.md, "SLA"): for first response, next response and
/// resolution, a target per ticket `priority` and an optional default, in seconds, all on
/// one clock (calendar or business). A kind with no targets is not reported; a ticket
/// whose priority has no target and no default counts for no target of that kind.
public struct SLATargets: Sendable, Equatable {
    public enum Clock: String, Sendable, CaseIterable {
        case calendar, business
    }

    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case firstResponse = "first_response"
        case nextResponse = "next_response"
        case resolution

        /// Report order: first response, next response, resolution (the index in ``allCases``).
        public var rank: Int {
            switch self {
            case .firstResponse: return 0
            case .nextResponse: return 1
            case .resolution: return 2
            }
        }

        /// The kinds in report order, without building `allCases` on every use.
        public static let ordered: [Kind] = [.firstResponse, .nextResponse, .resolution]

        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }

    /// Targets of one kind.
    public struct Target: Sendable, Equatable {
        /// Seconds per priority name.
        public var byPriority: [String: Int64]
        /// Seconds for any other priority (and tickets without one); nil: those have no target.
        public var defaultSeconds: Int64?

        public init(byPriority: [String: Int64] = [:], defaultSeconds: Int64? = nil) {
            self.byPriority = byPriority
            self.defaultSeconds = defaultSeconds
        }

        public func seconds(priority: String?) -> Int64? {
            priority.flatMap { byPriority[$0] } ?? defaultSeconds
        }
    }

    public var clock: Clock
    /// The configured kinds only.
    public var targets: [Kind: Target]

    public init(clock: Clock = .calendar, targets: [Kind: Target]) {
        self.clock = clock
        self.targets = targets
    }

    /// The kinds configured, in report order.
    public var kinds: [Kind] { Kind.allCases.filter { targets[$0] != nil } }

    /// The priority names of a stock Fluent Support site; a target may name them before
    /// any ticket has them.
    public static let stockPriorities = ["normal", "medium", "critical"]

    /// Per kind, the target seconds of each priority code (index `code + 1`; 0 is no priority).
    func table(_ kind: Kind, names: [String]) -> [Int64?] {
        guard let t = targets[kind] else { return [] }
        return [t.seconds(priority: nil)] + names.map { t.seconds(priority: $0) }
    }
}
