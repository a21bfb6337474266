using System.Text;

namespace StreamWorker.Aggregates.State;

/// <summary>
/// The binary form of state values and attempt changes (state stores, changelogs, the repartition
/// topic): a type tag, then fixed fields. Every value is small by construction; the largest, a
/// <see cref="KeyChunk"/>, holds at most <see cref="KeyList.ChunkSize"/> keys (docs/topology.md, "Sizes").
/// Hand-written on purpose: a write and read back of a realistic mix of values takes about a third of the time
/// System.Text.Json source generation needs for the same values without a type tag (<c>StreamWorker.Bench codec</c>,
/// BENCHMARKS.md "Serializers": ~4 against ~12-15 µs for five values), with the same allocations.
/// </summary>
public static class StateValueCodec
{
    private enum Tag : byte
    {
        // 1 and 2 were the conference summary and presence of releases before presence sets cleared by offset and the
        // owned-key list (docs/operations.md, "Upgrades").
        Summary = 11,
        Presence = 12,
        Chunk = 3,
        Mark = 4,
        ParticipantsWindow = 5,
        ChurnWindow = 6,
        DialoutWindow = 7,
        Attempt = 8,
        Outcome = 9,
        Seen = 10,
    }

    public static byte[] Serialize(StateValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Write(w =>
        {
            switch (value)
            {
                case ConferenceSummary s:
                    Begin(w, Tag.Summary, s);
                    WriteNullable(w, s.CompanyId);
                    WriteNullable(w, s.HostId);
                    w.Write(s.LastEventTimeMs);
                    w.Write((byte)s.Sets.Length);
                    for (var set = 0; set < s.Sets.Length; set++)
                    {
                        w.Write(s.Sets[set].Count);
                        w.Write(s.Sets[set].ClearedAt);
                    }

                    w.Write(s.OwnedKeys);
                    w.Write(s.SeenKeys);
                    w.Write(s.ExpiryBucketMs);
                    break;
                case PresenceValue p:
                    Begin(w, Tag.Presence, p);
                    w.Write(p.Present);
                    break;
                case KeyChunk c:
                    Begin(w, Tag.Chunk, c);
                    w.Write(c.Items.Count);
                    foreach (var item in c.Items) w.Write(item);
                    break;
                case MarkValue m:
                    Begin(w, Tag.Mark, m);
                    w.Write(m.Value);
                    break;
                case WindowValue<ParticipantsRecord> pw:
                    Begin(w, Tag.ParticipantsWindow, pw);
                    WriteParticipants(w, pw.Record);
                    break;
                case WindowValue<LivestreamChurnRecord> cw:
                    Begin(w, Tag.ChurnWindow, cw);
                    WriteChurn(w, cw.Record);
                    break;
                case CompanyWindowValue dw:
                    Begin(w, Tag.DialoutWindow, dw);
                    w.Write(dw.ListedKeys);
                    WriteDialout(w, dw.Record);
                    w.Write(dw.IsComplete);
                    break;
                case AttemptValue a:
                    Begin(w, Tag.Attempt, a);
                    w.Write(a.Sequence);
                    w.Write(a.WindowStartMs);
                    w.Write(a.CompanyId);
                    w.Write((byte)a.Outcome);
                    w.Write(a.Version);
                    break;
                case SeenEvent e:
                    Begin(w, Tag.Seen, e);
                    w.Write(e.FirstOffset);
                    w.Write(e.TimeMs);
                    w.Write((byte)e.ProcessedBy);
                    w.Write(e.Note);
                    break;
                case OutcomeValue o:
                    Begin(w, Tag.Outcome, o);
                    w.Write((byte)o.Outcome);
                    w.Write(o.Version);
                    break;
                default:
                    throw new ArgumentException($"no binary form for {value.GetType().Name}", nameof(value));
            }
        });
    }

