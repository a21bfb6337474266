using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace StreamWorker.Topology.State;

/// <summary>
/// One entry of a <see cref="CompactKeyValueStore"/>: the key's length (2 bytes, big-endian), the key, then the
/// value, in one array. Keys of the stage stores are short text (docs/topology.md, "State layout").
/// </summary>
public static class StoreEntry
{
    private const int Header = sizeof(ushort);

    /// <summary>Compares entries, and an entry with a bare key, by the key's bytes only.</summary>
    public static readonly KeyComparer Comparer = new();

    public static byte[] Create(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (key.Length > ushort.MaxValue) throw new ArgumentException($"a state key of {key.Length} bytes is longer than {ushort.MaxValue}", nameof(key));
        var entry = new byte[Header + key.Length + value.Length];
        BinaryPrimitives.WriteUInt16BigEndian(entry, (ushort)key.Length);
        key.CopyTo(entry.AsSpan(Header));
        value.CopyTo(entry.AsSpan(Header + key.Length));
        return entry;
    }

    public static ReadOnlySpan<byte> Key(byte[] entry) => entry.AsSpan(Header, KeyLength(entry));

    public static ReadOnlySpan<byte> Value(byte[] entry) => entry.AsSpan(Header + KeyLength(entry));

    private static int KeyLength(byte[] entry) => BinaryPrimitives.ReadUInt16BigEndian(entry);

    public sealed class KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && Key(x).SequenceEqual(Key(y));

        public int GetHashCode(byte[] obj) => Hash(Key(obj));

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(Key(other));

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        /// <summary>Adding through a bare key stores it with an empty value (the store always adds whole entries).</summary>
        public byte[] Create(ReadOnlySpan<byte> alternate) => StoreEntry.Create(alternate, []);

        private static int Hash(ReadOnlySpan<byte> key)
        {
            var hash = new HashCode();
            hash.AddBytes(key);
            return hash.ToHashCode();
        }
    }
}
