namespace Pulse.Contracts.Identity;

/// <summary>
/// Turns an identifier as a caller names it into the key Pulse keeps (normalised, and hashed for email and
/// phone). A service of the host rather than a grain: the HTTP front end hashes before anything reaches a
/// grain, so a clear email or phone number never travels between silos.
/// </summary>
public interface IIdentifierKeys
{
    /// <summary>
    /// The key for <paramref name="value"/> of the named <paramref name="type"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The type is not known (<see cref="ArgumentException.ParamName"/> <c>type</c>) or the value is not a
    /// valid identifier of that type (<c>value</c>); the message says what is wrong.
    /// </exception>
    IdentifierKey KeyOf(string type, string value);

    /// <inheritdoc cref="KeyOf(string, string)"/>
    IdentifierKey KeyOf(IdentifierType type, string value);
}
