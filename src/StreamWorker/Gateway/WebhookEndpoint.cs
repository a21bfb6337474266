using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using StreamWorker.Events;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;

namespace StreamWorker.Gateway;

/// <summary>
/// <c>POST /webhooks</c>, exactly as docs/http-api.md says: authenticate, bound and validate the body, write it
/// durably, and answer only once the broker has acknowledged (or clearly has not).
/// </summary>
public sealed class WebhookEndpoint(
    GatewayCredentials credentials,
    WebhookIntake intake,
    KafkaEventProducer producer,
    IOptions<GatewayOptions> gatewayOptions,
    IOptions<TopicOptions> topicOptions,
    GatewayTelemetry telemetry)
{
    private readonly GatewayOptions _gateway = gatewayOptions.Value;
    private readonly TopicOptions _topics = topicOptions.Value;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var tokens = request.Headers[WebhookHeaders.SigningToken];
        if (tokens.Count != 1 || !credentials.Tokens.IsValid(tokens[0]))
        {
            telemetry.Rejected("unauthorized");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!IsJson(request.ContentType))
        {
            telemetry.Rejected("unsupported_media_type");
            await Problems.Write(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "The body must be JSON (content-type: application/json).");
            return;
        }

        if (request.ContentLength > _gateway.MaxBodyBytes)
        {
            await RejectTooLarge(context);
            return;
        }

        var body = await ReadBodyAsync(request.BodyReader, _gateway.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await RejectTooLarge(context);
            return;
        }

        try
        {
            await HandleBodyAsync(context, body.Value);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Value.Array!);
        }
    }

    private async Task HandleBodyAsync(HttpContext context, ArraySegment<byte> body)
    {
        var result = intake.Process(body);
        switch (result.Status)
        {
            case IntakeStatus.InvalidEnvelope:
                telemetry.Rejected("invalid_envelope");
                await Problems.WriteValidation(context, StatusCodes.Status400BadRequest, "The body is not a webhook envelope", result.Errors);
                return;

            case IntakeStatus.InvalidPayload:
                // The sender is told not to retry (422), so the event must be safe in the dead-letter topic first.
                var reason = result.DeadLetterReason ?? DeadLetterReasons.InvalidPayload;
                if (!await WriteAsync(context, _topics.DeadLetter, result, reason))
                {
                    return;
                }

                telemetry.Rejected(reason);
                telemetry.DeadLettered(reason);
                await Problems.WriteValidation(
                    context,
                    StatusCodes.Status422UnprocessableEntity,
                    reason == DeadLetterReasons.FutureTimestamp ? "The event's timestamp is too far in the future" : "The event's payload is invalid",
                    result.Errors);
                return;

            default:
                if (!await WriteAsync(context, _topics.Events, result, null))
                {
                    return;
                }

                telemetry.Accepted(result.EventName!);
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(AcceptedBody(result.EventId!), context.RequestAborted);
                return;
        }
    }

    private async Task<bool> WriteAsync(HttpContext context, string topic, IntakeResult result, string? deadLetterReason)
    {
        var headers = new Headers
        {
            { RecordHeaderNames.Event, Encoding.UTF8.GetBytes(result.EventName ?? string.Empty) },
            { RecordHeaderNames.EventId, Encoding.ASCII.GetBytes(result.EventId ?? string.Empty) },
        };
        if (deadLetterReason is not null)
        {
            headers.Add(RecordHeaderNames.Reason, Encoding.ASCII.GetBytes(deadLetterReason));
        }

        var outcome = await producer.ProduceAsync(topic, result.Key, result.Value, headers, context.RequestAborted);
        if (outcome.Acknowledged)
        {
            return true;
        }

        telemetry.Rejected("broker_unavailable");
        context.Response.Headers.RetryAfter = _gateway.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Problems.Write(
            context,
            StatusCodes.Status503ServiceUnavailable,
            "Kafka did not acknowledge the event",
            "Nothing was stored; retry the same delivery later.");
        return false;
    }

    private async Task RejectTooLarge(HttpContext context)
    {
        telemetry.Rejected("body_too_large");
        await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body must be at most {_gateway.MaxBodyBytes} bytes.");
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
        {
            return false;
        }

        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads the whole body into a pooled buffer, or returns null once it exceeds <paramref name="limit"/>.</summary>
    private static async Task<ArraySegment<byte>?> ReadBodyAsync(PipeReader reader, int limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var length = (int)buffer.Length;
                var array = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
                buffer.CopyTo(array);
                reader.AdvanceTo(buffer.End);
                return new ArraySegment<byte>(array, 0, length);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static ReadOnlyMemory<byte> AcceptedBody(string eventId)
    {
        // event_id is a hex digest: no escaping needed.
        return Encoding.UTF8.GetBytes("{\"event_id\":\"" + eventId + "\"}");
    }
}
