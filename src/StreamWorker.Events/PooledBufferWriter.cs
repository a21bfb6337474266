using System.Buffers;

namespace StreamWorker.Events;

/// <summary>An <see cref="IBufferWriter{T}"/> over arrays from <see cref="ArrayPool{T}.Shared"/>: scratch space for the hot path.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[]? buffer;
    private int written;

    public PooledBufferWriter(int initialCapacity) => buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    public ReadOnlySpan<byte> WrittenSpan => Buffer.AsSpan(0, written);

    private byte[] Buffer => buffer ?? throw new ObjectDisposedException(nameof(PooledBufferWriter));

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (written + count > Buffer.Length) throw new InvalidOperationException("Advanced past the end of the buffer.");
        written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return Buffer.AsMemory(written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return Buffer.AsSpan(written);
    }

    /// <summary>Forgets what was written; gives a buffer grown past <paramref name="maxRetainedBytes"/> back to the pool.</summary>
    public void Clear(int maxRetainedBytes)
    {
        written = 0;
        if (Buffer.Length <= maxRetainedBytes) return;
        ArrayPool<byte>.Shared.Return(Buffer);
        buffer = ArrayPool<byte>.Shared.Rent(256);
    }

    public void Dispose()
    {
        if (buffer is null) return;
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = null;
    }

    private void EnsureFree(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        var current = Buffer;
        if (current.Length - written >= needed) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(current.Length * 2, written + needed));
        current.AsSpan(0, written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(current);
        buffer = bigger;
    }
}
