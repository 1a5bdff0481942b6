import Foundation

/// What an `internal_info` conversation records, recognised from its system text at
/// extraction; the text itself is never stored.
public enum SystemNoteKind: String, Sendable, Equatable, CaseIterable {
    /// "Ticket has been closed".
    case close
    /// "Ticket has been reopened".
    case reopen
    /// "X assigned Y in this ticket".
    case assign
    /// Any other system line.
    case other

    /// Recognises the kind of a system line from its HTML content (tags and surrounding
    /// whitespace ignored, case-insensitive).
    public static func recognise(_ content: String) -> SystemNoteKind {
        var text = ""
        var inTag = false
        for ch in content {
            if ch == "<" {
                inTag = true
            } else if ch == ">" {
                inTag = false
            } else if !inTag {
                text.append(ch)
            }
        }
        let plain = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if plain.hasPrefix("ticket has been closed") || plain.hasPrefix("ticket has been resolved") { return .close }
        if plain.hasPrefix("ticket has been reopened") || plain.hasPrefix("ticket has been re-opened") { return .reopen }
        if plain.contains(" assigned "), plain.hasSuffix("in this ticket") { return .assign }
        return .other
    }

    /// The system text the plugin writes for this kind (the emulator and tests use it).
    public func sampleText(actor: String = "Ada Admin", assignee: String = "Dave Diaz") -> String {
        switch self {
        case .close: return "<p>Ticket has been closed</p>\n"
        case .reopen: return "<p>Ticket has been reopened</p>\n"
        case .assign: return "<p>\(actor) assigned \(assignee) in this ticket</p>\n"
        case .other: return "<p>Ticket status changed</p>\n"
        }
    }
}
