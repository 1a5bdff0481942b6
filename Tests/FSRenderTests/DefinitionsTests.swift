import FSRender
import Foundation
import Testing

/// `docs/definitions.md` (pasted into the README) is exactly the dashboard's Definitions
/// section; `FSREPORT_RECORD=1` rewrites it (and fails, like every recording).
@Suite struct DefinitionsTests {
    static let file = TestPaths.packageRoot.appendingPathComponent("docs/definitions.md")

    @Test func docsFileMatchesTheDashboard() throws {
        let markdown = DashboardDefinitions.markdown
        if Golden.isRecording {
            try Data(markdown.utf8).write(to: Self.file)
            Issue.record("recorded docs/definitions.md; run again without FSREPORT_RECORD")
            return
        }
        let onDisk = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(onDisk == markdown, "docs/definitions.md is out of date: \(Golden.firstDifference(onDisk, markdown))")
    }

    /// The README's Definitions section is the same text as the dashboard's.
    @Test func readmeCarriesTheSameDefinitions() throws {
        let readme = TestPaths.packageRoot.appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        #expect(
            text.contains(DashboardDefinitions.markdown.trimmingCharacters(in: .whitespacesAndNewlines)),
            "README.md's Definitions section differs from docs/definitions.md; paste the file's text into it")
    }

    /// Every column of the agents table, every card and every chart is defined.
    @Test func everyShownNumberIsDefined() {
        let terms = Set(DashboardDefinitions.groups.flatMap(\.terms).map(\.name))
        for name in [
            "New tickets", "Active tickets", "Closed tickets", "Responses", "Tickets created", "Tickets resolved",
            "Agent responses", "Waiting on an agent", "Interactions", "Closed", "Open", "Waiting", "Average waiting",
            "Longest waiting", "Total replies", "Total interactions", "Total closed", "Data as of", "Computed for",
            "Per day", "Compared with the team", "Change",
            // Busiest times, the product and mailbox tables, the files only published as JSON and CSV.
            "Tickets created (grid)", "Agent replies", "Customer messages", "Total and average per weekday",
            "Responses (products and mailboxes)", "All conversations", "Interactions (products and mailboxes)",
            "Open (products and mailboxes)", "Closed (products and mailboxes)", "Stats", "Day and hour grids",
            "Product and mailbox responses", "Stats closes by creation date", "Product response chart",
            // The backlog card.
            "Open at end of day", "Inflow: created", "Outflow: closed", "Re-opened", "Open tickets by age",
            "Waiting tickets by wait",
        ] {
            #expect(terms.contains(name), "no definition for \(name)")
        }
        #expect(DashboardDefinitions.groups.contains { $0.title.contains("differ from Fluent Support") })
    }

    @Test func markdownHasNoHTMLAndNoLinks() {
        let markdown = DashboardDefinitions.markdown
        #expect(markdown.hasPrefix("## Definitions\n"))
        #expect(!markdown.contains("<") && !markdown.contains("http"))
    }
}
