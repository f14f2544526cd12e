using System.Globalization;
using Microsoft.AspNetCore.Http;
using Pulse.Contracts.Interactions;

namespace Pulse.Web.Http;

/// <summary>The 400s every endpoint group gives for the same kinds of bad input, worded the same way.</summary>
internal static class RequestProblems
{
    /// <summary>A customer id longer than any Pulse accepts.</summary>
    public static IResult? CustomerId(string id) =>
        InteractionRules.IdProblem(id) is { } problem
            ? Results.Problem(statusCode: 400, title: "Invalid customer id", detail: $"id: {problem}.")
            : null;

    /// <summary>A customer id in a body field: required, and no longer than any Pulse accepts.</summary>
    public static IResult? CustomerIdField(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? Results.Problem(statusCode: 400, title: $"Invalid {field}", detail: $"{field}: is required.")
        : value.Length > InteractionLimits.MaxIdLength ? Results.Problem(statusCode: 400, title: $"Invalid {field}", detail: $"{field}: at most {InteractionLimits.MaxIdLength} characters.")
        : null;

    /// <summary>
    /// Reads a count from the query as text, so that "abc" gets the same named, explained 400 as an
    /// out-of-range number rather than the framework's bare binding failure.
    /// </summary>
    public static IResult? Count(string name, string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            var shown = text.Length <= 20 ? text : string.Concat(text.AsSpan(0, 20), "…");
            return Results.Problem(statusCode: 400, title: $"Invalid {name}", detail: $"{name}: '{shown}' is not a whole number between {min} and {max}.");
        }

        return null;
    }

    /// <summary>
    /// A 400 from a validation that threw: the parameter it names is the field, its message the reason
    /// (without the " (Parameter 'x')" the framework appends, since the field leads the detail already).
    /// </summary>
    public static IResult Argument(ArgumentException error)
    {
        var field = error.ParamName ?? "request";
        var reason = error.Message.Replace($" (Parameter '{error.ParamName}')", string.Empty, StringComparison.Ordinal);
        return Results.Problem(statusCode: 400, title: $"Invalid {field}", detail: $"{field}: {reason}");
    }
}
