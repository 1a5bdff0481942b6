extension DashboardDefinitions {
    /// The "Response times" block and its columns in the agents table.
    static let responseTimesGroup = Group(
        id: "def-response-times", title: "Response times",
        intro: "How long customers wait, which Fluent Support stores but never reports. Each figure is the median "
            + "(half of the waits were shorter) with the p90 below it (nine in ten were shorter), and the change "
            + "on the same number of days just before the range (up means slower). Only replies count as "
            + "answers: internal notes and system lines never do, and closing or re-opening a ticket does not "
            + "stop or start a clock.",
        terms: [
            Term(
                name: "First response",
                text: "From the moment a ticket was opened to the first reply an agent wrote on it, for the tickets "
                    + "whose first reply was written in the range. In the agents table, the agent is the one who "
                    + "wrote that reply."),
            Term(
                name: "Reply time",
                text: "Every later wait for an agent: it starts at the first customer message after an agent's reply "
                    + "(a customer who writes three times waits from the first) and ends at the next agent reply, "
                    + "counted on the date of that reply. The first response is not included."),
            Term(
                name: "Resolution",
                text: "From opening to the close of the tickets that are closed now and were resolved in the range. "
                    + "A re-opened and closed-again ticket counts from opening to its last close. In the agents "
                    + "table, the agent is the ticket's assignee."),
            Term(
                name: "Unanswered now",
                text: "Tickets not closed right now that no agent has replied to yet, whatever the range."),
            Term(
                name: "First response distribution",
                text: "The range's first responses by how long they took: under an hour, 1 to 4 hours, 4 to 8, "
                    + "8 to 24, 1 to 3 days, 3 to 7 days, and a week or more."),
            Term(
                name: "Median first response over time",
                text: "The median first response of the tickets first answered in each bar's period, in minutes; "
                    + "an empty, lighter bar is a period without any."),
        ])
}
