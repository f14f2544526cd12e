using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Pulse.Web.Operations;
using Pulse.Contracts.Identity;
using Pulse.Contracts.Ingest;
using Pulse.Contracts.Interactions;

namespace Pulse.Web.Ingest;

/// <summary><c>POST /api/v1/interactions</c>: JSON array or NDJSON in, per-item verdicts out.</summary>
public static partial class IngestEndpoints
{
    /// <summary>Largest body accepted: 10,000 items with room for text.</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/interactions", IngestAsync)
            .WithName("IngestInteractions")
            .WithSummary("Submit interactions as a JSON array or NDJSON (application/x-ndjson), up to 10,000 a request.")
            .Produces<IngestResponse>(StatusCodes.Status200OK)
            .Produces<IngestResponse>(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return routes;
    }

    private static async Task<IResult> IngestAsync(HttpRequest request, IInteractionIngest ingest, IngestActivity activity, TimeProvider clock, IIdentifierKeys identifierKeys, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var isNdjson = IsMediaType(request.ContentType, "application/x-ndjson") || IsMediaType(request.ContentType, "application/jsonl");
        if (!isNdjson && !IsMediaType(request.ContentType, "application/json"))
        {
            return Problem(415, "Unsupported content type", $"Send application/json (an array) or application/x-ndjson (one object a line), not '{request.ContentType ?? "none"}'.");
        }

        ParsedBody parsed;
        byte[]? buffer = null;
        try
        {
            (buffer, var length) = await ReadBodyAsync(request, cancellationToken);
            var body = buffer.AsSpan(0, length);
            parsed = isNdjson ? InteractionBodyReader.ReadNdjson(body) : InteractionBodyReader.ReadJsonArray(body);
        }
        catch (BodyProblem problem)
        {
            return Problem(problem.StatusCode, problem.Title, problem.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(413, "Body too large", $"A request body may be at most {MaxBodyBytes / (1024 * 1024)} MiB.");
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var now = clock.GetUtcNow();
        var accepted = new List<Interaction>(parsed.Drafts.Count);
        var rejected = parsed.Rejected;
        foreach (var (index, draft) in parsed.Drafts)
        {
            var (interaction, error) = InteractionRules.Validate(draft, index, now, identifierKeys);
            if (interaction is not null)
            {
                accepted.Add(interaction);
            }
            else
            {
                rejected.Add(error!);
            }
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        var receipt = new IngestReceipt(0, 0);
        if (accepted.Count > 0)
        {
            try
            {
                receipt = await ingest.AcceptAsync(accepted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing in this request is acknowledged; a retry is safe because event ids are idempotency keys.
                LogIngestFailed(loggers.CreateLogger(typeof(IngestEndpoints)), ex, accepted.Count);
                request.HttpContext.Response.Headers.RetryAfter = "1";
                return Results.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Ingest unavailable",
                    detail: "Pulse is overloaded or a part of it is unavailable; nothing in this request was acknowledged. Retry the same request: event ids make it safe.",
                    extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = 1 });
            }
        }

        activity.Took(receipt.Accepted, receipt.Duplicates, rejected.Count);
        var response = new IngestResponse(receipt.Accepted, receipt.Duplicates, rejected);
        var status = parsed.ItemCount > 0 && rejected.Count == parsed.ItemCount ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK;
        return Results.Json(response, statusCode: status);
    }

    /// <summary>
    /// Reads the body into an array from the shared pool; the caller returns it. Bodies of a batch
    /// are large-object-heap sized, and allocating one per request drove a full collection every
    /// second or two under load (each a 60 ms pause).
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = MaxBodyBytes;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw new BodyProblem(413, "Body too large", $"A request body may be at most {MaxBodyBytes / (1024 * 1024)} MiB.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and <= MaxBodyBytes ? (int)request.ContentLength + 1 : 64 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new BodyProblem(400, "Empty body", "The body holds no interactions.");
        }

        return (buffer, length);
    }

    private static bool IsMediaType(string? contentType, string mediaType) =>
        contentType is not null && contentType.StartsWith(mediaType, StringComparison.OrdinalIgnoreCase) &&
        (contentType.Length == mediaType.Length || contentType[mediaType.Length] is ';' or ' ');

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingest of {Count} interactions failed; answered 503")]
    private static partial void LogIngestFailed(ILogger logger, Exception exception, int count);
}
