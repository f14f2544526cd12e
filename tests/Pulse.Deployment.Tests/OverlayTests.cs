using System.Text;
using System.Text.Json.Nodes;
using Pulse.Deployment.Tests.Rendering;

namespace Pulse.Deployment.Tests;

/// <summary>
/// Every overlay under k8s/overlays, rendered by <c>kubectl kustomize</c>, checked for what an operator and
/// Orleans rely on (docs/operations.md): the objects, the Orleans labels and the settings taken from the pod,
/// the probes, the grace period, pinned images, secrets kept out of the manifests, budgets and autoscalers.
/// </summary>
public sealed class OverlayTests
{
    private static readonly string[] SecretSettings =
        ["ConnectionStrings__Pulse", "PULSE_DB", "Pulse__Identity__HashKey", "Pulse__Triggers__Secrets__default", "POSTGRES_PASSWORD"];

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Renders_the_silos_front_ends_services_budgets_autoscalers_and_schema_job(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        manifests.Single("Deployment", "pulse-silo");
        manifests.Single("Deployment", "pulse-frontend");
        manifests.Single("Service", "pulse");
        manifests.Single("Service", "pulse-silo");
        manifests.Single("PodDisruptionBudget", "pulse-silo");
        manifests.Single("PodDisruptionBudget", "pulse-frontend");
        manifests.Single("HorizontalPodAutoscaler", "pulse-silo");
        manifests.Single("HorizontalPodAutoscaler", "pulse-frontend");
        manifests.Single("Job", "pulse-schema");
        manifests.Single("ServiceAccount", "pulse");

        // One namespace for everything, set by the overlay.
        var namespaces = manifests.Objects.Select(o => (string?)o["metadata"]!["namespace"]).Distinct().ToList();
        var single = Assert.Single(namespaces);
        Assert.False(string.IsNullOrEmpty(single));
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Silo_pods_carry_the_Orleans_labels_and_take_ids_address_and_name_from_the_pod(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var silo = manifests.Single("Deployment", "pulse-silo");
        var labels = Manifests.PodLabels(silo);
        Assert.False(string.IsNullOrEmpty((string?)labels["orleans/serviceId"]));
        Assert.False(string.IsNullOrEmpty((string?)labels["orleans/clusterId"]));

        var container = Manifests.Container(silo, "silo");
        Assert.Equal("metadata.labels['orleans/clusterId']", FieldPath(container, "Pulse__Orleans__ClusterId"));
        Assert.Equal("metadata.labels['orleans/serviceId']", FieldPath(container, "Pulse__Orleans__ServiceId"));
        Assert.Equal("status.podIP", FieldPath(container, "Pulse__Orleans__AdvertisedIP"));
        Assert.Equal("metadata.name", FieldPath(container, "Pulse__Orleans__SiloName"));
        Assert.Equal("postgres", Value(container, "Pulse__Profile"));
        Assert.Equal("silo", Value(container, "Pulse__Role"));
        Assert.Equal("false", Value(container, "Pulse__Demo__Enabled"));

        // The Orleans ports the silo is told to use are the ports its container opens.
        Assert.Equal(Port(container, "silo"), Value(container, "Pulse__Orleans__SiloPort"));
        Assert.Equal(Port(container, "gateway"), Value(container, "Pulse__Orleans__GatewayPort"));
        Assert.Equal("8080", Port(container, "http"));

        // Front ends are clients of the same cluster.
        var frontEnd = manifests.Single("Deployment", "pulse-frontend");
        var frontEndLabels = Manifests.PodLabels(frontEnd);
        Assert.Equal((string?)labels["orleans/clusterId"], (string?)frontEndLabels["orleans/clusterId"]);
        Assert.Equal((string?)labels["orleans/serviceId"], (string?)frontEndLabels["orleans/serviceId"]);
        var frontEndContainer = Manifests.Container(frontEnd, "frontend");
        Assert.Equal("metadata.labels['orleans/clusterId']", FieldPath(frontEndContainer, "Pulse__Orleans__ClusterId"));
        Assert.Equal("frontend", Value(frontEndContainer, "Pulse__Role"));
        Assert.Equal("postgres", Value(frontEndContainer, "Pulse__Profile"));
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Probes_ask_the_health_endpoints_on_the_http_port(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        foreach (var (deployment, name) in new[] { ("pulse-silo", "silo"), ("pulse-frontend", "frontend") })
        {
            var container = Manifests.Container(manifests.Single("Deployment", deployment), name);
            Assert.Equal("8080", Port(container, "http"));
            foreach (var (probe, path) in new[] { ("startupProbe", "/health/startup"), ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
            {
                var get = container[probe]?["httpGet"] ?? throw new Xunit.Sdk.XunitException($"{overlay}/{deployment}: no {probe}");
                Assert.Equal(path, (string?)get["path"]);
                Assert.Equal("http", (string?)get["port"]);
            }

            // A probe must not give up before the storage check's own time-out (3 s) has answered.
            Assert.True(int.Parse((string)container["readinessProbe"]!["timeoutSeconds"]!, System.Globalization.CultureInfo.InvariantCulture) > 3);
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Silos_get_a_grace_period_long_enough_to_hand_their_activations_over(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var silo = manifests.Single("Deployment", "pulse-silo");
        var grace = Seconds(Manifests.PodSpec(silo)["terminationGracePeriodSeconds"]);
        Assert.True(grace >= 120, $"terminationGracePeriodSeconds {grace}");

        // The host must finish its own shutdown before Kubernetes kills the process.
        var shutdown = Seconds(Manifests.Env(Manifests.Container(silo, "silo"), "shutdownTimeoutSeconds")!["value"]);
        Assert.InRange(shutdown, 60, grace - 5);

        // A new silo is ready before an old one leaves.
        Assert.Equal("0", (string?)silo["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"]);

        var frontEnd = manifests.Single("Deployment", "pulse-frontend");
        Assert.True(Seconds(Manifests.Env(Manifests.Container(frontEnd, "frontend"), "shutdownTimeoutSeconds")!["value"]) < Seconds(Manifests.PodSpec(frontEnd)["terminationGracePeriodSeconds"]));
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_image_is_pinned_and_Pulse_images_carry_the_release(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var images = manifests.Objects
            .Where(o => o["spec"]?["template"]?["spec"] is not null)
            .SelectMany(o => Manifests.Containers(Manifests.PodSpec(o)))
            .Select(c => (string)c["image"]!)
            .ToList();
        Assert.NotEmpty(images);
        foreach (var image in images)
        {
            var (repository, tag) = Split(image);
            Assert.False(string.IsNullOrEmpty(tag), $"{overlay}: {image} has no tag");
            Assert.NotEqual("latest", tag);
            if (repository is "pulse" or "pulse-cli")
            {
                Assert.Equal(Release.Version, tag);
            }
        }

        Assert.Contains(images, i => Split(i).Repository == "pulse");
        Assert.Contains(images, i => Split(i).Repository == "pulse-cli");
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Secret_settings_come_from_a_Secret_never_from_the_manifest(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in manifests.Objects.Where(o => o["spec"]?["template"]?["spec"] is not null).SelectMany(o => Manifests.Containers(Manifests.PodSpec(o))))
        {
            foreach (var variable in container["env"]?.AsArray().Select(e => e!.AsObject()) ?? [])
            {
                var name = (string)variable["name"]!;
                Assert.DoesNotContain("password=", ((string?)variable["value"] ?? string.Empty).ToLowerInvariant(), StringComparison.Ordinal);
                if (SecretSettings.Contains(name))
                {
                    Assert.Null(variable["value"]);
                    var secret = variable["valueFrom"]?["secretKeyRef"]?["name"] ?? throw new Xunit.Sdk.XunitException($"{overlay}: {name} is not read from a Secret");
                    referenced.Add((string)secret!);
                }
            }
        }

        Assert.NotEmpty(referenced);
        var rendered = manifests.OfKind("Secret").Select(s => (string)s["metadata"]!["name"]!).ToList();
        if (overlay == "prod")
        {
            // Production reads a Secret the operator created beforehand, by name; no secret is ever rendered.
            Assert.Empty(rendered);
            Assert.Equal(["pulse-secrets"], referenced);
        }
        else
        {
            Assert.Subset(rendered.ToHashSet(StringComparer.Ordinal), referenced);
        }
    }

    [Fact]
    public async Task Development_runs_PostgreSQL_where_its_connection_string_points_with_the_same_password()
    {
        var manifests = await Manifests.RenderAsync("dev");
        var database = manifests.Single("StatefulSet", "pulse-postgres");
        var service = manifests.Single("Service", "pulse-postgres");
        Assert.Equal(Manifests.PodLabels(database).ToJsonString(), service["spec"]!["selector"]!.ToJsonString());

        var secret = Assert.Single(manifests.OfKind("Secret"));
        string Data(string key) => Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]![key]!));
        var connection = Data("connection-string");
        Assert.Contains($"Host={(string)service["metadata"]!["name"]!};", connection, StringComparison.Ordinal);
        Assert.Contains($"Password={Data("postgres-password")};", connection, StringComparison.Ordinal);
        Assert.Contains("Username=pulse;", connection, StringComparison.Ordinal);
        Assert.Equal("pulse", Value(Manifests.Container(database, "postgres"), "POSTGRES_USER"));
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Budgets_and_autoscalers_aim_at_the_deployments(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var deployments = manifests.OfKind("Deployment").ToList();
        foreach (var budget in manifests.OfKind("PodDisruptionBudget"))
        {
            Assert.Equal("policy/v1", (string?)budget["apiVersion"]);
            var selector = budget["spec"]!["selector"]!["matchLabels"]!.AsObject();
            var matched = deployments.Where(d => selector.All(l => (string?)Manifests.PodLabels(d)[l.Key] == (string?)l.Value)).ToList();
            var deployment = Assert.Single(matched);
            Assert.Equal((string?)budget["metadata"]!["name"], (string?)deployment["metadata"]!["name"]);
            Assert.Equal("1", (string?)budget["spec"]!["maxUnavailable"]);
        }

        foreach (var autoscaler in manifests.OfKind("HorizontalPodAutoscaler"))
        {
            Assert.Equal("autoscaling/v2", (string?)autoscaler["apiVersion"]);
            var target = autoscaler["spec"]!["scaleTargetRef"]!;
            Assert.Equal("Deployment", (string?)target["kind"]);
            var scaled = deployments.Single(d => (string?)d["metadata"]!["name"] == (string?)target["name"]);

            // The autoscaler owns the count: a replica count in the Deployment would reset it on every apply.
            Assert.Null(scaled["spec"]!["replicas"]);
            var (min, max) = (Seconds(autoscaler["spec"]!["minReplicas"]), Seconds(autoscaler["spec"]!["maxReplicas"]));
            Assert.InRange(min, 1, max);
            Assert.Equal("cpu", (string?)autoscaler["spec"]!["metrics"]![0]!["resource"]!["name"]);
        }

        Assert.Equal(2, manifests.OfKind("PodDisruptionBudget").Count());
        Assert.Equal(2, manifests.OfKind("HorizontalPodAutoscaler").Count());
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_container_requests_cpu_and_memory_and_is_held_to_a_memory_limit(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        foreach (var workload in manifests.Objects.Where(o => o["spec"]?["template"]?["spec"] is not null))
        {
            foreach (var container in Manifests.Containers(Manifests.PodSpec(workload)))
            {
                var where = $"{overlay}/{workload["metadata"]!["name"]}/{container["name"]}";
                Assert.True(container["resources"]?["requests"]?["cpu"] is not null, $"{where}: no CPU request");
                Assert.True(container["resources"]?["requests"]?["memory"] is not null, $"{where}: no memory request");
                Assert.True(container["resources"]?["limits"]?["memory"] is not null, $"{where}: no memory limit");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Pulse_pods_run_as_a_non_root_user_without_an_API_token(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        foreach (var workload in new[] { manifests.Single("Deployment", "pulse-silo"), manifests.Single("Deployment", "pulse-frontend"), manifests.Single("Job", "pulse-schema") })
        {
            var pod = Manifests.PodSpec(workload);
            Assert.Equal("true", (string?)pod["securityContext"]!["runAsNonRoot"]);
            Assert.Equal("1654", (string?)pod["securityContext"]!["runAsUser"]);
            Assert.Equal("false", (string?)pod["automountServiceAccountToken"]);
            Assert.All(Manifests.Containers(pod), c => Assert.Equal("false", (string?)c["securityContext"]!["allowPrivilegeEscalation"]));
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task The_schema_job_runs_pulse_db_init_and_the_pods_wait_for_its_schema(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var job = Manifests.Container(manifests.Single("Job", "pulse-schema"), "schema");
        Assert.Equal("pulse-cli", Split((string)job["image"]!).Repository);
        Assert.Equal(["db", "init"], job["args"]!.AsArray().Select(a => (string)a!));
        Assert.NotNull(job["env"]!.AsArray().SingleOrDefault(e => (string?)e!["name"] == "PULSE_DB")?["valueFrom"]?["secretKeyRef"]);

        foreach (var deployment in new[] { "pulse-silo", "pulse-frontend" })
        {
            var wait = Manifests.Container(manifests.Single("Deployment", deployment), "schema");
            Assert.Equal(["db", "status"], wait["args"]!.AsArray().Select(a => (string)a!));
            Assert.Equal((string?)job["image"], (string?)wait["image"]);
        }
    }

    private static string? FieldPath(JsonObject container, string name) =>
        (string?)(Manifests.Env(container, name) ?? throw new Xunit.Sdk.XunitException($"no {name}"))["valueFrom"]?["fieldRef"]?["fieldPath"];

    private static string? Value(JsonObject container, string name) =>
        (string?)(Manifests.Env(container, name) ?? throw new Xunit.Sdk.XunitException($"no {name}"))["value"];

    private static string? Port(JsonObject container, string name) =>
        (string?)container["ports"]!.AsArray().Single(p => (string?)p!["name"] == name)!["containerPort"];

    private static int Seconds(JsonNode? node) => int.Parse((string)node!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>registry/path/name:tag</c> as (<c>name</c>, <c>tag</c>); the tag is empty when there is none.</summary>
    internal static (string Repository, string Tag) Split(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var tag = colon > slash ? image[(colon + 1)..] : string.Empty;
        var path = colon > slash ? image[..colon] : image;
        return (path[(slash + 1)..], tag);
    }
}
