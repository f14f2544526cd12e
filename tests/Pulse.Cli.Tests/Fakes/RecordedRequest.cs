namespace Pulse.Cli.Tests.Fakes;

/// <summary>A request to the fake server's model endpoints, as it arrived.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}
