using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Pulse.Cli.Triggers;

namespace Pulse.Cli.Api;

/// <summary>
/// The Pulse HTTP API as the CLI uses it: ingest batches (with retries), customer profiles and their
/// interactions, the model registry (fit, train, publish, list), the segments and the relationship graph. Safe for concurrent use, like the <see cref="HttpClient"/> it wraps.
/// </summary>
/// <remarks>
/// Retrying an ingest batch is safe because event ids are idempotency keys: a batch that did land
/// before its answer was lost comes back as duplicates, never as double counts.
/// </remarks>
internal sealed class PulseApiClient : IDisposable
{
    private const string InteractionsPath = "api/v1/interactions";
    private const string ModelsPath = "api/v1/models";
    private const string SegmentsPath = "api/v1/segments";
    private const string GraphPath = "api/v1/graph";
    private const string InfluencersPath = "api/v1/influencers";
    private const string TriggersPath = "api/v1/triggers";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeHeaderValue ZipContentType = new("application/zip");

    private readonly HttpClient _http;
    private readonly RetryPolicy _retry;
    private readonly bool _ownsHttp;
    private long _retries;

    /// <summary>Wraps an <see cref="HttpClient"/> whose base address is the server; the caller keeps owning it.</summary>
    public PulseApiClient(HttpClient http, RetryPolicy? retry = null)
        : this(http, retry, ownsHttp: false)
    {
    }

    private PulseApiClient(HttpClient http, RetryPolicy? retry, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _retry = retry ?? RetryPolicy.Default;
        _ownsHttp = ownsHttp;
    }

    /// <summary>The environment variable holding the API key the CLI sends (docs/cli.md).</summary>
    public const string ApiKeyVariable = "PULSE_API_KEY";

    public Uri? BaseAddress => _http.BaseAddress;

    /// <summary>How many resends all calls have made so far.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Creates a client for a server, with a connection pool sized for <paramref name="connections"/> concurrent requests.</summary>
    /// <param name="timeout">How long one request may take; 60 s when null (training a model asks for more).</param>
    public static PulseApiClient Create(Uri baseAddress, int connections = 16, RetryPolicy? retry = null, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(2, connections + 2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.All,
        };
        var http = new HttpClient(handler)
        {
            BaseAddress = WithTrailingSlash(baseAddress),
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };

        // The key from the environment, as tools that talk to a service usually take it: never from the command line,
        // where it would stay in the shell's history and the process list.
        if (Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Trim());
        }

        return new PulseApiClient(http, retry, ownsHttp: true);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Whether anything answers HTTP at the base address (any status will do), within a few seconds.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await _http.GetAsync(CustomerPath("pulse-cli-ping"), timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends one batch as a JSON array. Retries on 503/429/502/504, timeouts and connection errors,
    /// honouring Retry-After; the result says what was accepted, duplicated and rejected (per item).
    /// </summary>
    /// <exception cref="PulseApiException">The server refused the batch as a whole (400, 413, 415, ...) or every attempt failed.</exception>
    public async Task<IngestResult> PostInteractionsAsync(IReadOnlyList<InteractionPayload> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // Serialised once, so every retry resends exactly the same bytes.
        var body = JsonSerializer.SerializeToUtf8Bytes(batch, PulseJsonContext.Default.IReadOnlyListInteractionPayload);
        string? lastProblem = null;
        HttpStatusCode? lastStatus = null;
        Exception? lastException = null;

        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = JsonContentType;
                using var response = await _http.PostAsync(InteractionsPath, content, cancellationToken).ConfigureAwait(false);
                lastStatus = response.StatusCode;

                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity)
                {
                    var result = await response.Content
                        .ReadFromJsonAsync(PulseJsonContext.Default.IngestResult, cancellationToken)
                        .ConfigureAwait(false)
                        ?? throw new PulseApiException("The server answered the batch with an empty body.", response.StatusCode, attempt);
                    return result with { Attempts = attempt };
                }

                lastProblem = await DescribeAsync(response, cancellationToken).ConfigureAwait(false);
                if (!IsTransient(response.StatusCode))
                {
                    throw new PulseApiException(lastProblem, response.StatusCode, attempt);
                }

                retryAfter = RetryAfter(response);
            }
            catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
            {
                lastException = ex;
                lastProblem = $"could not reach {_http.BaseAddress}: {ex.Message}";
                lastStatus = null;
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient.Timeout surfaces as a cancellation that the caller did not ask for.
                lastException = ex;
                lastProblem = $"no answer within {_http.Timeout.TotalSeconds:0} s";
                lastStatus = null;
            }

