import FSCLI
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// The nightly configuration's `business_hours` and `sla` keys, at the top and per site.
@Suite(.serialized) struct NightlySLAConfigTests {
    static let site = #""url": "http://127.0.0.1:9", "user": "u", "password_env": "PW""#

    static let cases: [(String, String, String)] = [
        (
            "a bad window at the top",
            #"{"site": {\#(site)}, "business_hours": {"tue": ["18:00-08:00"]}}"#,
            "business_hours.tue[0]: \"18:00-08:00\" ends before it starts"
        ),
        (
            "a zero target at the top",
            #"{"site": {\#(site)}, "sla": {"resolution": {"default": "0m"}}}"#,
            "sla.resolution.default: \"0m\" is zero"
        ),
        (
            "a business clock without hours",
            #"{"site": {\#(site)}, "sla": {"clock": "business", "resolution": {"default": "8h"}}}"#,
            "sla.clock: \"business\" needs business hours"
        ),
        (
            "a bad holiday in one of several sites",
            #"{"sites": [{"name": "a", \#(site)}, {"name": "b", \#(site), "business_hours": {"holidays": ["12/25"]}}]}"#,
            "sites[1].business_hours.holidays[0]: \"12/25\" is not a date"
        ),
        (
            "a business clock in one site with hours nowhere",
            #"{"sites": [{"name": "a", \#(site), "sla": {"clock": "business", "first_response": {"default": "1h"}}}]}"#,
            "sites[0].sla.clock"
        ),
        (
            // The clock comes from the top-level "sla": the message names that key, not the site's.
            "a top-level business clock inherited by several sites, hours nowhere",
            #"{"sites": [{"name": "a", \#(site)}, {"name": "b", \#(site)}], "sla": {"clock": "business", "resolution": {"default": "8h"}}}"#,
            "fsreport.json: sla.clock: \"business\" needs business hours"
        ),
    ]

    @Test(arguments: cases)
    func badKeysExitTwo(name: String, config: String, message: String) throws {
        let dir = TemporaryDirectory()
        try config.write(toFile: dir.file("fsreport.json"), atomically: true, encoding: .utf8)
        let run = runCLI(["nightly"], in: dir.path, variables: ["PW": "x"])
        #expect(run.code == 2, "\(name): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(name): \(run.stderr)")
        #expect(run.stderr.contains(dir.file("fsreport.json")), "\(name): the message names the file")
    }

    @Test func hoursAtTheTopAndTargetsInASiteAreAccepted() throws {
        let dir = TemporaryDirectory()
        // Per-site business hours over the top-level ones, and the site's clock needing them: valid.
        let config = """
            {"sites": [{"name": "a", \(Self.site), "sla": {"clock": "business", "first_response": {"normal": "4h"}}}],
             "business_hours": {"timezone": "Europe/Berlin", "mon": ["09:00-17:00"], "holidays": ["2026-12-25"]},
             "extract": {"attempts": 1, "timeout": 1}}
            """
        try config.write(toFile: dir.file("fsreport.json"), atomically: true, encoding: .utf8)
        // The configuration is valid: the run gets as far as the (unreachable) site.
        let run = runCLI(["nightly"], in: dir.path, variables: ["PW": "x"])
        #expect(!run.stderr.contains("fsreport.json:"), "\(run.stderr)")
        #expect(run.stderr.contains("extract"), "\(run.stderr)")
    }
}
