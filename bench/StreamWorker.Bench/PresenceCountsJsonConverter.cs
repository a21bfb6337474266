using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamWorker.Bench;

/// <summary>
/// <see cref="PresenceCounts"/> for the System.Text.Json side of the codec comparison: an array of
/// <c>[count, cleared_at]</c> pairs (the type keeps its sets private and has no constructor System.Text.Json can bind).
/// </summary>
internal sealed class PresenceCountsJsonConverter : JsonConverter<PresenceCounts>
{
    public override PresenceCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var sets = new List<(int, long)>();
        reader.Read();
        while (reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            var count = reader.GetInt32();
            reader.Read();
            var clearedAt = reader.GetInt64();
            reader.Read();
            reader.Read();
            sets.Add((count, clearedAt));
        }

        return new PresenceCounts(sets);
    }

    public override void Write(Utf8JsonWriter writer, PresenceCounts value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        for (var set = 0; set < value.Length; set++)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(value[set].Count);
            writer.WriteNumberValue(value[set].ClearedAt);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
