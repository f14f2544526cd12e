namespace Pulse.Analytics.Simulation;

/// <summary>
/// Writes short transcripts, chat lines, emails and reviews from phrase lists; each sentence is positive
/// with a probability that rises with the customer's satisfaction, so tone tracks the latent trait.
/// </summary>
internal static class TranscriptComposer
{
    private static readonly string[] CallOpeners =
    [
        "Hi, I'm calling about my recent order.",
        "Hello, I have a question about my account.",
        "Hi there, I'm ringing about a delivery.",
        "Good morning, I wanted to check on my subscription.",
        "Hello, I'm calling about the invoice you sent me.",
    ];

    private static readonly string[] ChatOpeners =
    [
        "Hi, quick question about my order.",
        "Hello, I need some help with checkout.",
        "Hey, I'm looking at a product page and have a question.",
        "Hi, can someone help me with my basket?",
    ];

    private static readonly string[] EmailOpeners =
    [
        "Dear support team,",
        "Hello,",
        "To whom it may concern,",
        "Hi team,",
    ];

    private static readonly string[] ComplaintOpeners =
    [
        "I want to make a formal complaint.",
        "I am writing to complain about the service I received.",
        "This is a complaint about my last order.",
    ];

    internal static readonly string[] Positive =
    [
        "The delivery arrived a day early and everything was perfect.",
        "Your agent was friendly and sorted it out in minutes.",
        "I love the quality, it is exactly what I hoped for.",
        "The new app makes ordering really easy.",
        "Thanks for the quick refund on the damaged item, much appreciated.",
        "Checkout was smooth and the price was fair.",
        "I've already recommended you to my friends.",
        "The size guide was spot on and it fits great.",
        "Really impressed with how fast you answered.",
        "Great selection, I always find what I need here.",
    ];

    internal static readonly string[] Negative =
    [
        "The parcel is two weeks late and nobody has told me why.",
        "I was charged twice for the same order.",
        "The item arrived broken and the box was crushed.",
        "I have been on hold for forty minutes, this is unacceptable.",
        "Your website keeps crashing at checkout.",
        "The product stopped working after three days.",
        "I asked for a refund a month ago and still nothing.",
        "The agent was rude and hung up on me.",
        "The description was misleading, this is not what I ordered.",
        "I'm really disappointed and thinking of cancelling my account.",
    ];

    private static readonly string[] PositiveClosings =
    [
        "Thanks again, you've been really helpful.",
        "Keep up the great work!",
        "Have a lovely day.",
        "Very happy, thank you.",
    ];

    private static readonly string[] NegativeClosings =
    [
        "I expect this fixed today or I'm leaving.",
        "Very frustrated, please sort this out.",
        "This is the last time I order from you.",
        "I want to speak to a manager.",
    ];

    /// <summary>Text for a kind where the customer speaks; null for the others.</summary>
    public static string? Compose(Random random, string kind, double satisfaction)
    {
        // One mood per message, which most sentences follow, so a message reads as a whole.
        var positive = kind != EventVocabulary.Complaint && random.NextBool(PositiveProbability(satisfaction));
        return kind switch
        {
            EventVocabulary.Call => Join(random.Pick(CallOpeners), Body(random, positive), Closing(random, positive)),
            EventVocabulary.Chat => Join(random.Pick(ChatOpeners), Sentence(random, positive)),
            EventVocabulary.Email => Join(random.Pick(EmailOpeners), Body(random, positive), Closing(random, positive)),
            EventVocabulary.Complaint => Join(
                random.Pick(ComplaintOpeners), random.Pick(Negative), random.Pick(NegativeClosings)),
            EventVocabulary.Review => Review(random, positive),
            _ => null,
        };
    }

    /// <summary>The chance of a positive message: logistic in satisfaction, 0.5 at neutral.</summary>
    public static double PositiveProbability(double satisfaction) => 1.0 / (1.0 + Math.Exp(-4.0 * satisfaction));

    private static string Review(Random random, bool positive)
    {
        var stars = positive ? random.Next(4, 6) : random.Next(1, 4);
        return Join(Sentence(random, positive), $"{stars} out of 5.");
    }

    private static string Body(Random random, bool positive)
    {
        var first = Sentence(random, positive);
        if (random.NextBool(0.5))
        {
            return first;
        }

        var second = Sentence(random, positive);
        return second == first ? first : Join(first, second);
    }

    private static string Sentence(Random random, bool positive) =>
        random.Pick(positive ^ random.NextBool(0.15) ? Positive : Negative);

    private static string Closing(Random random, bool positive) =>
        random.Pick(positive ? PositiveClosings : NegativeClosings);

    private static string Join(params ReadOnlySpan<string> parts) => string.Join(' ', parts);
}
