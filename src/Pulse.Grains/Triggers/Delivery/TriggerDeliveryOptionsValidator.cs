using Microsoft.Extensions.Options;

namespace Pulse.Grains.Triggers.Delivery;

/// <summary>Refuses delivery settings that cannot work, each problem naming its setting.</summary>
public sealed class TriggerDeliveryOptionsValidator : IValidateOptions<TriggerDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, TriggerDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem with <paramref name="options"/>, in words naming the setting; empty when they are usable.</summary>
    public static IReadOnlyList<string> Problems(TriggerDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = TriggerDeliveryOptions.Section;
        var problems = new List<string>();
        Positive(options.Timeout, nameof(options.Timeout));
        Positive(options.FirstRetry, nameof(options.FirstRetry));
        Positive(options.MaxRetry, nameof(options.MaxRetry));
        Positive(options.Lease, nameof(options.Lease));
        Positive(options.PollInterval, nameof(options.PollInterval));
        if (options.MaxRetry < options.FirstRetry)
        {
            problems.Add($"{S}:MaxRetry ({options.MaxRetry}) must be at least {S}:FirstRetry ({options.FirstRetry}).");
        }

        if (options.Lease <= options.Timeout)
        {
            problems.Add($"{S}:Lease ({options.Lease}) must be longer than {S}:Timeout ({options.Timeout}), so a send ends before another silo may claim the delivery.");
        }

        if (options.MaxAttempts is < 1 or > 1_000)
        {
            problems.Add($"{S}:MaxAttempts ({options.MaxAttempts}) must be 1 to 1000.");
        }

        if (options.MaxInFlight is < 1 or > 10_000)
        {
            problems.Add($"{S}:MaxInFlight ({options.MaxInFlight}) must be 1 to 10000.");
        }

        return problems;

        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{S}:{setting} ({value}) must be positive.");
            }
        }
    }
}
