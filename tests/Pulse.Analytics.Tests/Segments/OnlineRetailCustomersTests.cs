namespace Pulse.Analytics.Tests.Segments;

public sealed class OnlineRetailCustomersTests
{
    // Totals of the derived file, checked against an independent derivation (Data/online-retail/SOURCE.md).
    private const int TotalInvoices = 18_536;
    private const decimal TotalMonetary = 8_911_407.904m;
    private const int TotalRecencyDays = 403_707;
    private const int TotalTenureDays = 970_994;

    [Fact]
    public void TheCommittedCustomersAreTheDerivationOfTheTransactions()
    {
        var committed = File.ReadAllText(OnlineRetailCustomers.CommittedPath);
        var transactions = OnlineRetailCustomers.FindTransactions();
        if (transactions is not null)
        {
            var derived = OnlineRetailCustomers.Derive(transactions);
            if (Environment.GetEnvironmentVariable("PULSE_REGENERATE_DATA") == "1")
            {
                File.WriteAllText(SourcePath(), derived);
                committed = derived;
            }

            Assert.Equal(derived, committed);
        }

        // Without the transactions (a clone without the shared data folder), the figures the file was
        // derived with (Data/online-retail/SOURCE.md) still pin it down.
        var customers = OnlineRetailCustomers.Parse(committed);
        Assert.Equal(4_339, customers.Count);
        Assert.Equal(customers.Count, customers.Select(c => c.Id).Distinct().Count());
        Assert.Equal(12346, customers[0].Id);
        Assert.Equal(18287, customers[^1].Id);
        Assert.Equal(TotalInvoices, customers.Sum(c => c.Frequency));
        Assert.Equal(TotalMonetary, customers.Sum(c => c.Monetary));
        Assert.Equal(TotalRecencyDays, customers.Sum(c => c.RecencyDays));
        Assert.Equal(TotalTenureDays, customers.Sum(c => c.TenureDays));
        Assert.All(customers, c => Assert.InRange(c.RecencyDays, 1, c.TenureDays));
        Assert.All(customers, c => Assert.InRange(c.TenureDays, 1, 374));
    }

    /// <summary>customers.csv in the source tree (the test project's folder, above the binaries).</summary>
    private static string SourcePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulse.Analytics.Tests.csproj")))
            {
                return Path.Combine(dir.FullName, "Data", "online-retail", "customers.csv");
            }
        }

        throw new DirectoryNotFoundException("The test project's folder is not above the binaries.");
    }
}
