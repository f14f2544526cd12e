namespace Pulse.Web.Health;

/// <summary>
/// Which probe a health check answers for. A check carries the tags of the probes it belongs to; each
/// probe's endpoint runs only its own checks (<see cref="HealthEndpoints"/>).
/// </summary>
public static class HealthTags
{
    /// <summary><c>/health/startup</c>: the host has started.</summary>
    public const string Startup = "startup";

    /// <summary><c>/health/ready</c>: this process can do its work (in the cluster, storage reachable, models loaded).</summary>
    public const string Ready = "ready";

    /// <summary><c>/health/live</c>: the process answers. Checks here must not call grains or the database.</summary>
    public const string Live = "live";
}
