namespace StreamWorker.Simulator.Tests.Support;

/// <summary>What the test server saw of one request.</summary>
public sealed record ReceivedRequest(string Body, string Token, string ContentType);
