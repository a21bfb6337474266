using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Simulator.Generation;

/// <summary>Writes webhook bodies exactly as the platform sends them: the payload is a string holding escaped JSON.</summary>
internal static class EnvelopeWriter
{
    // Relaxed escaping writes quotes inside the payload string as \" like the platform's documentation does.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="identifiersAsStrings">Writes identifiers as numeric strings, which the platform may also send.</param>
    public static string Payload(IReadOnlyList<PayloadField> fields, bool identifiersAsStrings)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var field in fields)
            {
                if (field.Number is { } number)
                {
                    if (identifiersAsStrings && field.IsIdentifier)
                    {
                        writer.WriteString(field.Name, number.ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        writer.WriteNumber(field.Name, number);
                    }
                }
                else
                {
                    writer.WriteString(field.Name, field.Text);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Body(string eventName, string payloadJson, string timestamp)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(EnvelopeFieldNames.Event, eventName);
            writer.WriteString(EnvelopeFieldNames.Payload, payloadJson);
            writer.WriteString(EnvelopeFieldNames.Timestamp, timestamp);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
