using System.Net;
using Microsoft.Extensions.Logging;

namespace StreamWorker.Tests.Reliability;

/// <summary>
/// docs/http-api.md and docs/configuration.md: tokens are never logged, and phone_number and meeting_url never appear in logs or
/// metrics. Every log entry at every level (messages, structured values, scopes, exceptions) and the whole
/// /metrics text are searched after a run that sends them through every path: accepted, dead-lettered,
/// rejected, unauthorized, and refused while the broker is down.
/// </summary>
public sealed class SecretsAndPersonalDataTests(Xunit.Abstractions.ITestOutputHelper output) : ReliabilityTest
{
    private const string PhoneNumber = "+15558675309";
    private const string MeetingUrl = "https://meet.example/r/private-room-5f2c9a";
    private static readonly string[] WrongTokens = ["wrong-token-6b1d7e2a", "test-token-0123456788", "Bearer test-token-0123456789"];

    [Fact]
    public async Task LogsAndMetrics_NeverContainTokensPhoneNumbersOrMeetingUrls()
    {
        var logs = new CapturingLoggerProvider();
        await using (var sw = await StreamWorkerInstance.StartAsync(
                         new Dictionary<string, string?>
                         {
                             ["Gateway:AckTimeout"] = "00:00:01",
                             // Override appsettings.json's quieter categories: every log line is searched.
                             ["Logging:LogLevel:Default"] = "Trace",
                             ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                             ["Logging:LogLevel:Streamiz.Kafka.Net"] = "Trace",
                         },
                         logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)))
        {
            var statuses = new List<HttpStatusCode>();
            foreach (var body in Bodies())
            {
                statuses.Add(await StatusAsync(sw.PostAsync(body)));
                foreach (var wrong in WrongTokens)
                {
                    statuses.Add(await StatusAsync(sw.PostAsync(body, wrong)));
                }
            }

            sw.Kafka.Embedded!.SetAllBrokersDown();
            foreach (var body in Bodies().Take(2))
            {
                statuses.Add(await StatusAsync(sw.PostAsync(body)));
            }

            using (await sw.Http.GetAsync("/readyz"))
            {
            }

            sw.Kafka.Embedded.SetAllBrokersUp();
            var metrics = await sw.Http.GetStringAsync("/metrics");

            // Every path was taken, so a clean result means something.
            HttpStatusCode[] paths = [HttpStatusCode.Accepted, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.UnprocessableEntity, HttpStatusCode.ServiceUnavailable];
            Assert.All(paths, path => Assert.Contains(path, statuses));
            Assert.Contains("streamworker_gateway_rejections", metrics, StringComparison.Ordinal);
            AssertNoSecrets("/metrics", metrics);
        }

        output.WriteLine($"{logs.Entries.Count} log entries searched");
        Assert.NotEmpty(logs.Entries);
        Assert.Contains("/webhooks", logs.Text, StringComparison.Ordinal); // request logging was captured
        AssertNoSecrets("logs", logs.Text);
    }

    private static IEnumerable<string> Bodies()
    {
        var now = DateTimeOffset.UtcNow;
        yield return WebhookSamples.Body("dialout_status_change", WebhookSamples.Payload("dialout_status_change", ("phone_number", PhoneNumber)), now);
        yield return WebhookSamples.Body("enter_conference", WebhookSamples.Payload("enter_conference", ("meeting_url", MeetingUrl)), now);

        // Invalid payloads: answered 422 and dead-lettered with the personal data in them.
        yield return WebhookSamples.Body("dialout_status_change", WebhookSamples.Payload("dialout_status_change", ("phone_number", PhoneNumber), ("status", "not-a-status")), now);
        yield return WebhookSamples.Body("enter_conference", WebhookSamples.Payload("enter_conference", ("meeting_url", MeetingUrl), ("participant_id", null)), now);
        yield return WebhookSamples.Body("enter_conference", WebhookSamples.Payload("enter_conference", ("meeting_url", MeetingUrl)), now.AddDays(1));

        // Not an envelope: 400 with field errors.
        yield return $"{{\"event\":\"dialout_status_change\",\"payload\":{{\"phone_number\":\"{PhoneNumber}\"}},\"timestamp\":\"{MeetingUrl}\"}}";
        yield return $"{{\"event\":\"{MeetingUrl}\",\"payload\":\"{{\\\"phone_number\\\":\\\"{PhoneNumber}\\\"\",\"timestamp\":\"{PhoneNumber}\"}}";

        // Unknown event: stored as is.
        yield return WebhookSamples.Body("new_platform_event", $"{{\"phone_number\":\"{PhoneNumber}\",\"meeting_url\":\"{MeetingUrl}\"}}", now);
    }

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        return response.StatusCode;
    }

    private static void AssertNoSecrets(string where, string text)
    {
        foreach (var secret in (string[])[StreamWorkerInstance.Token, .. WrongTokens, PhoneNumber, "15558675309", MeetingUrl, "private-room-5f2c9a"])
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} contain '{secret}':\n{Excerpt(text, secret)}");
        }
    }

    private static string Excerpt(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var from = Math.Max(0, at - 300);
        return text[from..Math.Min(text.Length, at + secret.Length + 300)];
    }
}
