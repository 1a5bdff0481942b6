// A row of the snapshot, as the reports need it. Timestamps are site-local seconds
// (`LocalTime`); `nil` is SQL NULL. Its columns: `Ticket+SnapshotRecord.swift`.

/// A ticket's status as Fluent Support stores it. Anything else counts as not closed.
public struct Ticket: Sendable, Equatable {
    public var id: Int64
    public var customerId: Int64?
    public var agentId: Int64?
    public var mailboxId: Int64?
    public var productId: Int64?
    public var status: String
    public var priority: String?
    public var clientPriority: String?
    public var createdAt: Int64
    public var updatedAt: Int64?
    public var resolvedAt: Int64?
    public var closedBy: Int64?
    public var lastAgentResponse: Int64?
    public var lastCustomerResponse: Int64?
    public var waitingSince: Int64?
    public var responseCount: Int64
    public var firstResponseTime: Int64?
    public var totalCloseTime: Int64?
    /// Id of the ticket's latest conversation of any type, as the list endpoint shows it;
    /// lets an incremental sync notice new notes without fetching details.
    public var previewResponseId: Int64?

    public init(
        id: Int64, customerId: Int64? = nil, agentId: Int64? = nil, mailboxId: Int64? = nil,
        productId: Int64? = nil, status: String, priority: String? = nil, clientPriority: String? = nil,
        createdAt: Int64, updatedAt: Int64? = nil, resolvedAt: Int64? = nil, closedBy: Int64? = nil,
        lastAgentResponse: Int64? = nil, lastCustomerResponse: Int64? = nil, waitingSince: Int64? = nil,
        responseCount: Int64 = 0, firstResponseTime: Int64? = nil, totalCloseTime: Int64? = nil,
        previewResponseId: Int64? = nil
    ) {
        self.id = id
        self.customerId = customerId
        self.agentId = agentId
        self.mailboxId = mailboxId
        self.productId = productId
        self.status = status
        self.priority = priority
        self.clientPriority = clientPriority
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.resolvedAt = resolvedAt
        self.closedBy = closedBy
        self.lastAgentResponse = lastAgentResponse
        self.lastCustomerResponse = lastCustomerResponse
        self.waitingSince = waitingSince
        self.responseCount = responseCount
        self.firstResponseTime = firstResponseTime
        self.totalCloseTime = totalCloseTime
        self.previewResponseId = previewResponseId
    }
}
