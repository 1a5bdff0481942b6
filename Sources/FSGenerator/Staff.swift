import FSSnapshot

/// How one agent works: share of the tickets, speed, shift, speciality.
struct AgentProfile: Sendable {
    var firstName: String
    var lastName: String
    /// ASCII e-mail local part before `.agent`.
    var slug: String
    /// Relative share of the tickets they are assigned.
    var weight: Double
    /// Multiplies the median reply delay (below 1 is faster).
    var speed: Double
    /// Bit `w` set when they work on weekday `w` (0 = Sunday).
    var workdays: UInt8
    var shiftStart: Int64
    var shiftEnd: Int64
    /// Chance of answering outside their shift instead of waiting for the next one.
    var offHours: Double
    /// When set, they only take tickets of this product.
    var onlyProduct: Int64?

    static let weekdays: UInt8 = 0b0111_1110

    @inline(__always)
    func works(on day: Int64) -> Bool { workdays & (1 << UInt8(Staff.weekday(day))) != 0 }

    @inline(__always)
    func isWorking(at t: Int64) -> Bool {
        let day = LocalTime.day(t)
        let hour = (t - day * LocalTime.secondsPerDay) / 3600
        return works(on: day) && hour >= shiftStart && hour < shiftEnd
    }

    /// The start of their next shift at or after `t` (or `t` itself when on shift).
    func nextShift(atOrAfter t: Int64) -> Int64 {
        if isWorking(at: t) { return t }
        var day = LocalTime.day(t)
        let secondOfDay = t - day * LocalTime.secondsPerDay
        if !(works(on: day) && secondOfDay < shiftStart * 3600) { day += 1 }
        var guardDays = 0
        while !works(on: day) && guardDays < 7 {
            day += 1
            guardDays += 1
        }
        return day * LocalTime.secondsPerDay + shiftStart * 3600
    }
}

/// The people of the synthetic helpdesk: agents, customers, mailboxes and products.
enum Staff {
    /// 0 = Sunday for day numbers of either sign.
    @inline(__always)
    static func weekday(_ day: Int64) -> Int { Int(((day % 7) + 7 + 4) % 7) }

    static let mailboxes = [
        NamedEntity(id: 1, name: "Main Support"),
        NamedEntity(id: 2, name: "Billing Desk"),
        NamedEntity(id: 3, name: "Enterprise"),
    ]

    static let products = [
        NamedEntity(id: 1, name: "Widget Cloud"),
        NamedEntity(id: 2, name: "Checkout Plugin"),
        NamedEntity(id: 3, name: "Billing Portal"),
        NamedEntity(id: 4, name: "Mobile App"),
        NamedEntity(id: 5, name: "Analytics Add-on"),
    ]

    /// The product the specialist agent (template 7) handles alone.
    static let specialistProduct: Int64 = 4

