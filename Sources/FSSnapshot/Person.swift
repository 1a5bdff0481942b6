// A row of the snapshot, as the reports need it. Timestamps are site-local seconds
// (`LocalTime`); `nil` is SQL NULL. Its columns: `Person+SnapshotRecord.swift`.

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
