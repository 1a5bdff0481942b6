extension ColumnCache {
    /// The first ``ColumnCache/headerLength`` bytes of a cache file: 8-byte little-endian
    /// slots in the order ``visitSlots(_:)`` lists them (the one place the layout is
    /// spelled, for writing and reading alike), then a checksum of all of them.
    struct Header: Sendable {
        var magic: UInt64 = ColumnCache.magic
        var version: UInt32 = ColumnCache.formatVersion
        var headerLength = UInt32(ColumnCache.headerLength)
        var key = Key(
            stamp: .init(generation: 0, schemaVersion: 0, maxTicketId: 0, maxConversationId: 0, maxPersonId: 0),
            changes: .init(writes: 0, token: 0, schemaCookie: 0), device: 0, inode: 0)
        var persons = 0
        var tickets = 0
        var conversations = 0
        var closed = 0
        var assigneeClosed = 0
        var open = 0
        var mailboxes = 0
        var products = 0
        var answered = 0
        var unanswered = 0
        var samples = 0
        var reopenEvents = 0
        var priorityNames = 0
        var storedDiffers = 0
        var pending = 0
        var extraCloses = 0
        var staleCloses = 0
        var reopenBoundaries = 0
        var openNow = 0
        var openByStatusOnly = 0
        var closedByStatusOnly = 0
        var waiting = 0
        var frtDays = 0
        var firstCloses = 0
        var firstCloseDays = 0
        var timeBase: Int64 = 0
        var conversationBytes: UInt64 = 0
        var conversationChecksum: UInt64 = 0
        var restBytes: UInt64 = 0
        var restChecksum: UInt64 = 0
        var reportBytes: UInt64 = 0
        var reportChecksum: UInt64 = 0
        var headerChecksum: UInt64 = 0

        init(store: ColumnarStore, reports: ReportColumns, key: Key) {
            self.key = key
            persons = store.personCount
            tickets = store.ticketCount
            conversations = store.conversationCount
            closed = store.closedRows.count
            assigneeClosed = store.assigneeClosedResolvedAt.count
            open = store.openRows.count
            mailboxes = store.mailboxIDs.count
            products = store.productIDs.count
            timeBase = store.conversationTimeBase
            answered = reports.responses.frtRows.count
            unanswered = reports.responses.unanswered.count
            samples = reports.responses.sampleEnd.count
            reopenEvents = reports.history.reopenRow.count
            priorityNames = reports.tickets.priorityNames.count
            storedDiffers = reports.storedDiffers.count
            pending = reports.responses.pendingRows.count
            extraCloses = reports.history.extraCloseRow.count
            staleCloses = reports.history.staleCloseRow.count
            reopenBoundaries = reports.history.openRow.count
            openNow = reports.history.openNow.count
            openByStatusOnly = reports.history.openByStatusOnly.count
            closedByStatusOnly = reports.history.closedByStatusOnly.count
            waiting = reports.history.waitingRow.count
            frtDays = reports.sketches.frtDays.low.count
            firstCloses = reports.firstResolutions.durations.count
            firstCloseDays = reports.firstResolutions.days
        }

        /// Decodes the first ``ColumnCache/headerLength`` bytes of `bytes`.
        init(_ bytes: [UInt8]) {
            precondition(bytes.count >= ColumnCache.headerLength)
            func slot(at offset: Int) -> UInt64 {
                bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
            }
            var offset = 0
            visitSlots { value in
                value = slot(at: offset)
                offset += 8
            }
            headerChecksum = slot(at: offset)
        }

        /// The encoded header, its checksum last.
        func bytes() -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(ColumnCache.headerLength)
            var fields = self
            fields.visitSlots { value in withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
            withUnsafeBytes(of: Checksum.of(out[...]).littleEndian) { out.append(contentsOf: $0) }
            assert(out.count == ColumnCache.headerLength)
            return out
        }

        /// Hands every slot but the trailing checksum to `visit`, in file order, and stores
        /// back what `visit` leaves in it.
        private mutating func visitSlots(_ visit: (inout UInt64) -> Void) {
            func signed(_ value: inout Int64) {
                var slot = UInt64(bitPattern: value)
                visit(&slot)
                value = Int64(bitPattern: slot)
            }
            func count(_ value: inout Int) {
                var slot = Int64(value)
                signed(&slot)
                value = Int(clamping: slot)
            }
            visit(&magic)
            var versionAndLength = UInt64(version) | UInt64(headerLength) << 32
            visit(&versionAndLength)
            version = UInt32(truncatingIfNeeded: versionAndLength)
            headerLength = UInt32(truncatingIfNeeded: versionAndLength >> 32)
            signed(&key.stamp.generation)
            signed(&key.stamp.schemaVersion)
            signed(&key.stamp.maxTicketId)
            signed(&key.stamp.maxConversationId)
            signed(&key.stamp.maxPersonId)
            visit(&key.device)
            visit(&key.inode)
            // Only keys with a change stamp are written (a stamp-less key reads as zeros).
            var changes = key.changes ?? .init(writes: 0, token: 0, schemaCookie: 0)
            signed(&changes.writes)
            signed(&changes.token)
            signed(&changes.schemaCookie)
            key.changes = changes
            count(&persons)
            count(&tickets)
            count(&conversations)
            count(&closed)
            count(&assigneeClosed)
            count(&open)
            count(&mailboxes)
            count(&products)
            count(&answered)
            count(&unanswered)
            count(&samples)
            count(&reopenEvents)
            count(&priorityNames)
            count(&storedDiffers)
            count(&pending)
            count(&extraCloses)
            count(&staleCloses)
            count(&reopenBoundaries)
            count(&openNow)
            count(&openByStatusOnly)
            count(&closedByStatusOnly)
            count(&waiting)
            count(&frtDays)
            count(&firstCloses)
            count(&firstCloseDays)
            signed(&timeBase)
            visit(&conversationBytes)
            visit(&conversationChecksum)
            visit(&restBytes)
            visit(&restChecksum)
            visit(&reportBytes)
            visit(&reportChecksum)
        }
    }
}
