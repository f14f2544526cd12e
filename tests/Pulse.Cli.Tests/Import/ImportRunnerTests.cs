using Pulse.Cli.Api;
using Pulse.Cli.Import;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Import;

public sealed class ImportRunnerTests
{
    private static readonly RetryPolicy FastRetry = new(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(10));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ImportFile Sample()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Data", "CDNOW_sample_head.txt"));
        return CdnowReader.Read(reader, "CDNOW_sample_head.txt");
    }

    [Fact]
    public void Records_are_replayed_oldest_first_and_same_instant_rows_keep_file_order()
    {
        var t = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        ImportRecord R(long row, double hours) =>
            new(row, new InteractionPayload($"e{row}", "c", t.AddHours(hours), "web", "page-view"));

        var ordered = ImportRunner.InEventTimeOrder([R(1, 5), R(2, -1), R(3, 5), R(4, 0), R(5, 5), R(6, -1)]);

        Assert.Equal([2L, 6L, 4L, 1L, 3L, 5L], ordered.Select(r => r.Row));
    }

    [Fact]
    public async Task A_file_is_sent_in_event_time_order_in_batches_and_a_second_import_is_all_duplicates()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);
        var runner = new ImportRunner(client, TimeProvider.System);
        var file = Sample();
        var reported = new List<long>();

        var first = await runner.RunAsync(file, batchSize: 64, new Inline(reported), Token);

        Assert.True(first.Clean);
        Assert.Equal((200L, 200L, 0L), (first.Sent, first.Accepted, first.Duplicates));
        Assert.Equal([64L, 128L, 192L, 200L], reported);
        var times = server.Batches.SelectMany(b => b).Select(i => DateTimeOffset.Parse((string)i!["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        Assert.NotEqual(file.Records.Select(r => r.Interaction.Timestamp), file.Records.Select(r => r.Interaction.Timestamp).Order());

        var second = await runner.RunAsync(Sample(), batchSize: 64, null, Token);
        Assert.Equal((0L, 200L), (second.Accepted, second.Duplicates));
        Assert.True(second.Clean);
    }

    [Fact]
    public async Task Server_rejections_are_reported_against_the_rows_they_came_from()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.RejectKind = "refund";
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);
        var csv = "customer,time,type,amount\na,2024-01-03,purchase,1\nb,2024-01-01,refund,1\nc,2024-01-02,purchase,2\n";
        var file = CsvInteractionReader.Read(new StringReader(csv), "r.csv",
            new CsvMapping { Customer = "customer", Timestamp = "time", Amount = "amount", Kind = FieldSource.Parse("type", Pulse.Analytics.Simulation.EventVocabulary.Kinds) });

        var outcome = await new ImportRunner(client, TimeProvider.System).RunAsync(file, 10, null, Token);

        Assert.False(outcome.Clean);
        Assert.Equal((2L, 1L), (outcome.Accepted, outcome.Rejected));
        var problem = Assert.Single(outcome.Problems);
        // The server names its field (kind); the report names the file's column (type).
        Assert.Equal("row 3, column 'type': not allowed here", problem.ToString());
    }

    [Fact]
    public async Task A_refused_batch_stops_the_import_saying_where_and_why()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);
        var runner = new ImportRunner(client, TimeProvider.System);
        var file = Sample();
        var ordered = ImportRunner.InEventTimeOrder(file.Records);

        // The first batch lands; the second is refused as a whole.
        await runner.RunAsync(new ImportFile("x"), 1, null, Token);
        server.FailNext(1, 413, body: """{"title":"Payload Too Large","detail":"too many items"}""");
        var outcome = await runner.RunAsync(file, 150, null, Token);

        Assert.Equal(0, outcome.Sent);
        Assert.Equal(200, outcome.NotSent);
        Assert.Equal($"the batch starting at row {ordered[0].Row} failed: 413 Payload Too Large: too many items", outcome.StoppedBecause);
        Assert.False(outcome.Clean);
    }

    private sealed class Inline(List<long> seen) : IProgress<long>
    {
        public void Report(long value) => seen.Add(value);
    }
}
