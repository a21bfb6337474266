namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// One presence set of a conference (its participants, its livestream viewers): a key per member holding whether it
/// is present, and the set's size and last clear in the conference summary. An enter or leave touches one member
/// key; emptying the set touches none, whatever its size.
/// </summary>
public readonly struct PresenceSet
{
    private readonly RuleContext context;
    private readonly EventState state;
    private readonly int index;

    internal PresenceSet(RuleContext context, EventState state, int index)
    {
        this.context = context;
        this.state = state;
        this.index = index;
    }

    public int Count => state.Sets[index].Count;

    /// <summary>
    /// An enter (or leave) of the member under <paramref name="memberKey"/>: +1 when it adds the member, -1 when it
    /// removes it, 0 when it changes nothing (an enter of a present member, a leave of an absent one).
    /// </summary>
    public int Move(string memberKey, bool enter)
    {
        var (count, clearedAt) = state.Sets[index];
        var member = context.Get<PresenceValue>(memberKey);
        var present = member is { Present: true } && member.Offset > clearedAt;
        if (enter == present) return 0;
        if (member is null) context.Own(memberKey);
        context.PutLast(memberKey, new PresenceValue(0, enter));
        var move = enter ? 1 : -1;
        state.Sets = state.Sets.With(index, count + move, clearedAt);
        return move;
    }

    /// <summary>Empties the set; returns how many members it held.</summary>
    public int Clear()
    {
        var count = state.Sets[index].Count;
        state.Sets = state.Sets.With(index, 0, context.Offset);
        return count;
    }
}
