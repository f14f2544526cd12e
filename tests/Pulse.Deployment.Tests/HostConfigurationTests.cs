using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Pulse.Deployment.Tests.Rendering;
using Pulse.Silo;

namespace Pulse.Deployment.Tests;

/// <summary>
/// The settings a pod gets from the rendered manifests, given to the real host builder (built, not started):
/// the silo and the front end must read from them what the manifests mean, or the pods would run otherwise.
/// </summary>
public sealed class HostConfigurationTests
{
    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task A_silo_pod_advertises_its_IP_under_its_name_in_the_cluster_its_labels_name(string overlay)
    {
        var (app, labels) = await BuildAsync(overlay, "pulse-silo", "silo");
        await using var _ = app;

        Assert.Equal(PodEnvironment.PodName, app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse(PodEnvironment.PodIP), endpoints.AdvertisedIPAddress);
        Assert.Equal(11111, endpoints.SiloPort);
        Assert.Equal(30000, endpoints.GatewayPort);

        // It listens on every interface of the pod, not on the address alone.
        Assert.Equal(IPAddress.Any, endpoints.SiloListeningEndpoint?.Address);
        Assert.Equal(IPAddress.Any, endpoints.GatewayListeningEndpoint?.Address);

        var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal((string?)labels["orleans/clusterId"], cluster.ClusterId);
        Assert.Equal((string?)labels["orleans/serviceId"], cluster.ServiceId);

        // The host's own shutdown gets the time the manifest grants it, inside the pod's grace period.
        Assert.Equal(TimeSpan.FromSeconds(170), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task A_front_end_pod_is_a_client_of_the_cluster_its_labels_name(string overlay)
    {
        var (app, labels) = await BuildAsync(overlay, "pulse-frontend", "frontend");
        await using var _ = app;

        Assert.Null(app.Services.GetService<ILocalSiloDetails>());
        Assert.NotNull(app.Services.GetService<IClusterClient>());
        var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal((string?)labels["orleans/clusterId"], cluster.ClusterId);
        Assert.Equal((string?)labels["orleans/serviceId"], cluster.ServiceId);
        Assert.Equal(TimeSpan.FromSeconds(50), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    /// <summary>The host as a pod of <paramref name="deployment"/> would build it, and the pod's labels.</summary>
    private static async Task<(WebApplication App, JsonObject Labels)> BuildAsync(string overlay, string deployment, string container)
    {
        var workload = (await Manifests.RenderAsync(overlay)).Single("Deployment", deployment);
        var app = PulseSiloHost.Build(["--urls=http://127.0.0.1:0", .. PodEnvironment.AsArguments(PodEnvironment.Resolve(workload, container))]);
        return (app, Manifests.PodLabels(workload));
    }
}