    /// A team with distinct habits. Template 2 keeps the trailing space real sites have.
    static let agentTemplates: [AgentProfile] = [
        // Team lead: fast, long days, answers evenings now and then.
        AgentProfile(
            firstName: "Sarah", lastName: "Mitchell", slug: "sarah", weight: 1.5, speed: 0.45,
            workdays: AgentProfile.weekdays, shiftStart: 7, shiftEnd: 19, offHours: 0.25),
        AgentProfile(
            firstName: "Michael ", lastName: "Torres", slug: "michael", weight: 1.3, speed: 0.9,
            workdays: AgentProfile.weekdays, shiftStart: 8, shiftEnd: 17, offHours: 0.08),
        AgentProfile(
            firstName: "Priya", lastName: "Raman", slug: "priya", weight: 1.2, speed: 0.75,
            workdays: AgentProfile.weekdays, shiftStart: 9, shiftEnd: 18, offHours: 0.1),
        AgentProfile(
            firstName: "David", lastName: "Okafor", slug: "david", weight: 1.0, speed: 1.15,
            workdays: AgentProfile.weekdays, shiftStart: 8, shiftEnd: 17, offHours: 0.05),
        // Covers Saturdays (Tuesday to Saturday).
        AgentProfile(
            firstName: "Emma", lastName: "Lindqvist", slug: "emma", weight: 0.9, speed: 1.0,
            workdays: 0b0111_1100, shiftStart: 9, shiftEnd: 17, offHours: 0.05),
        AgentProfile(
            firstName: "James", lastName: "O'Connor", slug: "james", weight: 0.8, speed: 1.35,
            workdays: AgentProfile.weekdays, shiftStart: 10, shiftEnd: 19, offHours: 0.1),
        // Only takes Mobile App tickets.
        AgentProfile(
            firstName: "Lucía", lastName: "Fernández", slug: "lucia", weight: 1.0, speed: 0.9,
            workdays: AgentProfile.weekdays, shiftStart: 8, shiftEnd: 17, offHours: 0.1,
            onlyProduct: specialistProduct),
        // Part-timer, Monday to Wednesday mornings, slow.
        AgentProfile(
            firstName: "Tom", lastName: "Becker", slug: "tom", weight: 0.45, speed: 2.4,
            workdays: 0b0000_1110, shiftStart: 9, shiftEnd: 14, offHours: 0.02),
    ]

    static let extraAgentFirst = [
        ("Aisha", "aisha"), ("Kenji", "kenji"), ("Olivia", "olivia"), ("Mateo", "mateo"), ("Chloé", "chloe"),
        ("Noah", "noah"), ("Fatima", "fatima"), ("Liam", "liam"), ("Sofia", "sofia"), ("Ravi", "ravi"),
    ]
    static let extraAgentLast = [
        "Hassan", "Tanaka", "Brooks", "Silva", "Dubois", "Kowalski", "Nguyen", "Murphy", "Rossi", "Patel",
    ]

    /// Agents `1...count`: the templates first, then generic colleagues.
    static func agentProfiles(count: Int) -> [AgentProfile] {
        var profiles: [AgentProfile] = []
        var used: Set<String> = []
        for index in 0..<count {
            var profile: AgentProfile
            if index < agentTemplates.count {
                profile = agentTemplates[index]
            } else {
                let k = index - agentTemplates.count
                let first = extraAgentFirst[k % extraAgentFirst.count]
                let last = extraAgentLast[(k / extraAgentFirst.count + k) % extraAgentLast.count]
                profile = AgentProfile(
                    firstName: first.0, lastName: last, slug: first.1, weight: 1.0,
                    speed: 0.8 + Double(k % 5) * 0.15, workdays: AgentProfile.weekdays, shiftStart: 8 + Int64(k % 3),
                    shiftEnd: 17 + Int64(k % 3), offHours: 0.05)
            }
            if used.contains(profile.slug) { profile.slug += ".\(index + 1)" }
            used.insert(profile.slug)
            profiles.append(profile)
        }
        return profiles
    }

    static func agentPerson(_ profile: AgentProfile, id: Int64) -> Person {
        Person(
            id: id, personType: "agent", firstName: profile.firstName, lastName: profile.lastName,
            email: profile.slug + ".agent@example.test", photo: nil)
    }

