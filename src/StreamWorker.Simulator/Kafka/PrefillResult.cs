namespace StreamWorker.Simulator.Kafka;

/// <summary>What <c>prefill</c> wrote, printed as one JSON line.</summary>
internal sealed record PrefillResult(string Topic, long Records, long Skipped, double Seconds, double RecordsPerS);
