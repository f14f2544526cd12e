using System.CommandLine;
using System.CommandLine.Parsing;

namespace Pulse.Cli.Shell;

/// <summary>Options that several commands share, with their parsing and validation.</summary>
internal static class CommonOptions
{
    public const string UrlVariable = "PULSE_URL";
    public static readonly Uri DefaultUrl = new("http://localhost:5080");

    /// <summary><c>--url</c>: where the Pulse HTTP API is; <c>PULSE_URL</c> when not given. Valid on every command.</summary>
    public static Option<Uri> Url() => new("--url")
    {
        Description = $"Base address of the Pulse HTTP API; ${UrlVariable} when not given",
        Recursive = true,
        HelpName = "URL",
        DefaultValueFactory = _ => UrlFrom(Environment.GetEnvironmentVariable(UrlVariable)),
        CustomParser = result => ParseUrl(result, result.Tokens.Count > 0 ? result.Tokens[0].Value : null),
    };

    /// <summary>A duration option (<c>20s</c>, <c>2m</c>, ...).</summary>
    public static Option<TimeSpan?> Duration(string name, string description, TimeSpan? defaultValue = null)
    {
        var option = new Option<TimeSpan?>(name)
        {
            Description = description,
            HelpName = "DURATION",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
                if (Durations.TryParse(text, out var duration))
                {
                    return duration;
                }

                result.AddError($"'{text}' is not a duration: use 500ms, 20s, 2m, 1h or hh:mm:ss.");
                return null;
            },
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    /// <summary>A positive whole-number option.</summary>
    public static Option<int> Positive(string name, string description, int defaultValue, int max = int.MaxValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "N" };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < 1 || value > max)
            {
                result.AddError($"{name} must be between 1 and {max:N0}; got {value}.");
            }
        });
        return option;
    }

    private static Uri UrlFrom(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : DefaultUrl;

    private static Uri ParseUrl(ArgumentResult result, string? text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an http(s) URL such as {DefaultUrl}.");
        return DefaultUrl;
    }

    /// <summary>An ISO 8601 instant option; a value without an offset is taken as UTC.</summary>
    public static Option<DateTimeOffset?> Instant(string name, string description, bool required = false) => new(name)
    {
        Description = description,
        HelpName = "TIME",
        Required = required,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                return at.ToUniversalTime();
            }

            result.AddError($"'{text}' is not an ISO 8601 time such as 2025-03-01T12:00:00Z.");
            return null;
        },
    };

    /// <summary>The PostgreSQL connection string option; <c>PULSE_DB</c> when not given.</summary>
    public static Option<string?> Connection() => new("--connection")
    {
        Description = "PostgreSQL connection string; $PULSE_DB when not given",
        HelpName = "CONNECTION",
    };

    /// <summary>The connection string given, else <c>PULSE_DB</c>, else null.</summary>
    public static string? ConnectionString(string? given) =>
        !string.IsNullOrWhiteSpace(given) ? given
        : Environment.GetEnvironmentVariable("PULSE_DB") is { Length: > 0 } env ? env
        : null;

    public const string NoConnection = "no connection string: pass --connection or set PULSE_DB.";
}