    public static StateValue Deserialize(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        var tag = (Tag)r.ReadByte();
        var offset = r.ReadInt64();
        return tag switch
        {
            Tag.Summary => new ConferenceSummary(
                offset, ReadNullable(r), ReadNullable(r), r.ReadInt64(), ReadSets(r), r.ReadInt32(), r.ReadInt32(), r.ReadInt64()),
            Tag.Presence => new PresenceValue(offset, r.ReadBoolean()),
            Tag.Chunk => new KeyChunk(offset, Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadString()).ToList()),
            Tag.Mark => new MarkValue(offset, r.ReadInt64()),
            Tag.ParticipantsWindow => new WindowValue<ParticipantsRecord>(offset, ReadParticipants(r)),
            Tag.ChurnWindow => new WindowValue<LivestreamChurnRecord>(offset, ReadChurn(r)),
            Tag.DialoutWindow => ReadDialoutWindow(r, offset),
            Tag.Attempt => new AttemptValue(offset, r.ReadInt32(), r.ReadInt64(), r.ReadInt64(), (DialoutOutcome)r.ReadByte(), r.ReadInt32()),
            Tag.Outcome => new OutcomeValue(offset, (DialoutOutcome)r.ReadByte(), r.ReadInt32()),
            Tag.Seen => new SeenEvent(offset, r.ReadInt64(), r.ReadInt64(), (AggregateSet)r.ReadByte(), r.ReadInt32()),
            (Tag)1 or (Tag)2 => throw new InvalidDataException("a conference summary or presence of an earlier release: start this release under a new Processor:ApplicationId (docs/operations.md, \"Upgrades\")"),
            _ => throw new InvalidDataException($"unknown state value tag {(byte)tag}"),
        };
    }

    private const byte ChangeKind = 0;
    private const byte ProgressKind = 2;

    public static byte[] Serialize(DialoutAttemptChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Write(w =>
        {
            w.Write(change.CompanyId);
            w.Write(change.WindowStartMs);
            w.Write(change.AttemptKey);
            w.Write((byte)change.Outcome);
            w.Write(change.Version);
            w.Write(change.EventTimeMs);
            w.Write(change.Source);
            w.Write(change.IsProgress ? ProgressKind : ChangeKind);
            if (change.IsProgress)
            {
                w.Write(change.Sources);
                w.Write(change.Target);
            }
        });
    }

    public static DialoutAttemptChange DeserializeChange(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        var change = new DialoutAttemptChange(r.ReadInt64(), r.ReadInt64(), r.ReadString(), (DialoutOutcome)r.ReadByte(), r.ReadInt32(), r.ReadInt64(), r.ReadInt32());
        return r.ReadByte() switch
        {
            ChangeKind => change,
            ProgressKind => change with { Sources = r.ReadInt32(), Target = r.ReadInt32() },
            // Kind 1 was the per-window close notice of releases before progress records (docs/operations.md, "Upgrades").
            var kind => throw new InvalidDataException($"unknown dial-out record kind {kind}: drain the dial-out repartition topic before upgrading"),
        };
    }

    private static void Begin(BinaryWriter w, Tag tag, StateValue value)
    {
        w.Write((byte)tag);
        w.Write(value.Offset);
    }

    private static void WriteParticipants(BinaryWriter w, ParticipantsRecord p)
    {
        w.Write(p.ConferenceId);
        WriteNullable(w, p.CompanyId);
        WriteNullable(w, p.HostId);
        w.Write(p.WindowStartMs);
        w.Write(p.WindowEndMs);
        var l = p.LeavesByReason;
        foreach (var n in new[] { p.Joins, p.Leaves, p.Concurrent, p.PeakConcurrent, l.UserExit, l.UserDropped, l.HostKicked, l.HostKickedBlocked, l.ConferenceEnd }) w.Write(n);
    }

    private static ParticipantsRecord ReadParticipants(BinaryReader r)
    {
        var (conference, company, host, start, end) = (r.ReadInt64(), ReadNullable(r), ReadNullable(r), r.ReadInt64(), r.ReadInt64());
        var n = Enumerable.Range(0, 9).Select(_ => r.ReadInt32()).ToArray();
        return new ParticipantsRecord(conference, company, host, start, end, n[0], n[1], n[2], n[3], new ParticipantLeaveCounts(n[4], n[5], n[6], n[7], n[8]));
    }

    private static void WriteChurn(BinaryWriter w, LivestreamChurnRecord c)
    {
        w.Write(c.ConferenceId);
        WriteNullable(w, c.CompanyId);
        w.Write(c.WindowStartMs);
        w.Write(c.WindowEndMs);
        var l = c.LeavesByReason;
        foreach (var n in new[] { c.ViewersAtStart, c.Enters, c.Leaves, c.PeakViewers, l.UserExit, l.UserDropped, l.HostKicked, l.HostKickedBlocked }) w.Write(n);
    }

    private static LivestreamChurnRecord ReadChurn(BinaryReader r)
    {
        var (conference, company, start, end) = (r.ReadInt64(), ReadNullable(r), r.ReadInt64(), r.ReadInt64());
        var n = Enumerable.Range(0, 8).Select(_ => r.ReadInt32()).ToArray();
        var denominator = n[0] + n[1];
        return new LivestreamChurnRecord(
            conference, company, start, end, n[0], n[1], n[2], new ViewerLeaveCounts(n[4], n[5], n[6], n[7]), n[3],
            denominator == 0 ? null : (double)n[2] / denominator);
    }

    private static void WriteDialout(BinaryWriter w, DialoutAnswerRateRecord d)
    {
        w.Write(d.CompanyId);
        w.Write(d.WindowStartMs);
        w.Write(d.WindowEndMs);
        foreach (var n in new[] { d.Attempts, d.Answered, d.Rejected, d.NoAnswer, d.Cancelled, d.NotEnabled, d.Pending }) w.Write(n);
    }

    private static CompanyWindowValue ReadDialoutWindow(BinaryReader r, long offset)
    {
        var listed = r.ReadInt32();
        var (company, start, end) = (r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        var n = Enumerable.Range(0, 7).Select(_ => r.ReadInt32()).ToArray();
        var decided = n[1] + n[2] + n[3] + n[4];
        var record = new DialoutAnswerRateRecord(company, start, end, n[0], n[1], n[2], n[3], n[4], n[5], n[6], decided == 0 ? null : (double)n[1] / decided);
        return new CompanyWindowValue(offset, record, listed, r.ReadBoolean());
    }

    private static byte[] Write(Action<BinaryWriter> body)
    {
        using var stream = new MemoryStream(64);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) body(w);
        return stream.ToArray();
    }

    private static void WriteNullable(BinaryWriter w, long? value)
    {
        w.Write(value.HasValue);
        if (value is { } v) w.Write(v);
    }

    private static long? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadInt64() : null;

    private static PresenceCounts ReadSets(BinaryReader r)
    {
        var sets = new (int, long)[r.ReadByte()];
        for (var set = 0; set < sets.Length; set++) sets[set] = (r.ReadInt32(), r.ReadInt64());
        return new PresenceCounts(sets);
    }
}
