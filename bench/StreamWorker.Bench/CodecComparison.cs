using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamWorker.Bench;

/// <summary>
/// Hand-written serializers against System.Text.Json source generation, on the same values, in one process: the
/// output JSON of a participants record (the most frequent output: the shipped <see cref="OutputRecordJson"/>, source
/// generated, against the <c>Utf8JsonWriter</c> code it replaced, which must write the same bytes), and the state codec
/// over a realistic mix of state values (the shipped hand-written binary <see cref="StateValueCodec"/> against System.Text.Json
/// given each concrete type, no type tag: a lower bound for it). Prints one JSON line with ns and allocated bytes per operation.
/// </summary>
internal static class CodecComparison
{
    public static int Run(BenchArgs options)
    {
        var iterations = options.Int("iterations", 300_000);
        var participants = new ParticipantsRecord(1_258_835, 42, 61_803, 1_661_374_560_000, 1_661_374_620_000, 12, 3, 140, 151, new ParticipantLeaveCounts(1, 1, 0, 1, 0));
        if (!OutputRecordJson.Serialize(participants).AsSpan().SequenceEqual(HandWrittenParticipantsJson.Serialize(participants)))
        {
            throw new InvalidOperationException("the two JSON writers disagree: the comparison would not be fair");
        }

        StateValue[] state =
        [
            new SeenEvent(1_000, 1_000, 1_661_374_565_000, AggregateSet.Participants, 0),
            new ConferenceSummary(1_001, 42, 61_803, 1_661_374_565_000, new PresenceCounts([(140, -1L), (20_000, -1L)]), 4, 900, 1_661_374_560_000),
            new WindowValue<ParticipantsRecord>(1_002, participants),
            new KeyChunk(1_003, ["p/1258835/1", "p/1258835/2", "p/1258835/3", "p/1258835/4", "p/1258835/5", "p/1258835/6", "p/1258835/7", "p/1258835/8"]),
            new MarkValue(1_004, 1_661_374_565_000),
        ];

        var handJson = Measure(iterations, () => HandWrittenParticipantsJson.Serialize(participants));
        var stjJson = Measure(iterations, () => OutputRecordJson.Serialize(participants));
        var handState = Measure(iterations, () => RoundTripHand(state));
        var stjState = Measure(iterations, () => RoundTripStj(state));
        Console.WriteLine(JsonSerializer.Serialize(
            new Dictionary<string, double>
            {
                ["codec_output_json_handwritten_ns"] = handJson.Nanoseconds,
                ["codec_output_json_stj_ns"] = stjJson.Nanoseconds,
                ["codec_output_json_handwritten_bytes"] = handJson.AllocatedBytes,
                ["codec_output_json_stj_bytes"] = stjJson.AllocatedBytes,
                ["codec_state_handwritten_ns"] = handState.Nanoseconds,
                ["codec_state_stj_ns"] = stjState.Nanoseconds,
                ["codec_state_handwritten_bytes"] = handState.AllocatedBytes,
                ["codec_state_stj_bytes"] = stjState.AllocatedBytes,
            },
            CodecJsonContext.Default.DictionaryStringDouble));
        return 0;
    }

    /// <summary>Writes and reads back each value, as a store put followed by a get does.</summary>
    private static object RoundTripHand(StateValue[] values)
    {
        object last = values[0];
        foreach (var value in values) last = StateValueCodec.Deserialize(StateValueCodec.Serialize(value));
        return last;
    }

    private static object RoundTripStj(StateValue[] values)
    {
        var c = CodecJsonContext.Default;
        object last = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes((SeenEvent)values[0], c.SeenEvent), c.SeenEvent)!;
        last = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes((ConferenceSummary)values[1], c.ConferenceSummary), c.ConferenceSummary)!;
        last = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes((WindowValue<ParticipantsRecord>)values[2], c.WindowValueParticipantsRecord), c.WindowValueParticipantsRecord)!;
        last = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes((KeyChunk)values[3], c.KeyChunk), c.KeyChunk)!;
        last = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes((MarkValue)values[4], c.MarkValue), c.MarkValue)!;
        return last;
    }

    /// <summary>ns and allocated bytes per call, after a tenth of the iterations as warm-up (tiered JIT).</summary>
    private static (double Nanoseconds, double AllocatedBytes) Measure(int iterations, Func<object> operation)
    {
        for (var i = 0; i < iterations / 10; i++) operation();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++) operation();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (
            Math.Round(elapsed.TotalNanoseconds / iterations, 1),
            Math.Round((double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations, 1));
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(PresenceCountsJsonConverter)])]
[JsonSerializable(typeof(SeenEvent))]
[JsonSerializable(typeof(ConferenceSummary))]
[JsonSerializable(typeof(WindowValue<ParticipantsRecord>), TypeInfoPropertyName = "WindowValueParticipantsRecord")]
[JsonSerializable(typeof(KeyChunk))]
[JsonSerializable(typeof(MarkValue))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class CodecJsonContext : JsonSerializerContext;
