/// What every number of the dashboard means, in plain words: the "Definitions" section
/// of `index.html` and of the README (`docs/definitions.md` is ``markdown``; a test keeps
/// the two identical). Follows SEMANTICS.md, including where we differ from Fluent Support.
///
/// Text may use `` `code` `` spans; nothing else is interpreted.
public enum DashboardDefinitions {
    public struct Term: Sendable {
        public let name: String
        public let text: String
    }

    public struct Group: Sendable {
        /// The fragment id in `index.html`, e.g. `def-agents`.
        public let id: String
        public let title: String
        public let intro: String?
        public let terms: [Term]
    }

    public static let title = "Definitions"

    public static let intro = """
        Every number comes from the local snapshot of your Fluent Support site, as of its last \
        sync ("data as of"). Dates and times are in the site's own timezone, the one Fluent \
        Support uses. A range such as "Last 30 days" is whole calendar days with today included: \
        today and the 29 days before it; "Month to date" starts on the 1st of this month. Today \
        is counted as far as the data goes, so its figures are still growing.
        """

    public static let groups: [Group] = [
        Group(
            id: "def-all-time", title: "All-time counts",
            intro: "The four counts at the top ignore the date range. A ticket with some other status (neither "
                + "new, active nor closed) is in none of the three ticket counts, and counts as not closed "
                + "everywhere else.",
            terms: [
                Term(name: "New tickets", text: "Tickets whose status is `new` right now, however old they are."),
                Term(name: "Active tickets", text: "Tickets whose status is `active` right now."),
                Term(name: "Closed tickets", text: "Tickets whose status is `closed` right now."),
                Term(
                    name: "Responses",
                    text: "Every reply ever written on a ticket, by agents and customers alike. Internal notes "
                        + "are not replies and are not counted."),
            ]),
        responseTimesGroup,
        Group(
            id: "def-charts", title: "Charts and range totals",
            intro: "Each bar is one day for ranges of up to 63 days, one week for ranges of up to 182 days, and "
                + "one month for longer ones; a single day is shown hour by hour. Weeks are 7-day windows counted from "
                + "the first day of the range. A lighter bar is a period that is not over or not whole: today, "
                + "or a week or month cut short by the range. The dashed line is the average per bar.",
            terms: [
                Term(name: "Tickets created", text: "Tickets by the date they were opened."),
                Term(
                    name: "Tickets resolved",
                    text: "Tickets that are closed now, by the date they were resolved. A ticket that was closed "
                        + "and then re-opened no longer counts."),
                Term(
                    name: "Agent responses",
                    text: "Replies written by agents, by the date they were written. Customers' replies and "
                        + "internal notes are not counted."),
                Term(
                    name: "Per day",
                    text: "The small \"a day\" figure under a total: the total divided by the number of days in "
                        + "the range, today included."),
                Term(
                    name: "Change",
                    text: "The arrow under a range total compares it with the same number of days just before "
                        + "the range (for month to date, the days just before the 1st). It is left out when there "
                        + "was nothing then."),
                Term(
                    name: "Waiting on an agent",
                    text: "The total of the agents table's Waiting column: tickets assigned to an agent in which "
                        + "the customer is waiting for an answer, right now. Unassigned tickets are not included."),
            ]),
        Group(
            id: "def-agents", title: "Agents table",
            intro: "One row per agent who has a response or a closed ticket in the range, or any open ticket; "
                + "the busiest (most responses) first.",
            terms: [
                Term(name: "Responses", text: "Replies the agent wrote in the range."),
                Term(name: "Interactions", text: "Different tickets the agent replied to in the range."),
                Term(
                    name: "Closed",
                    text: "Tickets assigned to the agent that are closed now and were resolved in the range."),
                Term(
                    name: "Open",
                    text: "Tickets assigned to the agent that are not closed, right now. Not limited to the "
                        + "range: this is how Fluent Support counts it."),
                Term(
                    name: "Waiting",
                    text: "The agent's open tickets in which the customer is waiting for an answer: the ticket "
                        + "has a waiting-since time, and either no agent has replied yet, the customer wrote "
                        + "after the last agent reply, or the ticket is still `new`. Not limited to the range."),
                Term(
                    name: "Average waiting",
                    text: "How long those tickets have been waiting on average, measured up to now. Over 2 "
                        + "and under 48 hours it is given in hours, rounded up (\"5 hours\"); otherwise it is "
                        + "worded the way WordPress does: seconds under a minute, minutes under an hour, hours "
                        + "under a day, days under a week, weeks under 30 days, months (of 30 days) under a "
                        + "year, then years (of 365 days), rounded to the nearest whole one (\"3 days\", "
                        + "\"2 weeks\"). The small figure beneath is the exact time (`average_waiting_seconds` "
                        + "in the JSON and CSV files)."),
                Term(
                    name: "Longest waiting",
                    text: "How long the agent's oldest waiting ticket has been waiting, worded the same way "
                        + "(exact: `max_waiting_seconds`)."),
            ]),
        Group(
            id: "def-agent-pages", title: "Agent pages",
            intro: "Each agent has a page with the same range tabs. Its charts and its summary are the ones "
                + "above restricted to that agent: resolved tickets are the ones assigned to the agent, "
                + "responses the ones the agent wrote.",
            terms: [
                Term(
                    name: "Total replies",
                    text: "Everything the agent ever wrote on tickets, replies and internal notes alike."),
                Term(name: "Total interactions", text: "Different tickets the agent has ever replied to."),
                Term(name: "Total closed", text: "Tickets assigned to the agent that are closed now, all time."),
                Term(
                    name: "Compared with the team",
                    text: "The agent's figures for the range next to the average of the agents in the agents "
                        + "table for the same range, and the agent's share of all agent responses in it."),
            ]),
        Group(
            id: "def-backlog", title: "Backlog",
            intro: "How the pile of open tickets moved over the range, day by day, and how old it is now. A ticket "
                + "is open from its creation to its first close, and again from each re-open to the next close; the "
                + "closes and re-opens come from the activity log and the system lines Fluent Support adds to a "
                + "ticket. A closed ticket with no such record closes at its resolution time. A close or re-open "
                + "logged before the ticket's creation counts at its creation. Deleted tickets count nowhere. So the "
                + "open count of a day is always the day before's, plus created, minus closed, plus re-opened.",
            terms: [
                Term(
                    name: "Open at end of day",
                    text: "Tickets open at 23:59:59 of the day. A ticket closed at 23:59:59 is no longer open; one "
                        + "created at 23:59:59 is. Today's figure is as far as the data goes."),
                Term(
                    name: "Inflow: created",
                    text: "Tickets created that day, the same count as \"Tickets created\". A ticket created and "
                        + "closed on the same day is in the inflow and the outflow, and in no open count."),
                Term(
                    name: "Outflow: closed",
                    text: "Every close of the day, re-closes of re-opened tickets included, unlike \"Tickets "
                        + "resolved\", which counts each closed ticket once, at its last close."),
                Term(name: "Re-opened", text: "Closed tickets opened again that day (in the data table)."),
                Term(
                    name: "Open tickets by age",
                    text: "Tickets not closed now, by the time since they were created: under 1 day, 1 to 3 days, "
                        + "3 to 7 days, 7 to 30 days, 30 days or more (each bucket includes its lower bound)."),
                Term(
                    name: "Waiting tickets by wait",
                    text: "Tickets waiting on an agent now (as \"Waiting on an agent\", but assigned or not), by the "
                        + "time since they started waiting, in the same buckets."),
            ]),
        Group(
            id: "def-busiest", title: "Busiest times",
            intro: "A grid of the seven weekdays (Monday first) by the 24 hours of the day, in the site's time, over "
                + "the range; a darker cell is a busier hour. The buttons above it switch between three grids; each "
                + "has a data table beneath.",
            terms: [
                Term(
                    name: "Tickets created (grid)",
                    text: "Tickets opened in that hour of that weekday, added up over every such day in the range."),
                Term(
                    name: "Agent replies",
                    text: "Replies written by agents in that hour. Internal notes and system lines are never "
                        + "counted."),
                Term(
                    name: "Customer messages",
                    text: "Replies written by customers (anyone who is not an agent) in that hour. Notes and "
                        + "system lines are never counted."),
                Term(
                    name: "Total and average per weekday",
                    text: "Total is the whole row. The average divides it by the number of times that weekday "
                        + "occurs in the range (a 30-day range has four or five Mondays), so ranges of different "
                        + "lengths compare; it is a dash when the weekday does not occur."),
            ]),
        Group(
            id: "def-products", title: "Products and mailboxes tables",
            intro: "One row per product (mailbox) that has at least one ticket, even when nothing happened to it "
                + "in the range. A ticket belongs to its product and its mailbox; a ticket without one is in no row.",
            terms: [
                Term(
                    name: "Responses (products and mailboxes)",
                    text: "Replies written by agents in the range on the product's (mailbox's) tickets "
                        + "(`agent_responses` in the JSON and CSV files)."),
                Term(
                    name: "All conversations",
                    text: "Everything written in the range on those tickets: agents' and customers' replies, "
                        + "internal notes and system lines. This is the figure Fluent Support's product and "
                        + "mailbox reports call responses (`responses` in the files)."),
                Term(
                    name: "Interactions (products and mailboxes)",
                    text: "Different tickets of the product (mailbox) with at least one reply, by anyone, in the "
                        + "range."),
                Term(
                    name: "Open (products and mailboxes)",
                    text: "Tickets created in the range that are not closed now. Unlike the agents table, this "
                        + "is limited to the range: that is how Fluent Support counts it here."),
                Term(
                    name: "Closed (products and mailboxes)",
                    text: "Tickets that are closed now and were resolved in the range."),
            ]),
        Group(
            id: "def-sla", title: "SLA targets and business hours",
            intro: "Only when targets (`sla`) or a schedule (`business_hours`) are configured, in the nightly "
                + "configuration or with `--sla FILE` and `--hours FILE`; without them none of these figures appear.",
            terms: [
                Term(
                    name: "Business time",
                    text: "The part of a wait that falls inside the schedule's opening hours: its windows per weekday "
                        + "(a window such as `22:00-06:00+1` runs past midnight into the next day), minus holidays "
                        + "(whole calendar dates), read in the schedule's timezone, the site's unless it names another. "
                        + "It counts real elapsed seconds, so an hour skipped or repeated by a daylight-saving change "
                        + "inside a window is left out or counted twice. A ticket opened and answered outside hours "
                        + "waited 0 business seconds. With a schedule, every duration figure also comes as `*_business` "
                        + "(for example `first_response_business`)."),
                Term(
                    name: "SLA attainment",
                    text: "Of the waits that ended in the range, the share that met their ticket's target: first "
                        + "replies (first response), later agent replies (next response) and closed tickets' "
                        + "resolution times, each against the target for the ticket's priority or the default, on the "
                        + "calendar or the business clock. A wait exactly at its target meets it. Met and breached "
                        + "count those waits; attainment is met divided by both, empty when there were none; a ticket "
                        + "whose priority has no target and no default is not counted."),
                Term(
                    name: "SLA (agents table)",
                    text: "The agent's attainment over every configured target together: the agent's first replies "
                        + "and later replies that ended in the range, and the resolution of tickets assigned to the "
                        + "agent that were closed in the range; a dash when there were none. Hover for met and "
                        + "breached."),
                Term(
                    name: "Breached now",
                    text: "Open tickets already past a target right now, whatever the range: no agent reply yet and "
                        + "open longer than the first-response target; a customer waiting, since the first message "
                        + "after the last agent reply, longer than the next-response target; open longer than the "
                        + "resolution target (`breached_open`)."),
            ]),
        Group(
            id: "def-files", title: "Files only",
            intro: "Published as JSON and CSV next to the pages, with the bodies of Fluent Support's own endpoints.",
            terms: [
                Term(
                    name: "Stats",
                    text: "`api/reports/stats.json`: the tickets created in the range (all time for the default "
                        + "file), counted by their status now, so its closed tickets go by the date they were "
                        + "created, not resolved; open tickets are those of them not closed; responses are every "
                        + "reply, by agents and customers, written in the range."),
                Term(
                    name: "Day and hour grids",
                    text: "`api/reports/day-time-stats/ticket.json`, `agent-response.json` and "
                        + "`customer-response.json`: the busiest-times grids (all time for the default files)."),
            ]),
        Group(
            id: "def-times", title: "Data as of",
            intro: nil,
            terms: [
                Term(
                    name: "Data as of",
                    text: "When the last sync of the snapshot finished. Anything that happened on the helpdesk "
                        + "after it is not in these numbers."),
                Term(
                    name: "Computed for",
                    text: "The moment the reports treat as now: ranges end on its day, and waiting times are "
                        + "measured up to it."),
            ]),
        Group(
            id: "def-differences", title: "Where these numbers differ from Fluent Support",
            intro: "We follow Fluent Support's own reports, except where they are inconsistent:",
            terms: [
                Term(
                    name: "Last day",
                    text: "Every day of a range is listed, including the last one when it has nothing (Fluent "
                        + "Support drops the last day when its count is zero)."),
                Term(
                    name: "Hours",
                    text: "A single-day range lists all 24 hours, zeros included (Fluent Support lists only "
                        + "hours with activity)."),
                Term(
                    name: "Weeks",
                    text: "Weekly bars count exactly the 7-day windows they are labelled with (Fluent Support "
                        + "groups by calendar week but labels each group with one of its dates, so its labels "
                        + "and counts do not line up)."),
                Term(
                    name: "Months",
                    text: "Monthly bars keep years apart (Fluent Support adds up the same month of different "
                        + "years)."),
                Term(
                    name: "Agents with nothing",
                    text: "An agent with nothing in the range gets zeros on their page (Fluent Support sends an "
                        + "empty value)."),
                Term(
                    name: "Filters",
                    text: "On the command line, product and mailbox filters also restrict agent responses to "
                        + "tickets of that product or mailbox (Fluent Support ignores them there)."),
                Term(
                    name: "Product and mailbox responses",
                    text: "Fluent Support's product and mailbox summaries count every conversation as a response, "
                        + "internal notes and system lines included; the tables show agents' replies as Responses "
                        + "and that figure as All conversations."),
                Term(
                    name: "Stats closes by creation date",
                    text: "Fluent Support's stats report counts a ticket as closed in the range when it was "
                        + "created in the range and is closed now, whenever it was resolved; Tickets resolved "
                        + "above goes by the resolution date."),
                Term(
                    name: "Product response chart",
                    text: "Fluent Support's product (and mailbox) response chart adds up the stored response "
                        + "counts of the tickets created each day, not the responses written that day. Here "
                        + "`fsreport report response-growth --product ID` counts agents' replies on the "
                        + "product's tickets by the day they were written."),
                Term(
                    name: "Customer messages and agent filters",
                    text: "Customer messages count replies by anyone who is not an agent. Fluent Support ignores "
                        + "an agent filter on the ticket and customer grids; fsreport refuses it there."),
                Term(
                    name: "Numbers",
                    text: "Counts are always numbers in the JSON files (the live API sometimes sends them as "
                        + "text), and agents-summary also gives `average_waiting_seconds` and "
                        + "`max_waiting_seconds`."),
                Term(
                    name: "Privacy",
                    text: "The published site leaves out agents' email addresses and photos (initials are shown "
                        + "instead); customers and ticket contents never appear in it."),
            ]),
    ]

