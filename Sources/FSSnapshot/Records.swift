/// Rows of the snapshot, as the reports need them. Timestamps are site-local seconds
/// (``LocalTime``); `nil` is SQL NULL.

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

/// One of a ticket's "responses" in the API: a response, a note, internal info, ...
public struct Conversation: Sendable, Equatable {
    public var id: Int64
    public var ticketId: Int64
    public var personId: Int64?
    public var conversationType: String
    public var createdAt: Int64
    /// For `internal_info` rows, what the system line recorded (recognised at extraction,
    /// the text not kept); nil for other types and for rows extracted before migration 3.
    public var systemKind: SystemNoteKind?

    public init(
        id: Int64, ticketId: Int64, personId: Int64?, conversationType: String, createdAt: Int64,
        systemKind: SystemNoteKind? = nil
    ) {
        self.id = id
        self.ticketId = ticketId
        self.personId = personId
        self.conversationType = conversationType
        self.createdAt = createdAt
        self.systemKind = systemKind
    }
}

/// An agent or a customer.
public struct Person: Sendable, Equatable {
    public var id: Int64
    public var personType: String
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var photo: String?

    public init(
        id: Int64, personType: String, firstName: String? = nil, lastName: String? = nil,
        email: String? = nil, photo: String? = nil
    ) {
        self.id = id
        self.personType = personType
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.photo = photo
    }
}

/// A mailbox (business box) or a product: an id and a display name.
public struct NamedEntity: Sendable, Equatable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

/// An activity-log row. Only ever added on the site, pruned after `delete_days`.
public struct Activity: Sendable, Equatable {
    public var id: Int64
    public var personId: Int64?
    public var personType: String?
    public var eventType: String
    public var objectType: String?
    public var objectId: Int64?
    public var createdAt: Int64

    public init(
        id: Int64, personId: Int64?, personType: String?, eventType: String, objectType: String?,
        objectId: Int64?, createdAt: Int64
    ) {
        self.id = id
        self.personId = personId
        self.personType = personType
        self.eventType = eventType
        self.objectType = objectType
        self.objectId = objectId
        self.createdAt = createdAt
    }
}
