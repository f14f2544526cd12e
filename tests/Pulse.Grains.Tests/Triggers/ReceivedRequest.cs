namespace Pulse.Grains.Tests.Triggers;

/// <summary>One request a <see cref="LoopbackReceiver"/> got.</summary>
public sealed class ReceivedRequest(int number, DateTimeOffset arrivedAt, string method, string path, IReadOnlyDictionary<string, string> headers, byte[] body)
{
    /// <summary>1 for the first request the receiver got.</summary>
    public int Number { get; } = number;

    public DateTimeOffset ArrivedAt { get; } = arrivedAt;

    public string Method { get; } = method;

    public string Path { get; } = path;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public byte[] Body { get; } = body;

    /// <summary>The status answered; 0 while the answer is pending.</summary>
    public int Status { get; set; }

    public string? IdempotencyKey => Headers.GetValueOrDefault("Pulse-Idempotency-Key");

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
