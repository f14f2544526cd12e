namespace Pulse.Web.Tests.Triggers;

/// <summary>
/// A silo host of its own for the trigger tests, with the default webhook secret configured (the registry
/// checks it on save, the dispatcher signs with it) and quick retries.
/// </summary>
public sealed class TriggerHostFixture : SiloHostFixture
{
    public const string Secret = "test-signing-key";

    protected override IEnumerable<string> Settings =>
    [
        "--Pulse:Demo:Enabled=false",
        $"--Pulse:Triggers:Secrets:default={Secret}",
        "--Pulse:Triggers:Delivery:FirstRetry=00:00:00.050",
    ];
}
