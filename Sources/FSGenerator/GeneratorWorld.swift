import FSSnapshot

/// Everything fixed for one configuration: the schedule, the team, the tuning.
final class GeneratorWorld: Sendable {
    let config: GeneratorConfig
    let schedule: ArrivalSchedule
    let agents: [AgentProfile]
    let agentCount: Int64
    let customerCount: Int
    /// Agents without a product speciality, and their cumulative weights.
    let generalists: [Int]
    let generalistWeights: [Double]
    let specialists: [Int]
    /// Chance the customer writes back after an agent response.
    let continueChance: Double
    /// Activity rows are logged from this time on.
    let activitySince: Int64

    static let noteChance = 0.22

    init(config: GeneratorConfig) {
        precondition(config.agents >= 1, "GeneratorConfig.agents must be at least 1")
        precondition(config.customers >= 1, "GeneratorConfig.customers must be at least 1")
        precondition(config.tickets >= 0, "GeneratorConfig.tickets must not be negative")
        self.config = config
        schedule = ArrivalSchedule(config: config)
        agents = Staff.agentProfiles(count: config.agents)
        agentCount = Int64(config.agents)
        customerCount = config.customers
        var generalists: [Int] = []
        var specialists: [Int] = []
        for (i, a) in agents.enumerated() {
            if a.onlyProduct == nil { generalists.append(i) } else { specialists.append(i) }
        }
        if generalists.isEmpty { generalists = Array(agents.indices) }
        self.generalists = generalists
        self.specialists = specialists
        var cumulative: [Double] = []
        var sum = 0.0
        for i in generalists {
            sum += agents[i].weight
            cumulative.append(sum)
        }
        generalistWeights = cumulative
        continueChance = GeneratorWorld.continueChance(forMean: config.conversationsPerTicket)
        activitySince =
            config.activityDays > 0
            ? config.now - Int64(config.activityDays) * LocalTime.secondsPerDay : config.now + 1
    }

    /// All persons: agents `1...agents`, then customers.
    func person(at index: Int) -> Person {
        index < agents.count
            ? Staff.agentPerson(agents[index], id: Int64(index + 1))
            : Staff.customerPerson(seed: config.seed, index: index - agents.count, id: Int64(index + 1))
    }

    var personCount: Int { agents.count + customerCount }

    /// Expected conversations of a normally handled ticket when the customer writes back
    /// after each agent response with chance `p`; inverted by bisection.
    static func continueChance(forMean target: Double) -> Double {
        func expected(_ p: Double) -> Double {
            // Turns of one exchange: geometric with mean 1 / (1 - p).
            func chain(_ p: Double) -> Double {
                let turns = 1 / (1 - p)
                return turns * (2 + noteChance + 0.06) - 1 - 0.06 + 0.12
            }
            let closes = 0.97
            let reopen = closes * TicketLife.reopenChance
            // A reopen is the customer's message plus the plugin's "reopened" system line.
            return chain(p) + closes + reopen * (2 + chain(p * 0.6) + closes)
        }
        // About 8% of tickets are not handled normally and carry ~1 conversation.
        let normalTarget = (target - 0.08) / 0.92
        var lo = 0.0
        var hi = 0.97
        if expected(lo) >= normalTarget { return 0 }
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if expected(mid) < normalTarget { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
