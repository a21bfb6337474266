using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// A per-thread <see cref="Utf8JsonWriter"/> over a pooled buffer, so that the hot path allocates
/// neither writers nor buffers. One lease at a time per thread: use it, copy or hash what it wrote, dispose it.
/// </summary>
internal ref struct JsonScratch
{
    private const int MaxRetainedBytes = 128 * 1024;

    // Values are Kafka records read by JSON parsers, never embedded in HTML: keep non-ASCII text readable.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = EnvelopeReader.MaxDepth + 2,
    };

    [ThreadStatic]
    private static Slot? current;

    private Slot? holder;

    private JsonScratch(Slot holder)
    {
        this.holder = holder;
        holder.InUse = true;
    }

    public readonly Utf8JsonWriter Writer => Held.Writer;

    /// <summary>What the writer wrote, flushed; valid until the lease is disposed.</summary>
    public readonly ReadOnlySpan<byte> Written
    {
        get
        {
            Held.Writer.Flush();
            return Held.Buffer.WrittenSpan;
        }
    }

    private readonly Slot Held => holder ?? throw new ObjectDisposedException(nameof(JsonScratch));

    public static JsonScratch Rent()
    {
        var held = current ??= new Slot();
        if (held.InUse) held = new Slot(); // nested use on one thread: fall back to a fresh one
        held.Buffer.Clear(MaxRetainedBytes);
        held.Writer.Reset(held.Buffer);
        return new JsonScratch(held);
    }

    public void Dispose()
    {
        if (holder is null) return;
        holder.InUse = false;
        holder = null;
    }

    private sealed class Slot
    {
        public Slot()
        {
            Buffer = new PooledBufferWriter(1024);
            Writer = new Utf8JsonWriter(Buffer, WriterOptions);
        }

        public PooledBufferWriter Buffer { get; }

        public Utf8JsonWriter Writer { get; }

        public bool InUse { get; set; }
    }
}
