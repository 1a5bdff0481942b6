import Foundation

/// Where a publishable site folder may sit: the one check `dashboard`, `demo` and `nightly`
/// make so a snapshot (customer data) never lands inside a published folder.
package enum SiteFolder {
    /// Whether `path` is `directory` or lies below it, after resolving `.` and `..`.
    package static func isInside(_ path: String, _ directory: String) -> Bool {
        let p = URL(fileURLWithPath: path).standardizedFileURL.path
        let d = URL(fileURLWithPath: directory).standardizedFileURL.path
        return p == d || p.hasPrefix(d.hasSuffix("/") ? d : d + "/")
    }
}
