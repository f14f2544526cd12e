namespace Pulse.Testing.Access;

/// <summary>
/// An assembly fixture for test projects whose tests are about features, not access: every host they start in this
/// process, and every process they start, runs with access control off (<c>Pulse__Access__Enabled=false</c>), so
/// their requests need no key. Access itself is tested with it on (<c>Pulse.Web.Tests/Access</c>, and the browser's
/// sign-in test), by hosts that say <c>--Pulse:Access:Enabled=true</c>: a command-line setting wins over the environment.
/// The product's default stays on.
/// </summary>
public sealed class AccessOffForFeatureTests
{
    public const string Variable = "Pulse__Access__Enabled";

    public AccessOffForFeatureTests() => Environment.SetEnvironmentVariable(Variable, "false");
}
