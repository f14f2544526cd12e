namespace Pulse.Grains.Triggers.Outbox;

/// <summary>Where one firing goes: a rule's webhook URL and the name of the secret that signs it (null: the deployment's default secret).</summary>
public sealed record WebhookTarget(string Url, string? SecretName);
