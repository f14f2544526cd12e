namespace Pulse.Web.Tests.Triggers;

/// <summary>A silo host of its own for the trigger tests, with the default webhook secret configured (the registry checks it on save).</summary>
public sealed class TriggerHostFixture : SiloHostFixture
{
    protected override IEnumerable<string> Settings =>
    [
        "--Pulse:Demo:Enabled=false",
        "--Pulse:Triggers:Secrets:default=test-signing-key",
    ];
}