            if (attempt >= _retry.MaxAttempts)
            {
                throw new PulseApiException(
                    $"gave up after {attempt} attempts: {lastProblem}", lastStatus, attempt, lastException);
            }

            Interlocked.Increment(ref _retries);
            var delay = _retry.DelayAfter(attempt, retryAfter, Random.Shared.NextDouble());
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A customer's profile, or null when the server does not know the customer.</summary>
    public async Task<CustomerProfile?> GetCustomerAsync(string customerId, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var path = CustomerPath(customerId);
        if (asOf is { } at)
        {
            path += "?asOf=" + Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));
        }

        return await GetAsync(path, PulseJsonContext.Default.CustomerProfile, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fits and publishes the lifetime-value models; the published version comes back.</summary>
    /// <exception cref="PulseApiException">The server refused the request (400 names the field, 422 says why the data cannot be fitted).</exception>
    public async Task<PublishedClvModel> FitClvAsync(ClvFitPayload request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var content = JsonContent.Create(request, PulseJsonContext.Default.ClvFitPayload);
        using var response = await _http.PostAsync(ModelsPath + "/clv/fit", content, cancellationToken).ConfigureAwait(false);
        return await AnswerAsync(response, PulseJsonContext.Default.PublishedClvModel, "the fit", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes a trained artifact (the zip <c>pulse model train-sentiment</c> writes) as the next version of a learned model.</summary>
    /// <exception cref="PulseApiException">The server refused the artifact (400 says why, 404 for an unknown model, 413 when too large).</exception>
    public async Task<PublishedModel> PublishModelAsync(string name, byte[] artifact, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        using var content = new ByteArrayContent(artifact);
        content.Headers.ContentType = ZipContentType;
        var path = $"{ModelsPath}/{Uri.EscapeDataString(name)}/versions?requestedBy={Uri.EscapeDataString(requestedBy)}";
        using var response = await _http.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
        return await AnswerAsync(response, PulseJsonContext.Default.PublishedModel, "the publication", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Trains the churn model on the server's interaction log and publishes it; the published version comes back.</summary>
    /// <remarks>Not retried: a training that timed out on our side may still finish and publish on the server's.</remarks>
    /// <exception cref="PulseApiException">The server refused the settings (400 names the field) or could not train (422 says why).</exception>
    public async Task<PublishedModel> TrainChurnAsync(ChurnTrainPayload request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var content = JsonContent.Create(request, PulseJsonContext.Default.ChurnTrainPayload);
        using var response = await _http.PostAsync(ModelsPath + "/churn/train", content, cancellationToken).ConfigureAwait(false);
        return await AnswerAsync(response, PulseJsonContext.Default.PublishedModel, "the training", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every model the registry holds, with its latest version and that version's measures.</summary>
    public async Task<IReadOnlyList<ModelListing>> ListModelsAsync(CancellationToken cancellationToken) =>
        await GetAsync(ModelsPath, PulseJsonContext.Default.IReadOnlyListModelListing, cancellationToken).ConfigureAwait(false) ?? [];

    /// <summary>Every segment with its description, traits, live means and drift, and the recent drift alerts.</summary>
    public Task<SegmentListing> ListSegmentsAsync(CancellationToken cancellationToken) =>
        RequireAsync(SegmentsPath, PulseJsonContext.Default.SegmentListing, "the segment listing", cancellationToken);

    /// <summary>A page of a segment's customers in id order, starting after <paramref name="after"/> (from the start when null).</summary>
    /// <exception cref="PulseApiException">The server refused the page (400 names the field).</exception>
    public Task<SegmentMembersPage> GetSegmentCustomersAsync(int segment, string? after, int limit, CancellationToken cancellationToken)
    {
        var path = $"{SegmentsPath}/{segment.ToString(CultureInfo.InvariantCulture)}/customers?limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (after is not null)
        {
            path += "&after=" + Uri.EscapeDataString(after);
        }

        return RequireAsync(path, PulseJsonContext.Default.SegmentMembersPage, "the page", cancellationToken);
    }

    /// <summary>How the segmentation model is fed: its version, points applied, and mini-batches per second from each silo.</summary>
    public Task<SegmentationStatus> GetSegmentationStatusAsync(CancellationToken cancellationToken) =>
        RequireAsync(SegmentsPath + "/status", PulseJsonContext.Default.SegmentationStatus, "the status", cancellationToken);

    /// <summary>Inertia and silhouette for k = 2..<paramref name="max"/> on the model's sample, to help choose <c>Pulse:Segments:K</c>.</summary>
    /// <exception cref="PulseApiException">The server refused (400 for a bad max, 409 while too few customers have been sampled).</exception>
    public Task<KSuggestion> SuggestKAsync(int max, CancellationToken cancellationToken) =>
        RequireAsync($"{SegmentsPath}/suggest-k?max={max.ToString(CultureInfo.InvariantCulture)}", PulseJsonContext.Default.KSuggestion, "the suggestion", cancellationToken);

    /// <summary>A customer's place in the relationship graph with up to <paramref name="neighbours"/> of their strongest relationships.</summary>
    /// <exception cref="PulseApiException">The server refused the request (400 names the parameter; 404 says the customer never had a relationship).</exception>
    public Task<CustomerNetwork> GetNetworkAsync(string customerId, int neighbours, CancellationToken cancellationToken) =>
        RequireAsync($"{CustomerPath(customerId)}/network?neighbours={neighbours.ToString(CultureInfo.InvariantCulture)}", PulseJsonContext.Default.CustomerNetwork, "the network", cancellationToken);

    /// <summary>The <paramref name="top"/> most influential customers, most influential first.</summary>
    /// <exception cref="PulseApiException">The server refused the request (400 names the parameter, 404 from a server without the graph).</exception>
    public Task<IReadOnlyList<Influencer>> GetInfluencersAsync(int top, CancellationToken cancellationToken) =>
        RequireAsync($"{InfluencersPath}?top={top.ToString(CultureInfo.InvariantCulture)}", PulseJsonContext.Default.IReadOnlyListInfluencer, "the influencers", cancellationToken);

    /// <summary>The relationship graph as a whole: shards, customers, arcs, resync epoch, error bound, communities.</summary>
    public Task<GraphStatus> GetGraphStatusAsync(CancellationToken cancellationToken) =>
        RequireAsync(GraphPath + "/status", PulseJsonContext.Default.GraphStatus, "the graph status", cancellationToken);

    /// <summary>A customer's interactions, newest first, or null when the server does not know the customer.</summary>
    public Task<IReadOnlyList<LoggedInteraction>?> GetInteractionsAsync(string customerId, CancellationToken cancellationToken) =>
        GetAsync(CustomerPath(customerId) + "/interactions", PulseJsonContext.Default.IReadOnlyListLoggedInteraction, cancellationToken);

    /// <summary>How many interactions the server has applied for a customer; 0 while it does not know them.</summary>
    public async Task<long> GetInteractionCountAsync(string customerId, CancellationToken cancellationToken)
    {
        var count = await GetAsync(CustomerPath(customerId), PulseJsonContext.Default.CustomerInteractionCount, cancellationToken)
            .ConfigureAwait(false);
        return count?.InteractionCount ?? 0;
    }

    /// <summary>The degree the customer's profile shows (the network the graph last pushed to it); 0 before it has one.</summary>
    public async Task<int> GetNetworkDegreeAsync(string customerId, CancellationToken cancellationToken)
    {
        var profile = await GetAsync(CustomerPath(customerId), PulseJsonContext.Default.CustomerNetworkDegree, cancellationToken)
            .ConfigureAwait(false);
        return profile?.Network?.Degree ?? 0;
    }

    private async Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new PulseApiException(await DescribeAsync(response, cancellationToken).ConfigureAwait(false), response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A GET whose answer must be there: any failure, 404 included, is a <see cref="PulseApiException"/> with the server's explanation.</summary>
    private async Task<T> RequireAsync<T>(string path, JsonTypeInfo<T> type, string what, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        return await AnswerAsync(response, type, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body of a successful answer, or a <see cref="PulseApiException"/> with the server's explanation.</summary>
    private static async Task<T> AnswerAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string what, CancellationToken cancellationToken)
        where T : class
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new PulseApiException(await DescribeAsync(response, cancellationToken).ConfigureAwait(false), response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
            ?? throw new PulseApiException($"The server answered {what} with an empty body.", response.StatusCode);
    }

    private static string CustomerPath(string customerId) => "api/v1/customers/" + Uri.EscapeDataString(customerId);

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
        or HttpStatusCode.RequestTimeout;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    /// <summary>A one-line account of a failed response: status plus the problem document's detail, or the start of the body.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return status;
        }

        try
        {
            var problem = JsonSerializer.Deserialize(text, PulseJsonContext.Default.ProblemDocument);
            var said = problem?.Detail ?? problem?.Title;
            if (!string.IsNullOrWhiteSpace(said))
            {
                return $"{status}: {said}";
            }
        }
        catch (JsonException)
        {
            // Not a problem document: fall back to the raw text.
        }

        return $"{status}: {(text.Length > 300 ? text[..300] + "…" : text)}";
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    /// <summary>Every trigger rule, in id order, with the registry's version.</summary>
    public Task<TriggerListing> ListTriggersAsync(CancellationToken cancellationToken) =>
        RequireAsync(TriggersPath, PulseJsonContext.Default.TriggerListing, "the trigger rules", cancellationToken);

    /// <summary>One trigger rule, or null when there is none with that id.</summary>
    public Task<TriggerEntry?> GetTriggerAsync(string ruleId, CancellationToken cancellationToken) =>
        GetAsync(TriggerPath(ruleId), PulseJsonContext.Default.TriggerEntry, cancellationToken);

    /// <summary>Creates or replaces a trigger rule; a rule the server refuses comes back with every problem (path and message), not as an exception.</summary>
    /// <exception cref="PulseApiException">The server failed otherwise (413 for a body over 64 KiB, 5xx).</exception>
    public async Task<TriggerSaveResult> PutTriggerAsync(string ruleId, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var content = new StringContent(json, System.Text.Encoding.UTF8);
        content.Headers.ContentType = JsonContentType;
        using var response = await _http.PutAsync(TriggerPath(ruleId), content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            TriggerValidationProblem? problem = null;
            try
            {
                problem = JsonSerializer.Deserialize(text, PulseJsonContext.Default.TriggerValidationProblem);
            }
            catch (JsonException)
            {
                // Not a validation problem: reported below with the raw text.
            }

            if (problem?.Errors is { Count: > 0 } errors)
            {
                return new TriggerSaveResult(null, false, [.. errors.SelectMany(e => e.Value.Select(m => new TriggerProblem(e.Key, m)))]);
            }

            throw new PulseApiException($"400 Bad Request: {problem?.Detail ?? text}", response.StatusCode);
        }

        var created = response.StatusCode == HttpStatusCode.Created;
        var entry = await AnswerAsync(response, PulseJsonContext.Default.TriggerEntry, "the rule", cancellationToken).ConfigureAwait(false);
        return new TriggerSaveResult(entry, created, []);
    }

    /// <summary>Deletes a trigger rule; false when there was none.</summary>
    public async Task<bool> DeleteTriggerAsync(string ruleId, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(TriggerPath(ruleId), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new PulseApiException(await DescribeAsync(response, cancellationToken).ConfigureAwait(false), response.StatusCode);
        }

        return true;
    }

    /// <summary>Enables or disables a trigger rule; the stored rule comes back.</summary>
    /// <exception cref="PulseApiException">The server refused (404 for an unknown id).</exception>
    public async Task<TriggerEntry> SetTriggerEnabledAsync(string ruleId, bool enabled, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(TriggerPath(ruleId) + (enabled ? "/enable" : "/disable"), null, cancellationToken).ConfigureAwait(false);
        return await AnswerAsync(response, PulseJsonContext.Default.TriggerEntry, "the rule", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A rule's firings, newest first, with their deliveries.</summary>
    public Task<IReadOnlyList<TriggerFiringItem>> GetTriggerFiringsAsync(string ruleId, int limit, CancellationToken cancellationToken) =>
        RequireAsync(string.Create(CultureInfo.InvariantCulture, $"{TriggerPath(ruleId)}/firings?limit={limit}"), PulseJsonContext.Default.IReadOnlyListTriggerFiringItem, "the rule's firings", cancellationToken);

    /// <summary>The rules that fired for a customer, newest first; null when the server has no such endpoint.</summary>
    public Task<IReadOnlyList<TriggerFiringItem>?> GetCustomerTriggersAsync(string customerId, int limit, CancellationToken cancellationToken) =>
        GetAsync(string.Create(CultureInfo.InvariantCulture, $"{CustomerPath(customerId)}/triggers?limit={limit}"), PulseJsonContext.Default.IReadOnlyListTriggerFiringItem, cancellationToken);

    /// <summary>Webhook deliveries that ran out of attempts, newest first.</summary>
    public Task<IReadOnlyList<TriggerFiringItem>> GetTriggerDeadLettersAsync(int limit, CancellationToken cancellationToken) =>
        RequireAsync(string.Create(CultureInfo.InvariantCulture, $"{TriggersPath}/dead-letters?limit={limit}"), PulseJsonContext.Default.IReadOnlyListTriggerFiringItem, "the dead letters", cancellationToken);

    /// <summary>Puts a dead-lettered delivery back; false when it is not a dead letter.</summary>
    public async Task<bool> ReplayTriggerDeliveryAsync(long deliveryId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(string.Create(CultureInfo.InvariantCulture, $"{TriggersPath}/dead-letters/{deliveryId}/replay"), null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new PulseApiException(await DescribeAsync(response, cancellationToken).ConfigureAwait(false), response.StatusCode);
        }

        return true;
    }

    private static string TriggerPath(string ruleId) => TriggersPath + "/" + Uri.EscapeDataString(ruleId);
}
