namespace StreamWorker.Simulator.Load;

/// <summary>
/// The outcome of a load run, printed as one JSON line. Latencies in milliseconds. The freshness figures are set
/// when the run watched the participants topic (<see cref="FreshnessProbe"/>): measured joins, and how many an output record counted.
/// </summary>
internal sealed record LoadResult(
    string Url,
    string Mode,
    int Concurrency,
    double? TargetRate,
    double DurationS,
    long Requests,
    long Ok,
    long Non2xx,
    long Errors,
    double RequestsPerS,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double? FreshnessP50Ms = null,
    double? FreshnessP99Ms = null,
    long? FreshnessMeasured = null,
    long? FreshnessCounted = null);
