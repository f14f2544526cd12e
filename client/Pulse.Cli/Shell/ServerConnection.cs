using Pulse.Cli.Api;

namespace Pulse.Cli.Shell;

/// <summary>Opens a client to the server and says plainly when nothing answers, before any work starts.</summary>
internal static class ServerConnection
{
    public static async Task<PulseApiClient?> OpenAsync(Uri url, int connections, CancellationToken cancellationToken)
    {
        var client = PulseApiClient.Create(url, connections);
        if (await client.IsReachableAsync(cancellationToken).ConfigureAwait(false))
        {
            return client;
        }

        client.Dispose();
        CommandActions.Fail(
            $"nothing answers at {url}. Start a silo (dotnet run --project silo/Pulse.Silo), or pass --url / set {CommonOptions.UrlVariable}.");
        return null;
    }
}
