namespace StreamWorker.Aggregates.Companies;

/// <summary>The keys of the company stage's store (docs/topology.md, "State layout").</summary>
public static class CompanyKeys
{
    /// <summary>The stream time an events partition has announced (its latest progress record).</summary>
    public static string SourceProgress(int source) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sp/{source}");

    public static string UsageWindow(long company, long windowStartMs) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"wu/{company}/{windowStartMs}");

    public static string DialoutWindow(long company, long windowStartMs) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"wd/{company}/{windowStartMs}");

    public static string Outcome(long company, long windowStartMs, string attempt) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"o/{company}/{windowStartMs}/{attempt}");

    /// <summary>Every attempt of a company window, for dropping the window.</summary>
    public static string Outcomes(long company, long windowStartMs) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ol/{company}/{windowStartMs}");
}
