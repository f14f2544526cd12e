using Pulse.Cli.Import;

namespace Pulse.Cli.Tests.Import;

public sealed class CdnowReaderTests
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Data");

    private static ImportFile ReadData(string name, string prefix = "")
    {
        using var reader = new StreamReader(Path.Combine(DataDirectory, name));
        return CdnowReader.Read(reader, name, prefix);
    }

    [Fact]
    public void The_sample_file_uses_the_sample_id_as_customer_so_ids_match_the_reference_summaries()
    {
        var file = ReadData("CDNOW_sample_head.txt");

        Assert.Equal(200, file.Records.Count);
        Assert.Equal(0, file.ErrorCount);

        // Line 1: " 00004 0001 19970101  2   29.33" — master id 4, sample id 1.
        var first = file.Records[0];
        Assert.Equal(1, first.Row);
        Assert.Equal("1", first.Interaction.CustomerId);
        Assert.Equal(new DateTimeOffset(1997, 1, 1, 0, 0, 0, TimeSpan.Zero), first.Interaction.Timestamp);
        Assert.Equal(29.33m, first.Interaction.Amount);
        Assert.Equal("purchase", first.Interaction.Kind);
        Assert.Equal("web", first.Interaction.Channel);
        Assert.Equal("2", first.Interaction.Properties!["quantity"]);

        // Line 200: " 00958 0076 19970104  8  117.10".
        var last = file.Records[^1];
        Assert.Equal(200, last.Row);
        Assert.Equal("76", last.Interaction.CustomerId);
        Assert.Equal(117.10m, last.Interaction.Amount);
        Assert.Equal(76, file.Records.Select(r => r.Interaction.CustomerId).Distinct().Count());
    }

    [Fact]
    public void The_master_file_skips_its_header_and_uses_the_master_id()
    {
        var file = ReadData("CDNOW_master_head.txt");

        Assert.Equal(200, file.Records.Count);
        Assert.Equal(0, file.ErrorCount);

        // Line 2 (after the header): " 00001 19970101  1   11.77".
        var first = file.Records[0];
        Assert.Equal(2, first.Row);
        Assert.Equal("1", first.Interaction.CustomerId);
        Assert.Equal(11.77m, first.Interaction.Amount);
        Assert.Equal("1", first.Interaction.Properties!["quantity"]);
        Assert.Equal(new DateTimeOffset(1997, 1, 1, 0, 0, 0, TimeSpan.Zero), first.Interaction.Timestamp);
    }

    [Fact]
    public void Event_ids_come_from_the_file_name_and_row_and_the_prefix_applies_to_customers_and_ids()
    {
        var plain = ReadData("CDNOW_sample_head.txt");
        var again = ReadData("CDNOW_sample_head.txt");
        var prefixed = ReadData("CDNOW_sample_head.txt", prefix: "cdnow-");

        Assert.Equal(plain.Records.Select(r => r.Interaction.EventId), again.Records.Select(r => r.Interaction.EventId));
        Assert.Equal("CDNOW_sample_head.txt:1", plain.Records[0].Interaction.EventId);
        Assert.Equal(200, plain.Records.Select(r => r.Interaction.EventId).Distinct().Count());
        Assert.Equal("cdnow-1", prefixed.Records[0].Interaction.CustomerId);
        Assert.Empty(prefixed.Records.Select(r => r.Interaction.EventId).Intersect(plain.Records.Select(r => r.Interaction.EventId)));
    }

    [Fact]
    public void Bad_rows_are_reported_with_their_line_and_column_and_the_rest_is_kept()
    {
        const string text = """
             00004 0001 19970101  2   29.33
             00004 0001 1997013x  2   29.73
             00004 0001 19970802  x   14.96
             00004 0001 19971212  2   -26.48
             00021 0002 19970101  3

             00021 0002 19970102  3   63.34
            """;
        var file = CdnowReader.Read(new StringReader(text), "bad.txt");

        Assert.Equal([1L, 7L], file.Records.Select(r => r.Row));
        Assert.Equal(6, file.RowsRead);
        Assert.Collection(file.Errors,
            e => Assert.Equal("row 2, column 'date': '1997013x' is not a date in the form YYYYMMDD", e.ToString()),
            e => Assert.Equal((3L, "num_cd_purc"), (e.Row, e.Column)),
            e => Assert.Equal((4L, "total_value"), (e.Row, e.Column)),
            e => Assert.Equal("row 5: expected 5 columns like the rest of this CDNOW sample file, found 4", e.ToString()));
    }

    [Fact]
    public void A_file_with_another_layout_is_refused_with_its_column_count()
    {
        var error = Assert.Throws<ImportFormatException>(() => CdnowReader.Read(new StringReader("a,b,c\n1,2,3\n"), "other.csv"));
        Assert.Contains("1 columns", error.Message, StringComparison.Ordinal);
        Assert.Contains("other.csv, line 1", error.Message, StringComparison.Ordinal);
    }
}
