using Orleans.Concurrency;

namespace Pulse.Contracts.Access;

/// <summary>The cluster's API keys (key 0). Small and rarely written; every front end keeps a copy it reloads by version.</summary>
[Alias("pulse.IApiKeysGrain")]
public interface IApiKeysGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a key (its secret already hashed by the caller, so the secret never reaches a silo).</summary>
    [Alias("AddAsync")]
    Task<ApiKeySet> AddAsync(ApiKey key);

    /// <summary>Revokes a key; null when there is none by that id. Revoking twice keeps the first revocation.</summary>
    [Alias("RevokeAsync")]
    Task<ApiKey?> RevokeAsync(string keyId, string revokedBy);

    /// <summary>The version of the set: cheap, asked often.</summary>
    [ReadOnly, Alias("GetVersionAsync")]
    Task<long> GetVersionAsync();

    [ReadOnly, Alias("GetAllAsync")]
    Task<ApiKeySet> GetAllAsync();
}
