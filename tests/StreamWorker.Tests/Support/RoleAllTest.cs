using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support;

/// <summary>
/// Base of the end-to-end tests over one in-process StreamWorker with role all (embedded broker, gateway, processor),
/// started for each test, to which they post the events of one conference at offsets from <paramref name="start"/>.
/// xUnit reads the Layer trait from the base.
/// </summary>
/// <param name="settings">Configuration on top of <c>Role=all</c>.</param>
[Trait("Layer", "Integration")]
public abstract class RoleAllTest(long conference, long company, long host, DateTimeOffset start, IReadOnlyDictionary<string, string?>? settings = null)
    : IAsyncLifetime
{
    protected StreamWorkerInstance Sw { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var all = new Dictionary<string, string?> { ["Role"] = "all" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Sw = await StreamWorkerInstance.StartAsync(all);
    }

    public async Task DisposeAsync() => await Sw.DisposeAsync();

    /// <summary>Posts <paramref name="eventName"/> of the conference at start + <paramref name="seconds"/>; <paramref name="changes"/> set or remove payload fields.</summary>
    protected async Task<HttpResponseMessage> PostAsync(string eventName, int seconds, params (string Field, JsonNode? Value)[] changes)
    {
        var payload = WebhookSamples.Payload(eventName, [("conference_id", conference), ("company_id", company), ("host_id", host), .. changes]);
        return await Sw.PostAsync(WebhookSamples.Body(eventName, payload, start.AddSeconds(seconds)));
    }

    /// <summary>Posts as <see cref="PostAsync"/>, asserts the 202 and returns the event id the gateway answered with.</summary>
    protected async Task<string> PostAcceptedAsync(string eventName, int seconds, params (string Field, JsonNode? Value)[] changes)
    {
        using var response = await PostAsync(eventName, seconds, changes);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("event_id").GetString()!;
    }
}
