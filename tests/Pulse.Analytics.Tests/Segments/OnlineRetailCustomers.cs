using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Pulse.Analytics.Tests.Segments;

/// <summary>
/// The UCI Online Retail customers (Chen, Sain &amp; Guo 2012) summarised one row per customer, as
/// Data/online-retail/customers.csv holds them (see its SOURCE.md), and the derivation of that file
/// from the transactions (online_retail.csv.gz in the project's shared data folder, when present).
/// </summary>
internal static class OnlineRetailCustomers
{
    /// <summary>Recency and tenure are counted in days to this date, the day after the last invoice (2011-12-09).</summary>
    public static readonly DateOnly AsOf = new(2011, 12, 10);

    public const string Header = "customer_id,recency_days,frequency,monetary,mean_basket,distinct_products,tenure_days";

    public static readonly string[] FeatureNames = ["recency-days", "frequency", "monetary", "mean-basket", "distinct-products", "tenure-days"];

    public sealed record Customer(int Id, int RecencyDays, int Frequency, decimal Monetary, decimal MeanBasket, int DistinctProducts, int TenureDays)
    {
        /// <summary>
        /// The clustering features: log1p of recency, frequency, money and product counts (all heavily
        /// right-skewed; a few wholesale buyers would otherwise be clusters of their own), tenure as is
        /// (it is spread evenly over the year). Money below 0 cannot occur here; it is floored at 0 anyway.
        /// </summary>
        public double[] Features() =>
        [
            Math.Log(1 + RecencyDays),
            Math.Log(1 + Frequency),
            Math.Log(1 + Math.Max(0, (double)Monetary)),
            Math.Log(1 + Math.Max(0, (double)MeanBasket)),
            Math.Log(1 + DistinctProducts),
            TenureDays,
        ];
    }

    public static string CommittedPath => Path.Combine(AppContext.BaseDirectory, "Data", "online-retail", "customers.csv");

    public static IReadOnlyList<Customer> Load() => Parse(File.ReadAllText(CommittedPath));

    /// <summary>
    /// The transactions file, if this machine has the shared data folder: $PULSE_SHARED_DATA, else a
    /// <c>shared/data</c> folder beside any parent of the test binaries (/work/shared/data for /work/main).
    /// </summary>
    public static string? FindTransactions()
    {
        const string relative = "online-retail/online_retail.csv.gz";
        var configured = Environment.GetEnvironmentVariable("PULSE_SHARED_DATA");
        if (!string.IsNullOrEmpty(configured))
        {
            var path = Path.Combine(configured, relative);
            return File.Exists(path) ? path : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>
    /// Derives the customer file from the transactions. Lines count when they have a CustomerID and
    /// their InvoiceNo does not start with C (cancellations); a customer is a row when they have at
    /// least one such line. Per customer: recency = days from the date of the last invoice to
    /// <see cref="AsOf"/>; frequency = distinct invoices; monetary = Σ Quantity × UnitPrice (exact
    /// decimals); mean basket = monetary / frequency rounded to 2 decimals (half away from zero), written with two;
    /// distinct products = distinct StockCodes; tenure = days from the date of the first invoice to
    /// <see cref="AsOf"/>. Rows by ascending customer id.
    /// </summary>
    public static string Derive(string gzPath)
    {
        var byCustomer = new Dictionary<int, Accumulator>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(gzPath), CompressionMode.Decompress), Encoding.UTF8))
        {
            var header = reader.ReadLine();
            if (header != "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country")
            {
                throw new InvalidDataException($"Unexpected header: {header}");
            }

            var cells = new List<string>(8);
            while (reader.ReadLine() is { } line)
            {
                SplitCsv(line, cells);
                var (invoice, stockCode, customer) = (cells[0], cells[1], cells[6]);
                if (customer.Length == 0 || invoice.StartsWith('C'))
                {
                    continue;
                }

                var id = (int)decimal.Parse(customer, CultureInfo.InvariantCulture);
                var quantity = int.Parse(cells[3], CultureInfo.InvariantCulture);
                var price = decimal.Parse(cells[5], CultureInfo.InvariantCulture);
                var date = DateOnly.ParseExact(cells[4].AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (!byCustomer.TryGetValue(id, out var a))
                {
                    byCustomer[id] = a = new Accumulator(date);
                }

                a.Invoices.Add(invoice);
                a.Products.Add(stockCode);
                a.Monetary += quantity * price;
                a.First = date < a.First ? date : a.First;
                a.Last = date > a.Last ? date : a.Last;
            }
        }

        var text = new StringBuilder(Header).Append('\n');
        foreach (var (id, a) in byCustomer.OrderBy(c => c.Key))
        {
            var frequency = a.Invoices.Count;
            var meanBasket = Math.Round(a.Monetary / frequency, 2, MidpointRounding.AwayFromZero);
            text.Append(CultureInfo.InvariantCulture, $"{id},{AsOf.DayNumber - a.Last.DayNumber},{frequency},{a.Monetary},{meanBasket:0.00},{a.Products.Count},{AsOf.DayNumber - a.First.DayNumber}\n");
        }

        return text.ToString();
    }

    public static IReadOnlyList<Customer> Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines[0] != Header)
        {
            throw new InvalidDataException($"Unexpected header: {lines[0]}");
        }

        return [.. lines.Skip(1).Select(line =>
        {
            var f = line.Split(',');
            return new Customer(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                int.Parse(f[1], CultureInfo.InvariantCulture),
                int.Parse(f[2], CultureInfo.InvariantCulture),
                decimal.Parse(f[3], CultureInfo.InvariantCulture),
                decimal.Parse(f[4], CultureInfo.InvariantCulture),
                int.Parse(f[5], CultureInfo.InvariantCulture),
                int.Parse(f[6], CultureInfo.InvariantCulture));
        })];
    }

    /// <summary>Splits one RFC-4180 line: commas inside double quotes belong to the field, "" is a quote.</summary>
    private static void SplitCsv(string line, List<string> cells)
    {
        cells.Clear();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        cells.Add(field.ToString());
        if (cells.Count != 8)
        {
            throw new InvalidDataException($"Expected 8 fields, got {cells.Count}: {line}");
        }
    }

    private sealed class Accumulator(DateOnly date)
    {
        public HashSet<string> Invoices { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Products { get; } = new(StringComparer.Ordinal);

        public decimal Monetary { get; set; }

        public DateOnly First { get; set; } = date;

        public DateOnly Last { get; set; } = date;
    }
}
