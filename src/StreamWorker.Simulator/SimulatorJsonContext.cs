using System.Text.Json.Serialization;
using StreamWorker.Simulator.Generation;
using StreamWorker.Simulator.Kafka;
using StreamWorker.Simulator.Load;

namespace StreamWorker.Simulator;

/// <summary>Source-generated JSON for the simulator's own files and result lines.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DeliveryLine))]
[JsonSerializable(typeof(LoadResult))]
[JsonSerializable(typeof(PrefillResult))]
[JsonSerializable(typeof(RawConsumeResult))]
[JsonSerializable(typeof(string))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
