namespace StreamWorker.Deploy.Tests.Support;

/// <summary>Replaces Grafana's variables in a dashboard query with what Grafana would send to Prometheus.</summary>
internal static class GrafanaVariables
{
    public static string Substitute(string expression) => expression
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
        .Replace("$__range", "1h", StringComparison.Ordinal)
        // "All" of the job and instance variables.
        .Replace("$job", ".*", StringComparison.Ordinal)
        .Replace("$instance", ".*", StringComparison.Ordinal);
}
