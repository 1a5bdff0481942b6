import FSCLI
import FSSnapshot
import FSTestSupport
import Foundation

/// The outcome of one in-process `fsreport` run.
struct CLIRun {
    let code: Int32
    let stdout: String
    let stderr: String
}

/// Runs `FSCLI.main` in-process with captured output, in `directory`.
func runCLI(_ arguments: [String], in directory: String, variables: [String: String] = [:]) -> CLIRun {
    let out = Console()
    let err = Console()
    let environment = Environment(
        variables: variables, stdout: out, stderr: err,
        clock: { Date(timeIntervalSince1970: 1_795_190_400) },  // 2026-11-20 16:00:00 UTC
        currentDirectory: directory)
    let code = FSCLI.main(arguments, environment: environment)
    return CLIRun(code: code, stdout: out.text, stderr: err.text)
}

/// A tiny hand-built helpdesk in a snapshot file. Values derived by hand:
/// agents 1 (Ada) and 2 (Bob), customer 5. Ticket 1: Ada, closed, created 2026-11-18 10:00,
/// resolved 2026-11-19 09:00. Ticket 2: Bob, active, created 2026-11-19 23:59:59, waiting since
/// 2026-11-20 08:00 (customer wrote after Bob). Ticket 3: unassigned, new, created 2026-11-20 00:00:00.
/// Conversations: Ada response on T1 11-18 12:00, customer response on T2 11-20 08:00,
/// Bob response on T2 11-20 07:00, Bob note on T2 11-20 07:30.
func makeSmallSnapshot(at path: String, timezone: String = "UTC") throws {
    let t = { (s: String) in LocalTime.parse(s)! }
    let snapshot = try Snapshot(path: path, mode: .create)
    try snapshot.setMeta(MetaKey.timezone, timezone)
    try snapshot.write { w in
        try w.upsert(Person(id: 1, personType: "agent", firstName: "Ada", lastName: "Admin"))
        try w.upsert(Person(id: 2, personType: "agent", firstName: "Bob", lastName: "Baker"))
        try w.upsert(Person(id: 5, personType: "customer", firstName: "Carl", lastName: "Customer", email: "carl@customer.test"))
        try w.upsertMailbox(NamedEntity(id: 1, name: "Main"))
        try w.upsertProduct(NamedEntity(id: 1, name: "Widget"))
        try w.upsert(
            Ticket(
                id: 1, customerId: 5, agentId: 1, mailboxId: 1, productId: 1, status: "closed",
                createdAt: t("2026-11-18 10:00:00"), resolvedAt: t("2026-11-19 09:00:00")))
        try w.upsert(
            Ticket(
                id: 2, customerId: 5, agentId: 2, mailboxId: 1, productId: 1, status: "active",
                createdAt: t("2026-11-19 23:59:59"), lastAgentResponse: t("2026-11-20 07:00:00"),
                lastCustomerResponse: t("2026-11-20 08:00:00"), waitingSince: t("2026-11-20 08:00:00")))
        try w.upsert(
            Ticket(
                id: 3, customerId: 5, mailboxId: 1, productId: 1, status: "new",
                createdAt: t("2026-11-20 00:00:00")))
        try w.upsert(
            Conversation(id: 1, ticketId: 1, personId: 1, conversationType: "response", createdAt: t("2026-11-18 12:00:00")))
        try w.upsert(
            Conversation(id: 2, ticketId: 2, personId: 5, conversationType: "response", createdAt: t("2026-11-20 08:00:00")))
        try w.upsert(
            Conversation(id: 3, ticketId: 2, personId: 2, conversationType: "response", createdAt: t("2026-11-20 07:00:00")))
        try w.upsert(Conversation(id: 4, ticketId: 2, personId: 2, conversationType: "note", createdAt: t("2026-11-20 07:30:00")))
    }
}

/// Parses a JSON body into Foundation objects for assertions.
func json(_ text: String) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8))
}
