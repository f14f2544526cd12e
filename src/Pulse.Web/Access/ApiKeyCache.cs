using System.Collections.Frozen;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pulse.Contracts.Access;

namespace Pulse.Web.Access;

/// <summary>
/// This front end's copy of the keys: checking a request costs a dictionary look-up and a hash, never a grain
/// call. It asks the keys grain for the version every <see cref="AccessOptions.KeyRefreshInterval"/> and reloads
/// when it moved, so a revocation takes effect within that interval.
/// </summary>
public sealed partial class ApiKeyCache(IGrainFactory grains, IOptions<AccessOptions> options, ILogger<ApiKeyCache> logger) : BackgroundService
{
    private volatile Loaded _loaded = new(-1, FrozenDictionary<string, ApiKey>.Empty);

    /// <summary>True once the keys were read at least once.</summary>
    public bool IsLoaded => _loaded.Version >= 0;

    /// <summary>The live key for a presented id and secret, or null (unknown, revoked, or a wrong secret).</summary>
    public ApiKey? Find(string keyId, string secret) =>
        _loaded.Keys.TryGetValue(keyId, out var key) && !key.IsRevoked && ApiKeySecrets.HashMatches(secret, key.SecretHash) ? key : null;

    /// <summary>Reloads now if the version moved (after this front end changed the keys itself, say).</summary>
    public async Task RefreshAsync()
    {
        var keys = grains.GetGrain<IApiKeysGrain>(0);
        var version = await keys.GetVersionAsync();
        if (version == _loaded.Version)
        {
            return;
        }

        var set = await keys.GetAllAsync();
        _loaded = new Loaded(set.Version, set.Keys.ToFrozenDictionary(k => k.KeyId, StringComparer.Ordinal));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.KeyRefreshInterval);
        do
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cluster is starting or a silo went away: the copy held stays in force until the next round.
                LogRefreshFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private sealed record Loaded(long Version, FrozenDictionary<string, ApiKey> Keys);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The API keys could not be reloaded; the copy held stays in force")]
    private partial void LogRefreshFailed(Exception exception);
}
