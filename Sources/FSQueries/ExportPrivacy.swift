import FSSnapshot
import Foundation

/// Keeps customer data out of query exports that nightly publishes with the site: a
/// saved query can select anything in the snapshot, so its result is checked before it
/// is written.
public struct ExportPrivacy: Sendable {
    /// Lowercased emails and full names ("first last") of every non-agent person.
    public let customerIdentifiers: Set<String>

    public init(snapshot: Snapshot) throws {
        var identifiers: Set<String> = []
        for person in try snapshot.persons() where person.personType != "agent" {
            if let email = person.email, !email.isEmpty { identifiers.insert(email.lowercased()) }
            let name = [person.firstName, person.lastName].compactMap { $0?.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
            if name.contains(" ") { identifiers.insert(name.lowercased()) }
        }
        customerIdentifiers = identifiers
    }

    /// Why a result may not be published (naming the column), or nil when it may.
    public func problem(in result: QueryResult) -> String? {
        for row in result.rows {
            for (index, value) in row.enumerated() {
                guard case .text(let text) = value else { continue }
                let column = index < result.columns.count ? result.columns[index] : "#\(index + 1)"
                if Self.looksLikeEmail(text) {
                    return "column \"\(column)\" holds an email address"
                }
                if customerIdentifiers.contains(text.trimmingCharacters(in: .whitespaces).lowercased()) {
                    return "column \"\(column)\" holds a customer's name or email"
                }
            }
        }
        return nil
    }

    /// `local@domain.tld` anywhere in the text.
    public static func looksLikeEmail(_ text: String) -> Bool {
        guard let at = text.firstIndex(of: "@"), at > text.startIndex else { return false }
        let domain = text[text.index(after: at)...].prefix { !$0.isWhitespace && $0 != ">" && $0 != "," }
        guard let dot = domain.lastIndex(of: "."), dot > domain.startIndex else { return false }
        return domain.index(after: dot) < domain.endIndex
    }
}