    // Customer names: (display, ascii slug).
    static let customerFirst: [(String, String)] = [
        ("James", "james"), ("Mary", "mary"), ("Robert", "robert"), ("Patricia", "patricia"), ("John", "john"),
        ("Jennifer", "jennifer"), ("Michael", "michael"), ("Linda", "linda"), ("William", "william"),
        ("Elizabeth", "elizabeth"), ("David", "david"), ("Barbara", "barbara"), ("Richard", "richard"),
        ("Susan", "susan"), ("Joseph", "joseph"), ("Jessica", "jessica"), ("Thomas", "thomas"),
        ("Sarah", "sarah"), ("Charles", "charles"), ("Karen", "karen"), ("Daniel", "daniel"), ("Nancy", "nancy"),
        ("Matthew", "matthew"), ("Lisa", "lisa"), ("Anthony", "anthony"), ("Betty", "betty"), ("Mark", "mark"),
        ("Sandra", "sandra"), ("Benjamin", "benjamin"), ("Ashley", "ashley"), ("Elijah", "elijah"),
        ("Emily", "emily"), ("Wei", "wei"), ("Yuki", "yuki"), ("Ahmed", "ahmed"), ("Amara", "amara"),
        ("José", "jose"), ("Zoë", "zoe"), ("Björn", "bjorn"), ("Søren", "soren"), ("Aoife", "aoife"),
        ("Chiara", "chiara"), ("Dmitri", "dmitri"), ("Ines", "ines"), ("Kwame", "kwame"), ("Leila", "leila"),
        ("Mei", "mei"), ("Nikhil", "nikhil"), ("Oluwaseun", "oluwaseun"), ("Pablo", "pablo"),
        ("Hannah", "hannah"), ("Lucas", "lucas"), ("Grace", "grace"), ("Ethan", "ethan"), ("Maya", "maya"),
        ("Oscar", "oscar"), ("Freya", "freya"), ("Tariq", "tariq"), ("Rosa", "rosa"), ("Viktor", "viktor"),
    ]
    static let customerLast: [(String, String)] = [
        ("Smith", "smith"), ("Johnson", "johnson"), ("Williams", "williams"), ("Brown", "brown"),
        ("Jones", "jones"), ("Garcia", "garcia"), ("Miller", "miller"), ("Davis", "davis"),
        ("Rodriguez", "rodriguez"), ("Martinez", "martinez"), ("Hernandez", "hernandez"), ("Lopez", "lopez"),
        ("Gonzalez", "gonzalez"), ("Wilson", "wilson"), ("Anderson", "anderson"), ("Thomas", "thomas"),
        ("Taylor", "taylor"), ("Moore", "moore"), ("Jackson", "jackson"), ("Martin", "martin"), ("Lee", "lee"),
        ("Perez", "perez"), ("Thompson", "thompson"), ("White", "white"), ("Harris", "harris"),
        ("Clark", "clark"), ("Lewis", "lewis"), ("Walker", "walker"), ("Young", "young"), ("King", "king"),
        ("Wright", "wright"), ("Chen", "chen"), ("Wang", "wang"), ("Kim", "kim"), ("Singh", "singh"),
        ("Müller", "muller"), ("Schmidt", "schmidt"), ("Novák", "novak"), ("Öztürk", "ozturk"),
        ("Jensen", "jensen"), ("Rossi", "rossi"), ("Costa", "costa"), ("Ivanova", "ivanova"),
        ("Okonkwo", "okonkwo"), ("Mensah", "mensah"), ("Sato", "sato"), ("Nakamura", "nakamura"),
        ("Haddad", "haddad"), ("O'Brien", "obrien"), ("McCarthy", "mccarthy"), ("Fischer", "fischer"),
        ("Dubois", "dubois"), ("Lefèvre", "lefevre"), ("Andersson", "andersson"), ("Nowak", "nowak"),
        ("Da Silva", "dasilva"), ("Van Dijk", "vandijk"), ("Khan", "khan"), ("Reyes", "reyes"), ("Ali", "ali"),
    ]

    /// Customer number `index` (0-based) with person id `id`.
    static func customerPerson(seed: UInt64, index: Int, id: Int64) -> Person {
        var rng = SplitMix64(seed: seed, stream: 4, index: UInt64(index))
        let first = customerFirst[rng.below(customerFirst.count)]
        let last = customerLast[rng.below(customerLast.count)]
        return Person(
            id: id, personType: "customer", firstName: first.0, lastName: last.0,
            email: "\(first.1).\(last.1).\(id)@customer.test", photo: nil)
    }
}
