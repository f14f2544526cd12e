namespace Pulse.Analytics.Simulation;

/// <summary>
/// The wire names of channels and kinds that simulated events use; the same names ingest accepts
/// (Pulse.Contracts' <c>WireNames</c>, which this plain library cannot reference).
/// </summary>
public static class EventVocabulary
{
    public const string Web = "web";
    public const string CallCentre = "call-centre";
    public const string EmailChannel = "email";
    public const string Store = "store";
    public const string Mobile = "mobile";

    public const string PageView = "page-view";
    public const string AddToCart = "add-to-cart";
    public const string Purchase = "purchase";
    public const string Refund = "refund";
    public const string Call = "call";
    public const string Chat = "chat";
    public const string Email = "email";
    public const string Complaint = "complaint";
    public const string Review = "review";
    public const string Referral = "referral";
    public const string Household = "household";
    public const string Mention = "mention";
    public const string Signup = "signup";
    public const string ProfileUpdate = "profile-update";

    /// <summary>Every channel name.</summary>
    public static IReadOnlyList<string> Channels { get; } = [Web, CallCentre, EmailChannel, Store, Mobile];

    /// <summary>Every kind name.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        PageView, AddToCart, Purchase, Refund, Call, Chat, Email,
        Complaint, Review, Referral, Household, Mention, Signup, ProfileUpdate,
    ];

    /// <summary>Kinds that carry an amount.</summary>
    public static bool HasAmount(string kind) => kind is Purchase or Refund;

    /// <summary>Kinds that link to another customer.</summary>
    public static bool HasCounterparty(string kind) => kind is Referral or Household or Mention;
}
