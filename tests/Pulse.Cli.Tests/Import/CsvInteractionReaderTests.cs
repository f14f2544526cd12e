using Pulse.Analytics.Simulation;
using Pulse.Cli.Import;

namespace Pulse.Cli.Tests.Import;

public sealed class CsvInteractionReaderTests
{
    private static ImportFile Read(string csv, CsvMapping mapping, string name = "orders.csv") =>
        CsvInteractionReader.Read(new StringReader(csv), name, mapping);

    private static CsvMapping Mapping(string customer = "customer", string timestamp = "time") =>
        new() { Customer = customer, Timestamp = timestamp };

    [Fact]
    public void Columns_are_mapped_by_header_name_with_a_constant_kind_and_channel()
    {
        const string csv = """
            time,customer,total,note
            2024-05-01T12:30:00Z,alice,19.90,first
            2024-05-02,bob,5,
            """;
        var file = Read(csv, Mapping() with { Amount = "total", CustomerPrefix = "shop-" });

        Assert.Equal(0, file.ErrorCount);
        var (alice, bob) = (file.Records[0].Interaction, file.Records[1].Interaction);
        Assert.Equal(("shop-alice", "purchase", "store", 19.90m), (alice.CustomerId, alice.Kind, alice.Channel, alice.Amount));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.Zero), alice.Timestamp);

        // A date alone is midnight UTC.
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero), bob.Timestamp);
        Assert.Equal([2L, 3L], file.Records.Select(r => r.Row));
        Assert.Equal("shop-orders.csv:2", alice.EventId);
    }

    [Fact]
    public void Kinds_and_channels_can_come_from_columns_with_a_value_map()
    {
        const string csv = """
            who;when;what;where;value
            a;2024-01-01;BUY;Shop;10
            a;2024-01-02;view;web;
            a;2024-01-03;Page-View;APP;
            """;
        var mapping = Mapping("who", "when") with
        {
            Amount = "value",
            Kind = FieldSource.Parse("what=buy:purchase,view:page-view", EventVocabulary.Kinds),
            Channel = FieldSource.Parse("where=shop:store,app:mobile", EventVocabulary.Channels),
        };
        var file = Read(csv, mapping);

        Assert.Equal(0, file.ErrorCount);
        Assert.Equal(["purchase", "page-view", "page-view"], file.Records.Select(r => r.Interaction.Kind));
        Assert.Equal(["store", "web", "mobile"], file.Records.Select(r => r.Interaction.Channel));
    }

    [Fact]
    public void Each_bad_row_is_reported_with_its_line_and_the_column_at_fault()
    {
        const string csv = """
            customer,time,amount,kind
            c1,2024-01-01,10.00,purchase
            ,2024-01-01,1,purchase
            c3,yesterday,1,purchase
            c4,2024-01-01,ten,purchase
            c5,2024-01-01,-3,purchase
            c6,2024-01-01,,purchase
            c7,2024-01-01,,teleport
            c8,2024-01-01,,page-view
            """;
        var file = Read(csv, Mapping() with { Amount = "amount", Kind = FieldSource.Parse("kind", EventVocabulary.Kinds) });

        Assert.Equal([2L, 9L], file.Records.Select(r => r.Row));
        Assert.Equal(8, file.RowsRead);
        Assert.Collection(file.Errors,
            e => Assert.Equal("row 3, column 'customer': the customer id is empty", e.ToString()),
            e => Assert.Equal((4L, "time"), (e.Row, e.Column)),
            e => Assert.Equal("row 5, column 'amount': 'ten' is not a number (use a dot for decimals: 12.50)", e.ToString()),
            e => Assert.Equal((6L, "amount"), (e.Row, e.Column)),
            e => Assert.Equal("row 7, column 'amount': a purchase needs an amount: map --amount COL or give --default-amount", e.ToString()),
            e => Assert.StartsWith("row 8, column 'kind': 'teleport' is not a kind", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_mapped_column_missing_from_the_header_stops_the_import_naming_the_option_and_the_columns()
    {
        var error = Assert.Throws<ImportFormatException>(() =>
            Read("customer,time\nc1,2024-01-01\n", Mapping() with { Amount = "price" }));
        Assert.Equal("--amount price: no such column; the header has 'customer', 'time'", error.Message);
    }

    [Fact]
    public void A_kind_that_is_neither_a_wire_name_nor_a_column_is_explained()
    {
        var error = Assert.Throws<ImportFormatException>(() =>
            Read("customer,time\nc1,2024-01-01\n", Mapping() with { Kind = FieldSource.Parse("purchse", EventVocabulary.Kinds) }));
        Assert.Contains("--kind purchse: no such column (nor one of the values page-view", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_header_columns_are_numbered_from_one_and_an_exact_date_format_applies()
    {
        const string csv = "x|42|01/02/2024 13:05|7.5\nx|43|31/12/2023 00:00|1\n";
        var mapping = Mapping("2", "3") with { Amount = "4", HasHeader = false, Separator = '|', DateFormat = "dd/MM/yyyy HH:mm" };
        var file = Read(csv, mapping);

        Assert.Equal(0, file.ErrorCount);
        Assert.Equal("42", file.Records[0].Interaction.CustomerId);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 13, 5, 0, TimeSpan.Zero), file.Records[0].Interaction.Timestamp);
        Assert.Equal([1L, 2L], file.Records.Select(r => r.Row));
    }

    [Fact]
    public void Times_with_an_offset_are_kept_as_the_same_instant_in_utc()
    {
        var file = Read("customer,time\nc1,2024-06-01T10:00:00+02:00\n", Mapping() with { Kind = FieldSource.Of("page-view") });
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.Zero), file.Records[0].Interaction.Timestamp);
        Assert.Equal(TimeSpan.Zero, file.Records[0].Interaction.Timestamp.Offset);
    }

    [Fact]
    public void Event_ids_come_from_a_column_when_mapped()
    {
        var file = Read("id,customer,time\nord-1,c1,2024-01-01\n,c2,2024-01-01\n",
            Mapping() with { EventId = "id", Kind = FieldSource.Of("page-view") });
        Assert.Equal("ord-1", file.Records[0].Interaction.EventId);
        Assert.Equal("row 3, column 'id': the event id must have 1 to 128 characters", Assert.Single(file.Errors).ToString());
    }

    [Fact]
    public void Links_need_another_customer_as_counterparty()
    {
        const string csv = """
            customer,time,friend
            a,2024-01-01,b
            a,2024-01-01,
            a,2024-01-01,a
            """;
        var file = Read(csv, Mapping() with { Counterparty = "friend", Kind = FieldSource.Of("referral"), CustomerPrefix = "p-" });

        Assert.Equal("p-b", Assert.Single(file.Records).Interaction.CounterpartyId);
        Assert.Equal(["row 3, column 'friend': a referral needs a counterparty (another customer's id)",
                      "row 4, column 'friend': a referral must link to another customer, not the customer itself"],
            file.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Transactions_without_values_import_with_a_default_amount()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Data", "example_transactions_head.csv"));
        var file = CsvInteractionReader.Read(reader, "example_transactions_head.csv",
            new CsvMapping { Customer = "id", Timestamp = "date", DefaultAmount = 0m });

        Assert.Equal(0, file.ErrorCount);
        Assert.Equal(50, file.Records.Count);
        Assert.All(file.Records, r => Assert.Equal(0m, r.Interaction.Amount));

        // First data row: "2014-03-08 00:00:00,0".
        Assert.Equal(("0", new DateTimeOffset(2014, 3, 8, 0, 0, 0, TimeSpan.Zero)),
            (file.Records[0].Interaction.CustomerId, file.Records[0].Interaction.Timestamp));
    }

    [Theory]
    [InlineData("purchase", "purchase", null, null)]
    [InlineData("type", null, "type", null)]
    [InlineData("email=", null, "email", null)]
    [InlineData("type=buy:purchase, view:page-view", null, "type", "buy:purchase|view:page-view")]
    public void Field_sources_parse_as_a_constant_a_column_or_a_mapped_column(string text, string? constant, string? column, string? map)
    {
        var source = FieldSource.Parse(text, EventVocabulary.Kinds);
        Assert.Equal(constant, source.Constant);
        Assert.Equal(column, source.Column);
        Assert.Equal(map, source.Map is null ? null : string.Join('|', source.Map.Select(p => $"{p.Key}:{p.Value}")));
    }

    [Fact]
    public void A_malformed_map_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => FieldSource.Parse("type=buy", EventVocabulary.Kinds));
        Assert.Contains("'buy'", error.Message, StringComparison.Ordinal);
    }
}
