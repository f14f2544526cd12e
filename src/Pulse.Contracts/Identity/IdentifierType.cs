namespace Pulse.Contracts.Identity;

/// <summary>
/// The kinds of identifier that name a customer (docs/identity.md). On the wire and in grain keys they
/// are the lower-case names: <c>account</c>, <c>email</c>, <c>phone</c>, <c>device</c>, <c>crm</c>.
/// </summary>
public enum IdentifierType
{
    /// <summary>A logged-in account id: not personal data by itself, kept as given.</summary>
    Account = 0,

    /// <summary>An email address: only its keyed hash is kept.</summary>
    Email = 1,

    /// <summary>A phone number: only the keyed hash of its digits is kept.</summary>
    Phone = 2,

    /// <summary>A cookie or device id, kept as given.</summary>
    Device = 3,

    /// <summary>A CRM record id, kept as given.</summary>
    Crm = 4,
}
