namespace StreamWorker.Simulator.Kafka;

/// <summary>The raw consume-and-parse baseline of the processor benchmark, printed as one JSON line.</summary>
internal sealed record RawConsumeResult(string Topic, long Records, long Unparsable, double Seconds, double RawEventsPerS);
