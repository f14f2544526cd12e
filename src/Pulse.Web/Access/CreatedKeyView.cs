namespace Pulse.Web.Access;

/// <summary>A new key, with the only showing of its secret: Pulse keeps a hash and cannot show it again.</summary>
public sealed record CreatedKeyView(string Key, KeyView Details);
