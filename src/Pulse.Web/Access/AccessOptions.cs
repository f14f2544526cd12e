namespace Pulse.Web.Access;

/// <summary><c>Pulse:Access</c>: who may call the API (docs/security.md).</summary>
public sealed class AccessOptions
{
    public const string Section = "Pulse:Access";

    /// <summary>On unless turned off: every API call needs a key (or a token) whose roles allow it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A key accepted as admin without being stored: how a cluster starts (a Kubernetes secret) and how a test host
    /// gets a key it knows. Any string of 32 characters or more; better a <c>pulse_…</c> key from <c>pulse keys new</c>.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>How often a front end asks whether the keys changed: a revoked key stops working within this.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Requests a second each key may make, on average (0: no limit). An ingest request carries up to 10,000 events.</summary>
    public int RequestsPerSecond { get; set; } = 500;

    /// <summary>Requests a key may make at once above the average.</summary>
    public int Burst { get; set; } = 1_000;
}
