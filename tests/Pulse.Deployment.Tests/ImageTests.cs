using System.Text.Json.Nodes;
using Pulse.Deployment.Tests.Rendering;

namespace Pulse.Deployment.Tests;

/// <summary>
/// The container images as the SDK would build them (k8s/build-images.sh), read from the projects without
/// building: the base image, the user, the tag and the ports must be the ones the manifests expect. Building
/// the archives themselves needs Microsoft's registry for the base images (docs/operations.md, "Images").
/// </summary>
public sealed class ImageTests
{
    [Theory]
    [InlineData("silo/Pulse.Silo/Pulse.Silo.csproj", "pulse", "aspnet")]
    [InlineData("client/Pulse.Cli/Pulse.Cli.csproj", "pulse-cli", "runtime")]
    public async Task Each_image_is_chiseled_runs_as_the_manifests_user_and_carries_the_tag_they_pin(string project, string repository, string runtime)
    {
        var image = await ContainerSettingsAsync(project);
        var properties = image["Properties"]!;
        Assert.Equal(repository, (string?)properties["ContainerRepository"]);
        Assert.Equal($"mcr.microsoft.com/dotnet/{runtime}:10.0-noble-chiseled", (string?)properties["ContainerBaseImage"]);
        Assert.Equal(Release.Version, (string?)properties["ContainerImageTag"]);

        foreach (var overlay in Manifests.Overlays().Select(row => (string)row.Data))
        {
            var manifests = await Manifests.RenderAsync(overlay);
            var workloads = manifests.Objects.Where(o => o["spec"]?["template"]?["spec"] is not null).ToList();
            var users = workloads
                .Where(w => Manifests.Containers(Manifests.PodSpec(w)).Any(c => OverlayTests.Split((string)c["image"]!).Repository == repository))
                .Select(w => (string?)Manifests.PodSpec(w)["securityContext"]!["runAsUser"])
                .ToList();
            Assert.NotEmpty(users);
            Assert.All(users, user => Assert.Equal((string?)properties["ContainerUser"], user));
            Assert.All(
                workloads.SelectMany(w => Manifests.Containers(Manifests.PodSpec(w))).Select(c => OverlayTests.Split((string)c["image"]!)).Where(i => i.Repository == repository),
                i => Assert.Equal((string?)properties["ContainerImageTag"], i.Tag));
        }
    }

    [Fact]
    public async Task The_silo_image_opens_the_ports_the_silo_pods_declare()
    {
        var image = await ContainerSettingsAsync("silo/Pulse.Silo/Pulse.Silo.csproj");
        var opened = image["Items"]!["ContainerPort"]!.AsArray().Select(p => (string)p!["Identity"]!).Order(StringComparer.Ordinal);
        var manifests = await Manifests.RenderAsync("prod");
        var declared = Manifests.Container(manifests.Single("Deployment", "pulse-silo"), "silo")["ports"]!.AsArray()
            .Select(p => (string)p!["containerPort"]!).Order(StringComparer.Ordinal);
        Assert.Equal(declared, opened);

        // The API listens beyond loopback inside the container.
        var urls = image["Items"]!["ContainerEnvironmentVariable"]!.AsArray().Single(v => (string?)v!["Identity"] == "Urls");
        Assert.Equal("http://+:8080", (string?)urls!["Value"]);
    }

    /// <summary>The SDK's container settings for <paramref name="project"/>, evaluated as `dotnet publish -t:PublishContainer` would for linux-x64.</summary>
    private static async Task<JsonNode> ContainerSettingsAsync(string project)
    {
        var dotnet = Command.Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");
        var json = await Command.RunAsync(dotnet,
        [
            "msbuild", Repository.PathOf(project), "-nologo", "-nodeReuse:false",
            "-t:ComputeContainerConfig", "-p:Configuration=Release", "-p:RuntimeIdentifier=linux-x64", "-p:PulseBuildUi=false",
            "-getProperty:ContainerRepository", "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser", "-getProperty:ContainerImageTag",
            "-getItem:ContainerPort", "-getItem:ContainerEnvironmentVariable",
        ]);
        return JsonNode.Parse(json)!;
    }
}
