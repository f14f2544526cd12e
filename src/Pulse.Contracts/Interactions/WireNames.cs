using System.Collections.Frozen;

namespace Pulse.Contracts.Interactions;

/// <summary>The names channels and kinds have on the wire, and their parsing.</summary>
public static class WireNames
{
    private static readonly string[] ChannelNames = ["web", "call-centre", "email", "store", "mobile"];

    private static readonly string[] KindNames =
    [
        "page-view", "add-to-cart", "purchase", "refund", "call", "chat", "email",
        "complaint", "review", "referral", "household", "mention", "signup", "profile-update",
        "relationship-end",
    ];

    private static readonly FrozenDictionary<string, Channel> ChannelsByName =
        ChannelNames.Select((n, i) => (n, (Channel)i)).ToFrozenDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, InteractionKind> KindsByName =
        KindNames.Select((n, i) => (n, (InteractionKind)i)).ToFrozenDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);

    /// <summary>Every channel's wire name, in enum order.</summary>
    public static IReadOnlyList<string> Channels => ChannelNames;

    /// <summary>Every kind's wire name, in enum order.</summary>
    public static IReadOnlyList<string> Kinds => KindNames;

    public static string Name(this Channel channel) => ChannelNames[(int)channel];

    public static string Name(this InteractionKind kind) => KindNames[(int)kind];

    public static bool TryParseChannel(string? name, out Channel channel) =>
        ChannelsByName.TryGetValue(name ?? string.Empty, out channel);

    public static bool TryParseKind(string? name, out InteractionKind kind) =>
        KindsByName.TryGetValue(name ?? string.Empty, out kind);
}
