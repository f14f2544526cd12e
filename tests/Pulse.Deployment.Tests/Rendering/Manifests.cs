using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Pulse.Deployment.Tests.Rendering;

/// <summary>
/// What <c>kubectl kustomize</c> renders for one overlay, as JSON objects. kubectl must be on PATH: without it
/// nothing can be checked, and the tests fail saying so (tests/run-all.sh installs Debian's kubernetes-client).
/// </summary>
internal sealed class Manifests(string overlay, IReadOnlyList<JsonObject> objects)
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Manifests>>> Rendered = new(StringComparer.Ordinal);

    public string Overlay { get; } = overlay;

    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    /// <summary>Every overlay under <c>k8s/overlays</c>: a new one is checked without a new test.</summary>
    public static TheoryData<string> Overlays()
    {
        var overlays = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Repository.PathOf("k8s/overlays")).Order(StringComparer.Ordinal))
        {
            overlays.Add(Path.GetFileName(dir));
        }

        return overlays;
    }

    public static Task<Manifests> RenderAsync(string overlay) =>
        Rendered.GetOrAdd(overlay, name => new Lazy<Task<Manifests>>(() => RenderNowAsync(name))).Value;

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => (string?)o["metadata"]!["name"] == name)
        ?? throw new Xunit.Sdk.XunitException($"{Overlay}: no {kind} named {name}; rendered: {string.Join(", ", Objects.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}"))}");

    /// <summary>The pod template's spec of a Deployment, StatefulSet or Job.</summary>
    public static JsonObject PodSpec(JsonObject workload) => workload["spec"]!["template"]!["spec"]!.AsObject();

    /// <summary>The pod template's labels.</summary>
    public static JsonObject PodLabels(JsonObject workload) => workload["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    /// <summary>Every container of a pod spec, init containers included.</summary>
    public static IEnumerable<JsonObject> Containers(JsonObject podSpec) =>
        new[] { podSpec["initContainers"], podSpec["containers"] }
            .Where(list => list is not null)
            .SelectMany(list => list!.AsArray().Select(c => c!.AsObject()));

    public static JsonObject Container(JsonObject workload, string name) =>
        Containers(PodSpec(workload)).SingleOrDefault(c => (string?)c["name"] == name)
        ?? throw new Xunit.Sdk.XunitException($"no container {name} in {workload["metadata"]!["name"]}");

    /// <summary>A container's environment variable, or null.</summary>
    public static JsonObject? Env(JsonObject container, string name) =>
        container["env"]?.AsArray().Select(e => e!.AsObject()).SingleOrDefault(e => (string?)e["name"] == name);

    private static async Task<Manifests> RenderNowAsync(string overlay)
    {
        var kubectl = Command.Find("kubectl") ?? throw new InvalidOperationException(
            "kubectl is not on PATH, so the Kubernetes manifests cannot be rendered and checked: run tests/run-all.sh, which installs Debian's kubernetes-client, or install kubectl.");
        var yaml = await Command.RunAsync(kubectl, ["kustomize", Repository.PathOf($"k8s/overlays/{overlay}")]);
        return new Manifests(overlay, Parse(yaml));
    }

    private static List<JsonObject> Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var objects = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (ToJson(deserializer.Deserialize<object?>(parser)) is JsonObject document)
            {
                objects.Add(document);
            }
        }

        return objects;
    }

    /// <summary>YAML's untyped tree (maps, lists, scalars as text) as JSON; scalars stay text ("180", "true").</summary>
    private static JsonNode? ToJson(object? yaml) => yaml switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key.ToString()!, ToJson(p.Value)))),
        IList<object?> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonValue.Create(yaml.ToString()),
    };
}
