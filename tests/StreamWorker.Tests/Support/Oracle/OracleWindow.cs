namespace StreamWorker.Tests.Support.Oracle;

/// <summary>Counts of one participants or churn window; CarriedIn is the set size when it was created.</summary>
internal sealed class OracleWindow
{
    public OracleWindow(int carriedIn, IEnumerable<string> reasons)
    {
        CarriedIn = carriedIn;
        Peak = carriedIn;
        ByReason = reasons.ToDictionary(r => r, _ => 0);
    }

    public int CarriedIn { get; }

    public int Added { get; set; }

    public int Removed { get; set; }

    public int Peak { get; set; }

    public Dictionary<string, int> ByReason { get; }
}
