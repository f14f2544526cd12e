using Pulse.Analytics.Churn;

namespace Pulse.Analytics.Tests.Churn;

/// <summary>IBM's Telco customer churn sample (Data/telco/SOURCE.md): 7,043 customers, 21 columns, no quoted fields.</summary>
internal static class TelcoData
{
    public static readonly DateTimeOffset CutOff = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<ChurnObservation> Load()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "telco", "Telco-Customer-Churn.csv"));
        var header = lines[0].Split(',');
        var behaviour = NoBehaviour();
        return [.. lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i] is not ("customerID" or "Churn"))
                {
                    attributes[header[i]] = cells[i];
                }
            }

            return new ChurnObservation(cells[0], CutOff, behaviour, attributes, cells[^1] == "Yes");
        })];
    }

    /// <summary>A customer known only from the CRM export: no interactions.</summary>
    public static double[] NoBehaviour()
    {
        var behaviour = new double[BehaviourFeatures.Count];
        behaviour[(int)BehaviourFeature.DaysSinceLastInteraction] = BehaviourFeatures.Never;
        behaviour[(int)BehaviourFeature.DaysSinceLastPurchase] = BehaviourFeatures.Never;
        return behaviour;
    }
}
