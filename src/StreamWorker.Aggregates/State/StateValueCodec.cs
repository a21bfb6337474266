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
public static partial class StateValueCodec
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
        Session = 13,
        SessionMember = 14,
        SessionAttempt = 15,
        EndedSession = 16,
        UsageWindow = 17,
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
                    WriteNullable(w, e.CompanyId);
                    break;
                case OutcomeValue o:
                    Begin(w, Tag.Outcome, o);
                    w.Write((byte)o.Outcome);
                    w.Write(o.Version);
                    break;
                case SessionState ss:
                    Begin(w, Tag.Session, ss);
                    w.Write(ss.Sequence);
                    w.Write(ss.StartOffset);
                    w.Write(ss.Open);
                    w.Write(ss.ClockMs);
                    w.Write(ss.Present);
                    w.Write(ss.PresentViewers);
                    w.Write((byte)ss.On);
                    WriteSession(w, ss.Record);
                    break;
                case SessionMember sm:
                    Begin(w, Tag.SessionMember, sm);
                    w.Write(sm.Present);
                    w.Write(sm.EnteredAt);
                    break;
                case SessionAttempt sa:
                    Begin(w, Tag.SessionAttempt, sa);
                    w.Write(sa.Attempt);
                    break;
                case WindowValue<SessionRecord> es:
                    Begin(w, Tag.EndedSession, es);
                    WriteSession(w, es.Record);
                    break;
                case UsageWindowValue uw:
                    Begin(w, Tag.UsageWindow, uw);
                    WriteUsage(w, uw.Record);
                    w.Write((byte)uw.SourceOffsets.Count);
                    foreach (var sourceOffset in uw.SourceOffsets) w.Write(sourceOffset);
                    w.Write(uw.IsComplete);
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
            Tag.Seen => new SeenEvent(offset, r.ReadInt64(), r.ReadInt64(), (AggregateSet)r.ReadByte(), r.ReadInt32(), ReadNullable(r)),
            Tag.Session => new SessionState(offset, r.ReadInt32(), r.ReadInt64(), r.ReadBoolean(), r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), (SessionActivity)r.ReadByte(), ReadSession(r)),
            Tag.SessionMember => new SessionMember(offset, r.ReadBoolean(), r.ReadInt64()),
            Tag.SessionAttempt => new SessionAttempt(offset, r.ReadInt32()),
            Tag.EndedSession => new WindowValue<SessionRecord>(offset, ReadSession(r)),
            Tag.UsageWindow => new UsageWindowValue(offset, ReadUsage(r), [.. Enumerable.Range(0, r.ReadByte()).Select(_ => r.ReadInt64())], r.ReadBoolean()),
            (Tag)1 or (Tag)2 => throw new InvalidDataException("a conference summary or presence of an earlier release: start this release under a new Processor:ApplicationId (docs/operations.md, \"Upgrades\")"),
            _ => throw new InvalidDataException($"unknown state value tag {(byte)tag}"),
        };
    }

    private const byte ChangeKind = 0;
    private const byte ProgressKind = 2;

    private const byte UsageKind = 3;

    public static byte[] Serialize(CompanyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Write(w =>
        {
            if (change is UsageCount u)
            {
                w.Write(UsageKind);
                w.Write(u.CompanyId);
                w.Write(u.WindowStartMs);
                w.Write((byte)u.Counter);
                w.Write(u.Bytes);
                w.Write(u.EventTimeMs);
                w.Write(u.Source);
                w.Write(u.SourceOffset);
                return;
            }

            var d = (DialoutAttemptChange)change;
            w.Write(d.IsProgress ? ProgressKind : ChangeKind);
            w.Write(d.CompanyId);
            w.Write(d.WindowStartMs);
            w.Write(d.AttemptKey);
            w.Write((byte)d.Outcome);
            w.Write(d.Version);
            w.Write(d.EventTimeMs);
            w.Write(d.Source);
            if (d.IsProgress)
            {
                w.Write(d.Sources);
                w.Write(d.Target);
            }
        });
    }

    public static CompanyChange DeserializeChange(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        var kind = r.ReadByte();
        switch (kind)
        {
            case UsageKind:
                return new UsageCount(r.ReadInt64(), r.ReadInt64(), (UsageCounter)r.ReadByte(), r.ReadInt64(), r.ReadInt64(), r.ReadInt32(), r.ReadInt64());
            case ChangeKind or ProgressKind:
                var change = new DialoutAttemptChange(r.ReadInt64(), r.ReadInt64(), r.ReadString(), (DialoutOutcome)r.ReadByte(), r.ReadInt32(), r.ReadInt64(), r.ReadInt32());
                return kind == ProgressKind ? change with { Sources = r.ReadInt32(), Target = r.ReadInt32() } : change;
            default:
                throw new InvalidDataException($"unknown company change kind {kind}: drain the company repartition topic before upgrading (docs/operations.md, \"Upgrades\")");
        }
    }

    private static void Begin(BinaryWriter w, Tag tag, StateValue value)
    {
        w.Write((byte)tag);
        w.Write(value.Offset);
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
