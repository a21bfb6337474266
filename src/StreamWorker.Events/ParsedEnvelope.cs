using System.Buffers;
using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>An envelope that passed every envelope check: its event name, UTC timestamp and parsed payload object.</summary>
internal sealed class ParsedEnvelope : IDisposable
{
    private byte[]? payloadBuffer;

    public ParsedEnvelope(string eventName, DateTimeOffset timestamp, JsonDocument payload, byte[] payloadBuffer)
    {
        EventName = eventName;
        Timestamp = timestamp;
        Payload = payload;
        this.payloadBuffer = payloadBuffer;
    }

    public string EventName { get; }

    /// <summary>UTC, truncated to milliseconds: the precision of every stored time.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The payload object; it reads from <see cref="payloadBuffer"/>, rented from the pool.</summary>
    public JsonDocument Payload { get; }

    public void Dispose()
    {
        Payload.Dispose();
        if (payloadBuffer is null) return;
        ArrayPool<byte>.Shared.Return(payloadBuffer);
        payloadBuffer = null;
    }
}
