using System.Net;

namespace Pulse.Cli.Api;

/// <summary>The server refused a request, or could not be reached after every retry.</summary>
internal sealed class PulseApiException(string message, HttpStatusCode? status = null, int attempts = 1, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The last status seen; null when no answer came (connection refused, timeout).</summary>
    public HttpStatusCode? Status { get; } = status;

    /// <summary>How many times the request was sent.</summary>
    public int Attempts { get; } = attempts;
}
