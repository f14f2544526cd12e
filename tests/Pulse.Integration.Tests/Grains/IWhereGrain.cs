namespace Pulse.Integration.Tests.Grains;

/// <summary>Answers where it runs: a grain call that crosses the client, a gateway and a silo.</summary>
[Alias("Pulse.Integration.Tests.Grains.IWhereGrain")]
public interface IWhereGrain : IGrainWithStringKey
{
    [Alias("SiloAsync")]
    Task<string> SiloAsync();
}
