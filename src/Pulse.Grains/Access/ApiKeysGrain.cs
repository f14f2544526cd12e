using Microsoft.Extensions.Logging;
using Pulse.Contracts.Access;

namespace Pulse.Grains.Access;

/// <summary>The API keys, persisted with the customers' state (PostgreSQL in a cluster).</summary>
public sealed partial class ApiKeysGrain(
    [PersistentState("api-keys", PulseStorage.Customers)] IPersistentState<ApiKeysState> state,
    TimeProvider time,
    ILogger<ApiKeysGrain> logger) : Grain, IApiKeysGrain
{
    public async Task<ApiKeySet> AddAsync(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (state.State.Keys.Exists(k => k.KeyId == key.KeyId))
        {
            throw new ArgumentException($"keyId: a key {key.KeyId} exists already.", nameof(key));
        }

        state.State.Keys.Add(key);
        state.State.Version++;
        await state.WriteStateAsync();
        LogAdded(key.KeyId, key.Name, key.Roles, key.CreatedBy);
        return Set();
    }

    public async Task<ApiKey?> RevokeAsync(string keyId, string revokedBy)
    {
        var index = state.State.Keys.FindIndex(k => k.KeyId == keyId);
        if (index < 0)
        {
            return null;
        }

        var key = state.State.Keys[index];
        if (!key.IsRevoked)
        {
            key = key with { RevokedAt = time.GetUtcNow(), RevokedBy = revokedBy };
            state.State.Keys[index] = key;
            state.State.Version++;
            await state.WriteStateAsync();
            LogRevoked(keyId, revokedBy);
        }

        return key;
    }

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);

    public Task<ApiKeySet> GetAllAsync() => Task.FromResult(Set());

    private ApiKeySet Set() => new(state.State.Version, [.. state.State.Keys]);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} ({Name}, {Roles}) created by {CreatedBy}")]
    private partial void LogAdded(string keyId, string name, AccessRoles roles, string createdBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} revoked by {RevokedBy}")]
    private partial void LogRevoked(string keyId, string revokedBy);
}
