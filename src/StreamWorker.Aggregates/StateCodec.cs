using System.Text;

namespace StreamWorker.Aggregates;

/// <summary>
/// A compact, versioned binary form of the stage states and of attempt changes, for state stores and the
/// repartition topic. Hand-written: the state is small and read and written once per event.
/// </summary>
public static class StateCodec
{
    private const byte ConferenceVersion = 1;
    private const byte CompanyVersion = 1;
    private const byte ChangeVersion = 1;

    public static byte[] Serialize(ConferenceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var stream = new MemoryStream(256);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(ConferenceVersion);
            w.Write(state.ConferenceId);
            WriteNullable(w, state.CompanyId);
            WriteNullable(w, state.HostId);
            w.Write(state.LastEventTimeMs);
            w.Write(state.Seen.Count);
            foreach (var (id, seen) in state.Seen)
            {
                w.Write(id);
                w.Write(seen.TimeMs);
                w.Write((byte)seen.ProcessedBy);
            }

            WriteSet(w, state.Participants);
            WriteSet(w, state.Viewers);
            w.Write(state.ParticipantWindows.Count);
            foreach (var (start, p) in state.ParticipantWindows)
            {
                w.Write(start);
                foreach (var n in new[] { p.Joins, p.Leaves, p.Concurrent, p.PeakConcurrent, p.UserExit, p.UserDropped, p.HostKicked, p.HostKickedBlocked, p.ConferenceEnd }) w.Write(n);
            }

            w.Write(state.ChurnWindows.Count);
            foreach (var (start, c) in state.ChurnWindows)
            {
                w.Write(start);
                foreach (var n in new[] { c.ViewersAtStart, c.Enters, c.Leaves, c.PeakViewers, c.UserExit, c.UserDropped, c.HostKicked, c.HostKickedBlocked }) w.Write(n);
            }

            w.Write(state.Attempts.Count);
            foreach (var (participant, a) in state.Attempts)
            {
                w.Write(participant);
                w.Write(a.Sequence);
                w.Write(a.WindowStartMs);
                w.Write(a.CompanyId);
                w.Write((byte)a.Outcome);
                w.Write(a.Version);
            }
        }

        return stream.ToArray();
    }

    public static ConferenceState DeserializeConference(byte[] bytes)
    {
        using var r = Reader(bytes, ConferenceVersion);
        var state = new ConferenceState(r.ReadInt64())
        {
            CompanyId = ReadNullable(r),
            HostId = ReadNullable(r),
            LastEventTimeMs = r.ReadInt64(),
        };
        for (var i = r.ReadInt32(); i > 0; i--)
        {
            var id = r.ReadString();
            state.Seen[id] = new SeenEvent(r.ReadInt64(), (AggregateSet)r.ReadByte());
        }

        ReadSet(r, state.Participants);
        ReadSet(r, state.Viewers);
        for (var i = r.ReadInt32(); i > 0; i--)
        {
            var start = r.ReadInt64();
            state.ParticipantWindows[start] = new ParticipantsWindowState
            {
                Joins = r.ReadInt32(), Leaves = r.ReadInt32(), Concurrent = r.ReadInt32(), PeakConcurrent = r.ReadInt32(),
                UserExit = r.ReadInt32(), UserDropped = r.ReadInt32(), HostKicked = r.ReadInt32(),
                HostKickedBlocked = r.ReadInt32(), ConferenceEnd = r.ReadInt32(),
            };
        }

        for (var i = r.ReadInt32(); i > 0; i--)
        {
            var start = r.ReadInt64();
            state.ChurnWindows[start] = new ChurnWindowState
            {
                ViewersAtStart = r.ReadInt32(), Enters = r.ReadInt32(), Leaves = r.ReadInt32(), PeakViewers = r.ReadInt32(),
                UserExit = r.ReadInt32(), UserDropped = r.ReadInt32(), HostKicked = r.ReadInt32(), HostKickedBlocked = r.ReadInt32(),
            };
        }

        for (var i = r.ReadInt32(); i > 0; i--)
        {
            var participant = r.ReadInt64();
            state.Attempts[participant] = new DialoutAttempt(r.ReadInt32(), r.ReadInt64(), r.ReadInt64(), (DialoutOutcome)r.ReadByte(), r.ReadInt32());
        }

        return state;
    }

    public static byte[] Serialize(CompanyDialoutState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var stream = new MemoryStream(128);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(CompanyVersion);
            w.Write(state.CompanyId);
            w.Write(state.LastEventTimeMs);
            w.Write(state.Windows.Count);
            foreach (var (start, attempts) in state.Windows)
            {
                w.Write(start);
                w.Write(attempts.Count);
                foreach (var (key, outcome) in attempts)
                {
                    w.Write(key);
                    w.Write((byte)outcome.Outcome);
                    w.Write(outcome.Version);
                }
            }
        }

        return stream.ToArray();
    }

    public static CompanyDialoutState DeserializeCompany(byte[] bytes)
    {
        using var r = Reader(bytes, CompanyVersion);
        var state = new CompanyDialoutState(r.ReadInt64()) { LastEventTimeMs = r.ReadInt64() };
        for (var i = r.ReadInt32(); i > 0; i--)
        {
            var start = r.ReadInt64();
            var attempts = new Dictionary<string, AttemptOutcome>(StringComparer.Ordinal);
            for (var j = r.ReadInt32(); j > 0; j--)
            {
                var key = r.ReadString();
                attempts[key] = new AttemptOutcome((DialoutOutcome)r.ReadByte(), r.ReadInt32());
            }

            state.Windows[start] = attempts;
        }

        return state;
    }

    public static byte[] Serialize(DialoutAttemptChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        using var stream = new MemoryStream(64);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(ChangeVersion);
            w.Write(change.CompanyId);
            w.Write(change.WindowStartMs);
            w.Write(change.AttemptKey);
            w.Write((byte)change.Outcome);
            w.Write(change.Version);
            w.Write(change.EventTimeMs);
        }

        return stream.ToArray();
    }

    public static DialoutAttemptChange DeserializeChange(byte[] bytes)
    {
        using var r = Reader(bytes, ChangeVersion);
        return new DialoutAttemptChange(r.ReadInt64(), r.ReadInt64(), r.ReadString(), (DialoutOutcome)r.ReadByte(), r.ReadInt32(), r.ReadInt64());
    }

    private static BinaryReader Reader(byte[] bytes, byte expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        var version = reader.ReadByte();
        if (version != expectedVersion)
        {
            reader.Dispose();
            throw new InvalidDataException($"unsupported state version {version}, expected {expectedVersion}");
        }

        return reader;
    }

    private static void WriteNullable(BinaryWriter w, long? value)
    {
        w.Write(value.HasValue);
        if (value.HasValue) w.Write(value.Value);
    }

    private static long? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadInt64() : null;

    private static void WriteSet(BinaryWriter w, HashSet<long> set)
    {
        w.Write(set.Count);
        foreach (var id in set) w.Write(id);
    }

    private static void ReadSet(BinaryReader r, HashSet<long> set)
    {
        for (var i = r.ReadInt32(); i > 0; i--) set.Add(r.ReadInt64());
    }
}
