import Support

/// The acceptance members every claim is served with: `status`, `accepted`, `status_basis`, `reason`
/// (see ``ItemView``). Nothing here invents a fact: a stated status is served as stated, a derived
/// one only says how the claim compares with the value the item itself gives.
enum ClaimStatus {
    /// A status the fact base states (`accepted`, `disputed`, `refuted`) with its reason.
    static func stated(_ status: String, reason: JSONValue) -> [(String, JSONValue)] {
        [
            ("status", .string(status)), ("accepted", .bool(status == "accepted")),
            ("status_basis", "stated"), ("reason", reason),
        ]
    }

    /// The status of a claimed date `claim`, derived from the item's accepted date `accepted`.
    /// `what` names the value in the reason ("birth date"); `notePath` names the member whose note
    /// explains the accepted value, when it has one ("born.note").
    static func derived(claim: String, accepted: String?, what: String, notePath: String?) -> [(String, JSONValue)] {
        let see = notePath.map { " See \($0)." } ?? ""
        guard let accepted else {
            return members("undecided", nil, "The archive gives no accepted \(what)." + see)
        }
        let shown = display(accepted)
        if claim == accepted {
            return members("accepted", true, "Equals the accepted \(what) (\(shown))." + see)
        }
        if listedInOneOfSet(claim, accepted) {
            return members("undecided", nil,
                "The accepted \(what) (\(shown)) keeps this value as one of its possibilities; the archive does not choose between them." + see)
        }
        return members("not_accepted", false, "Differs from the accepted \(what) (\(shown))." + see)
    }

    /// The status of a claimed issuer, by name, derived from the document's issuer.
    static func issuer(claim: String, issuerName: String?, issuerNames: [String], issuerLabel: String?) -> [(String, JSONValue)] {
        let normalized = claim.lowercased()
        if let issuerName, issuerName.lowercased() == normalized {
            return members("accepted", true, "Equals the document's issuer name.")
        }
        if issuerNames.contains(where: { $0.lowercased() == normalized }) {
            return members("accepted", true, "Names the document's issuer" + (issuerLabel.map { " (\($0))" } ?? "") + ".")
        }
        if let issuerLabel {
            return members("not_accepted", false, "The archive gives the issuer as \(issuerLabel).")
        }
        if let issuerName {
            return members("undecided", nil, "The archive names no single issuer: \(issuerName).")
        }
        return members("undecided", nil, "The archive gives no accepted issuer.")
    }

    /// Estimates are kept side by side and never ranked.
    static let unranked: [(String, JSONValue)] = members("undecided", nil, nil)

    private static func members(_ status: String, _ accepted: Bool?, _ reason: String?) -> [(String, JSONValue)] {
        [
            ("status", .string(status)), ("accepted", accepted.map(JSONValue.bool) ?? .null),
            ("status_basis", "derived"), ("reason", JSONValue(reason)),
        ]
    }

    private static func display(_ edtf: String) -> String {
        (try? EDTFDate.parse(edtf))?.display ?? edtf
    }

    /// Whether `accepted` is a one-of set `[…]` one of whose members is `claim` (or a range holding it).
    static func listedInOneOfSet(_ claim: String, _ accepted: String) -> Bool {
        guard let set = try? EDTFDate.parse(accepted), case .set(allOf: false, let members, _, _) = set.expression,
              let value = try? EDTFDate.parse(claim), case .single(let single) = value.expression
        else { return false }
        return members.contains { member in
            switch member {
            case .date(let date): date.earliest == single.earliest && date.latest == single.latest
            case .range(let low, let high): low.earliest <= single.earliest && single.latest <= high.latest
            }
        }
    }
}

extension ItemView {
    /// One claimed date: `{date, source, note, status, accepted, status_basis, reason}`, with the status
    /// stated by the fact base when it has one, derived from `accepted` otherwise.
    static func dateClaim(
        _ claim: JSONObject, accepted: String?, what: String, notePath: String?, _ context: ViewContext
    ) throws -> JSONValue {
        let edtf = claim["edtf"]?.stringValue ?? ""
        var members: [(String, JSONValue)] = [
            ("date", DateObject.make(edtf)), ("source", try context.reference(claim["source_id"])),
            ("note", claim["note"] ?? .null),
        ]
        if let status = claim["status"]?.stringValue {
            // The fact base gives these claims no reason of their own; the item's note explains them.
            members += ClaimStatus.stated(status, reason: JSONValue(notePath.map { "See \($0)." }))
        } else {
            members += ClaimStatus.derived(claim: edtf, accepted: accepted, what: what, notePath: notePath)
        }
        return .object(JSONObject(members))
    }

    /// The objects of a stored list member.
    static func objects(_ value: JSONValue?) -> [JSONObject] {
        (value?.arrayValue ?? []).compactMap(\.objectValue)
    }
}