    /// The section as Markdown, starting with a `## Definitions` heading.
    public static var markdown: String {
        var out = "## \(title)\n\n\(intro)\n"
        for group in groups {
            out += "\n### \(group.title)\n\n"
            if let intro = group.intro { out += "\(intro)\n\n" }
            for term in group.terms { out += "- **\(term.name)**: \(term.text)\n" }
        }
        return out
    }

    /// The section's body as HTML (the caller supplies the `<h2>`); `headingLevel` is the
    /// level of the group headings.
    static func html(headingLevel: Int = 3) -> String {
        var out = "<p>\(inline(intro))</p>\n"
        for group in groups {
            out += "<div class=\"defgroup\" id=\"\(group.id)\"><h\(headingLevel)>\(htmlEscape(group.title))</h\(headingLevel)>"
            if let intro = group.intro { out += "<p>\(inline(intro))</p>" }
            out += "<dl>"
            for term in group.terms { out += "<dt>\(htmlEscape(term.name))</dt><dd>\(inline(term.text))</dd>" }
            out += "</dl></div>\n"
        }
        return out
    }

    /// Escapes text and turns `` `code` `` spans into `<code>`.
    static func inline(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        var out = ""
        for (i, part) in parts.enumerated() {
            out += i % 2 == 1 ? "<code>\(htmlEscape(String(part)))</code>" : htmlEscape(String(part))
        }
        return out
    }
}
