using System.Text.Json.Nodes;

namespace Pulse.Deployment.Tests.Rendering;

/// <summary>
/// A container's environment as Kubernetes would give it to one pod: literal values as written, the
/// downward API's fields from the pod's name, IP and labels, and secrets from stand-in values.
/// </summary>
internal static class PodEnvironment
{
    public const string PodName = "pulse-silo-6c9f7b8d4-x2k7q";
    public const string PodIP = "10.42.3.17";

    /// <summary>Stand-ins for the Secret's keys: the host is built, never started, so nothing connects.</summary>
    public static IReadOnlyDictionary<string, string> Secrets { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["connection-string"] = "Host=database.invalid;Username=pulse;Password=stand-in;Database=pulse",
        ["identity-hash-key"] = "stand-in-identity-key",
        ["webhook-secret"] = "stand-in-webhook-secret",
        ["postgres-password"] = "stand-in",
        ["admin-key"] = "stand-in-admin-key-at-least-32-characters-long",
    };

    public static IReadOnlyDictionary<string, string> Resolve(JsonObject workload, string container)
    {
        var labels = Manifests.PodLabels(workload);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in Manifests.Container(workload, container)["env"]!.AsArray().Select(e => e!.AsObject()))
        {
            var name = (string)variable["name"]!;
            if (variable["value"] is { } value)
            {
                environment[name] = (string)value!;
            }
            else if (variable["valueFrom"]?["fieldRef"]?["fieldPath"] is { } path)
            {
                environment[name] = Field((string)path!, labels);
            }
            else if (variable["valueFrom"]?["secretKeyRef"]?["key"] is { } key)
            {
                environment[name] = Secrets[(string)key!];
            }
            else
            {
                throw new Xunit.Sdk.XunitException($"{name}: a kind of value this test does not know: {variable.ToJsonString()}");
            }
        }

        return environment;
    }

    /// <summary>The environment as the host's command line: <c>A__B=v</c> is the setting <c>A:B</c>, as .NET reads the environment.</summary>
    public static string[] AsArguments(IReadOnlyDictionary<string, string> environment) =>
        [.. environment.Select(e => $"--{e.Key.Replace("__", ":", StringComparison.Ordinal)}={e.Value}")];

    private static string Field(string path, JsonObject labels)
    {
        const string label = "metadata.labels['";
        return path switch
        {
            "metadata.name" => PodName,
            "status.podIP" => PodIP,
            _ when path.StartsWith(label, StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal) =>
                (string?)labels[path[label.Length..^2]] ?? throw new Xunit.Sdk.XunitException($"{path}: the pod has no such label"),
            _ => throw new Xunit.Sdk.XunitException($"{path}: a downward-API field this test does not know"),
        };
    }
}
