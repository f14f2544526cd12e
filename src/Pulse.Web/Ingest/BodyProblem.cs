namespace Pulse.Web.Ingest;

/// <summary>A body that cannot be read as interactions at all.</summary>
internal sealed class BodyProblem(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;
}
