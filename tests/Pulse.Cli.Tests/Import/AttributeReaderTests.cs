using Pulse.Cli.Import;

namespace Pulse.Cli.Tests.Import;

public sealed class AttributeReaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static AttributeFile Read(string csv, string id = "customerID", string[]? exclude = null, DateTimeOffset? at = null) =>
        AttributeReader.Read(new StringReader(csv), "crm/telco.csv", id, exclude ?? [], at ?? Now);

    [Fact]
    public void Each_row_becomes_a_profile_update_of_its_other_columns_minus_the_excluded()
    {
        var file = Read("customerID,gender,Contract,email,Churn\n7590-VHVEG,Female,Month-to-month,a@b.c,No\n5575-GNVDE,Male,,x@y.z,Yes\n", exclude: ["email"]);

        Assert.Equal(2, file.RowsRead);
        Assert.Equal(["gender", "Contract", "Churn"], file.Attributes);
        Assert.Equal(0, file.SkippedCount);
        var events = file.Events.Records.Select(r => r.Interaction).ToList();
        Assert.Equal(["7590-VHVEG", "5575-GNVDE"], events.Select(e => e.CustomerId));
        Assert.All(events, e => Assert.Equal(("profile-update", "web", Now), (e.Kind, e.Channel, e.Timestamp)));
        Assert.Equal(
            new Dictionary<string, string> { ["Churn"] = "No", ["Contract"] = "Month-to-month", ["gender"] = "Female" },
            events[0].Properties);

        // An empty cell is sent as "", which clears the attribute.
        Assert.Equal(string.Empty, events[1].Properties!["Contract"]);
        Assert.Equal([2L, 3L], file.Events.Records.Select(r => r.Row));
        Assert.All(events, e => Assert.Matches("^attributes:[0-9a-f]{24}$", e.EventId));
        Assert.Equal(AttributeEventIds.For("7590-VHVEG", events[0].Properties!, Now), events[0].EventId);
    }

    [Fact]
    public void Ids_repeat_within_an_import_whatever_the_column_order_and_change_with_values_or_a_later_import()
    {
        var first = Read("customerID,a,b\nc1,1,2\nc2,3,4\n");
        var reordered = Read("b,customerID,a\n4,c2,3\n2,c1,1\n");
        var later = Read("customerID,a,b\nc1,1,2\nc2,3,4\n", at: Now.AddDays(1));
        var changed = Read("customerID,a,b\nc1,1,5\n");

        var ids = first.Events.Records.ToDictionary(r => r.Interaction.CustomerId, r => r.Interaction.EventId);
        Assert.Equal(ids, reordered.Events.Records.ToDictionary(r => r.Interaction.CustomerId, r => r.Interaction.EventId));
        Assert.NotEqual(ids["c1"], changed.Events.Records.Single().Interaction.EventId);
        Assert.NotEqual(ids["c1"], ids["c2"]);

        // A later import is new events even with the same values, so A, B, then A again ends at A.
        Assert.NotEqual(ids["c1"], later.Events.Records.First(r => r.Interaction.CustomerId == "c1").Interaction.EventId);
    }

    [Fact]
    public void A_row_with_more_than_32_attributes_is_split_into_events_with_numbered_ids()
    {
        var columns = Enumerable.Range(1, 40).Select(i => $"attr{i:00}").ToList();
        var csv = $"id,{string.Join(',', columns)}\nc1,{string.Join(',', columns.Select(c => c + "-value"))}\nc2,{string.Join(',', columns.Select(_ => "x"))}\n";

        var file = Read(csv, id: "id");

        Assert.Equal(2, file.SplitRows);
        var c1 = file.Events.Records.Where(r => r.Interaction.CustomerId == "c1").Select(r => r.Interaction).ToList();
        Assert.Equal([32, 8], c1.Select(e => e.Properties!.Count));
        Assert.Equal(columns, c1.SelectMany(e => e.Properties!.Keys).Order(StringComparer.Ordinal));
        var whole = AttributeEventIds.For("c1", c1.SelectMany(e => e.Properties!), Now);
        Assert.Equal([whole + ":1", whole + ":2"], c1.Select(e => e.EventId));
        Assert.Equal(4, file.Events.Records.Select(r => r.Interaction.EventId).Distinct().Count());
    }

    [Fact]
    public void Rows_without_an_id_or_with_the_wrong_cell_count_are_skipped_with_their_line()
    {
        var file = Read("customerID,plan\nc1,gold\n,silver\n\nc3\nc4,bronze\n");

        Assert.Equal(4, file.RowsRead);
        Assert.Equal(["c1", "c4"], file.Events.Records.Select(r => r.Interaction.CustomerId));
        Assert.Equal(2, file.SkippedCount);
        Assert.Equal("row 3, column 'customerID': the customer id is empty: row skipped", file.Skipped[0].ToString());
        Assert.Equal("row 5: 1 cells where the header has 2: row skipped", file.Skipped[1].ToString());
    }

    [Fact]
    public void Columns_are_found_ignoring_case_and_unnamed_ones_are_left_out()
    {
        var file = Read("CustomerId,Plan,\nc1,gold,\n", id: "customerid");

        Assert.Equal(["Plan"], file.Attributes);
        Assert.Equal(1, file.UnnamedColumns);
        Assert.Equal("c1", file.Events.Records.Single().Interaction.CustomerId);
    }

    [Theory]
    [InlineData("telco.csv: --id-column customer_id: no such column; the header has 'customerID', 'plan'.", "customerID,plan\nc1,gold\n", "customer_id", "")]
    [InlineData("telco.csv: --exclude mail: no such column", "customerID,plan,email\nc1,gold,x\n", "customerID", "mail")]
    [InlineData("telco.csv: no header row", "", "customerID", "")]
    [InlineData("telco.csv: no attribute columns besides the id column 'customerID'", "customerID,email\nc1,x\n", "customerID", "email")]
    [InlineData("telco.csv: two columns are named 'plan'", "customerID,plan,plan\nc1,a,b\n", "customerID", "")]
    public void A_file_that_cannot_be_imported_is_refused_naming_the_file_and_column(string message, string csv, string id, string exclude)
    {
        var error = Assert.Throws<ImportFormatException>(() => Read(csv, id, exclude.Length == 0 ? [] : [exclude]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
