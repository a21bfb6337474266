using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamWorker.Simulator.Generation;

/// <summary>Reads and writes deliveries as NDJSON, one <see cref="DeliveryLine"/> per line.</summary>
internal static class DeliveryFile
{
    // Relaxed escaping keeps bodies readable in the file; they round-trip to the same string either way.
    private static readonly SimulatorJsonContext Json = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    });

    public static async Task<int> WriteAsync(IEnumerable<Delivery> deliveries, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(writer);
        var count = 0;
        foreach (var delivery in deliveries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = new DeliveryLine(delivery.SendOffsetMs, DeliveryKindNames.ToName(delivery.Kind), delivery.Event, delivery.Body);
            await writer.WriteLineAsync(JsonSerializer.Serialize(line, Json.DeliveryLine)).ConfigureAwait(false);
            count++;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    public static async Task<int> WriteAsync(IEnumerable<Delivery> deliveries, string path, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        await using (writer.ConfigureAwait(false))
        {
            return await WriteAsync(deliveries, writer, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<List<Delivery>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var deliveries = new List<Delivery>();
        var lineNumber = 0;
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            DeliveryLine? line;
            try
            {
                line = JsonSerializer.Deserialize(text, Json.DeliveryLine);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a delivery line ({e.Message})", e);
            }

            if (line?.Body is null)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: a delivery line needs a \"body\" string");
            }

            deliveries.Add(new Delivery(line.SendOffsetMs, DeliveryKindNames.Parse(line.Kind), line.Event ?? "", line.Body));
        }

        return deliveries;
    }
}
