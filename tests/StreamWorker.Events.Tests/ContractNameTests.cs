namespace StreamWorker.Events.Tests;

/// <summary>
/// The one place the contract names are spelled out besides their definitions, on purpose: every other test uses the
/// constants, so renaming a constant would go unnoticed there, but the senders, consumers and deployments outside
/// rely on these exact names (docs/http-api.md, docs/topics.md). A rename must fail here and be a decision.
/// </summary>
public sealed class ContractNameTests
{
    [Fact]
    public void SigningTokenHeader_IsTheDocumentedName() =>
        Assert.Equal("x-signing-token", WebhookHeaders.SigningToken);

    [Fact]
    public void TopicNames_AreTheDocumentedNames()
    {
        Assert.Equal("webhook-events", TopicNames.Events);
        Assert.Equal("webhook-events-dlq", TopicNames.DeadLetter);
        Assert.Equal("analytics-conference-participants", TopicNames.Participants);
        Assert.Equal("analytics-livestream-churn", TopicNames.LivestreamChurn);
        Assert.Equal("analytics-dialout-answer-rate", TopicNames.DialoutAnswerRate);
    }

    [Fact]
    public void RecordHeaderNames_AreTheDocumentedNames()
    {
        Assert.Equal("event", RecordHeaderNames.Event);
        Assert.Equal("event_id", RecordHeaderNames.EventId);
        Assert.Equal("reason", RecordHeaderNames.Reason);
    }
}
